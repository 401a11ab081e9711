using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Mail;

/// <summary>The <c>Email</c> section of the configuration; every setting is described in appsettings.example.json.</summary>
public sealed class MailSettings
{
    public const string Section = "Email";

    public string From { get; set; } = "";
    public string FromName { get; set; } = "DialogPlanner";
    public SmtpSettings Smtp { get; set; } = new();
    /// <summary>Where .eml files go when no SMTP host is set; made absolute under the content root at start.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";
    public OutboxSettings Outbox { get; set; } = new();
    public ReminderSettings Reminders { get; set; } = new();
    /// <summary>
    /// The app's public address, e.g. https://dialog.ljungby.se, for the links in mail that background jobs
    /// write (reminders): they have no request to take the address from.
    /// </summary>
    public string PublicUrl { get; set; } = "";
    public ImapSettings Imap { get; set; } = new();

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The sender of every message; without SMTP a placeholder will do, since nothing leaves the machine.</summary>
    public MailboxAddress Sender() =>
        new(FromName, string.IsNullOrWhiteSpace(From) ? "dialogplanner@localhost" : From.Trim());

    public static bool IsAddress(string value) =>
        MailboxAddress.TryParse(value, out var mailbox)
        && mailbox.Address == value.Trim()
        && mailbox.Address.Split('@') is [{ Length: > 0 }, { Length: > 0 }];
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
    Auto,
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";

    public SecureSocketOptions SocketOptions => Security.ToSocketOptions();
}

public static class SmtpSecurityExtensions
{
    /// <summary>MailKit's name for the setting, the same for the SMTP and the IMAP connection.</summary>
    public static SecureSocketOptions ToSocketOptions(this SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}

public sealed class OutboxSettings
{
    public double PollSeconds { get; set; } = 5;
    public int MaxAttempts { get; set; } = 10;
    /// <summary>The wait after the first failure; it doubles with each further one up to <see cref="MaxRetrySeconds"/>.</summary>
    public double RetrySeconds { get; set; } = 15;
    public double MaxRetrySeconds { get; set; } = 3600;
    /// <summary>Messages one instance claims at a time (PostgreSQL); the others take the next ones.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>
    /// A batch's sent messages are saved together, and at least this often: a crash sends what went out since the
    /// last save again (same Message-Id).
    /// </summary>
    public double SaveSeconds { get; set; } = 1;
    /// <summary>
    /// How long a claim holds. An instance stops working on a batch after half of it, so a claim that ran out
    /// belongs to an instance that died, and another one takes the messages over.
    /// </summary>
    public double LeaseSeconds { get; set; } = 300;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetrySeconds, RetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}

public sealed class ReminderSettings
{
    /// <summary>How many days before an event its reminder goes out; 0 turns reminders off.</summary>
    public int DaysBefore { get; set; } = 2;
    /// <summary>How often the reminder job looks for events that have come within <see cref="DaysBefore"/>.</summary>
    public double CheckSeconds { get; set; } = 300;
}

/// <summary>Stops the app at start on settings that would only fail later, when the first mail is due.</summary>
public sealed class MailSettingsValidation : IValidateOptions<MailSettings>
{
    public ValidateOptionsResult Validate(string? name, MailSettings s)
    {
        var problems = new List<string>();
        if (s.UsesSmtp && !MailSettings.IsAddress(s.From))
            problems.Add($"Email:From must be the sender's e-mail address (e.g. dialogplanner@ljungby.se) when Email:Smtp:Host is set; it is '{s.From}'.");
        else if (!string.IsNullOrWhiteSpace(s.From) && !MailSettings.IsAddress(s.From))
            problems.Add($"Email:From '{s.From}' is not an e-mail address.");
        if (s.Smtp.Port is < 1 or > 65535) problems.Add($"Email:Smtp:Port {s.Smtp.Port} is not a port number.");
        if (s.Outbox.PollSeconds <= 0) problems.Add("Email:Outbox:PollSeconds must be above 0.");
        if (s.Outbox.MaxAttempts < 1) problems.Add("Email:Outbox:MaxAttempts must be at least 1.");
        if (s.Outbox.RetrySeconds <= 0 || s.Outbox.MaxRetrySeconds < s.Outbox.RetrySeconds)
            problems.Add("Email:Outbox:RetrySeconds must be above 0 and at most Email:Outbox:MaxRetrySeconds.");
        if (s.Reminders.DaysBefore is < 0 or > 60) problems.Add($"Email:Reminders:DaysBefore must be 0 (no reminders) to 60; it is {s.Reminders.DaysBefore}.");
        if (s.Reminders.CheckSeconds <= 0) problems.Add("Email:Reminders:CheckSeconds must be above 0.");
        if (!string.IsNullOrWhiteSpace(s.PublicUrl)
            && !(Uri.TryCreate(s.PublicUrl.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            problems.Add($"Email:PublicUrl must be the app's address starting with https:// (e.g. https://dialog.ljungby.se); it is '{s.PublicUrl}'.");
        else if (s.UsesSmtp && s.Reminders.DaysBefore > 0 && string.IsNullOrWhiteSpace(s.PublicUrl))
            problems.Add("Email:PublicUrl (e.g. https://dialog.ljungby.se) is required when Email:Smtp:Host is set, for the answer links in reminders; or set Email:Reminders:DaysBefore to 0.");
        problems.AddRange(s.Imap.Problems());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
