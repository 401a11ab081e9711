using MailKit.Security;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// <c>Email:Imap</c>: the mailbox that calendar answers (iMIP REPLY) arrive in, i.e. the mailbox of
/// <c>Email:From</c>, which every invitation names as ORGANIZER. No host: nothing is read.
/// </summary>
public sealed class ImapSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 993;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.SslOnConnect;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>Where new answers arrive.</summary>
    public string Folder { get; set; } = "INBOX";
    /// <summary>Answers that were read go here, so that each one is handled once. Levels are separated by '/'.</summary>
    public string HandledFolder { get; set; } = "DialogPlanner/Behandlade";
    /// <summary>Messages that could not be used as an answer go here, and are listed for the administrator.</summary>
    public string SetAsideFolder { get; set; } = "DialogPlanner/Lästes inte";
    /// <summary>How long the worker waits between looks when the server cannot tell it about new mail (IDLE).</summary>
    public double PollSeconds { get; set; } = 60;
    /// <summary>
    /// A message larger than this (the server's own count, before anything is downloaded) is set aside unread:
    /// a calendar answer is a few kilobytes, even with an Outlook body around it.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 1_000_000;
    /// <summary>A calendar part larger than this, decoded, is not parsed; the message is set aside.</summary>
    public int MaxPartBytes { get; set; } = 200_000;
    /// <summary>
    /// The authserv-id of the receiving mail server (the first word of its Authentication-Results header, e.g.
    /// mx.ljungby.se). When set, an answer counts only when that server says DMARC passed, or DKIM passed for the
    /// From domain; others are set aside. Empty (default): the sender's address is taken as it stands.
    /// </summary>
    public string TrustAuthenticationResults { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public SecureSocketOptions SocketOptions => Security.ToSocketOptions();

    public IEnumerable<string> Problems()
    {
        if (!IsConfigured) yield break;
        if (Port is < 1 or > 65535) yield return $"Email:Imap:Port {Port} is not a port number.";
        if (string.IsNullOrWhiteSpace(User)) yield return "Email:Imap:User is required when Email:Imap:Host is set.";
        if (PollSeconds <= 0) yield return "Email:Imap:PollSeconds must be above 0.";
        if (MaxMessageBytes <= 0 || MaxPartBytes <= 0) yield return "Email:Imap:MaxMessageBytes and MaxPartBytes must be above 0.";
        var folders = new[] { Folder, HandledFolder, SetAsideFolder }.Select(f => f.Trim().Trim('/')).ToList();
        if (folders.Any(f => f.Length == 0)) yield return "Email:Imap:Folder, HandledFolder and SetAsideFolder must not be empty.";
        else if (folders.Distinct(StringComparer.OrdinalIgnoreCase).Count() < 3)
            yield return "Email:Imap:Folder, HandledFolder and SetAsideFolder must be three different folders.";
    }
}
