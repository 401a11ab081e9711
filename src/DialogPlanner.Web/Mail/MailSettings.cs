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

    public SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.StartTls,
    };
}

public sealed class OutboxSettings
{
    public double PollSeconds { get; set; } = 5;
    public int MaxAttempts { get; set; } = 10;
    /// <summary>The wait after the first failure; it doubles with each further one up to <see cref="MaxRetrySeconds"/>.</summary>
    public double RetrySeconds { get; set; } = 15;
    public double MaxRetrySeconds { get; set; } = 3600;

    public TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetrySeconds, RetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
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
        problems.AddRange(s.Imap.Problems());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
