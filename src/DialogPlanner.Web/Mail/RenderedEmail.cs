using System.Text;
using MimeKit;

namespace DialogPlanner.Web.Mail;

/// <summary>The three texts of one e-mail, rendered from the templates.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html)
{
    /// <summary>
    /// The message to one recipient: subject and both bodies. Sender, date and Message-Id are the outbox's
    /// defaults unless the caller sets them (an invitation comes from the ORGANIZER's mailbox).
    /// </summary>
    public MimeMessage Message(string email, string? name)
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(name, email));
        message.Subject = Subject;
        message.Body = Alternative();
        return message;
    }

    /// <summary>The plain and HTML bodies as one multipart/alternative, quoted-printable UTF-8.</summary>
    private Multipart Alternative() => new("alternative") { Part("plain", Text), Part("html", Html) };

    private static TextPart Part(string subtype, string text)
    {
        var part = new TextPart(subtype) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text);
        return part;
    }
}
