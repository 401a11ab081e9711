using MimeKit;

namespace DialogPlanner.Web.Features.Admin;

/// <summary>One .eml file of the pickup folder, as the development mail page lists and shows it.</summary>
public sealed record PickupMail(string Name, DateTimeOffset Date, string To, string Subject, MimeMessage Message)
{
    public static PickupMail Load(FileInfo file)
    {
        var message = MimeMessage.Load(file.FullName);
        var date = message.Headers.Contains(HeaderId.Date) ? message.Date : new DateTimeOffset(file.LastWriteTimeUtc);
        return new PickupMail(file.Name, date, message.To.ToString(), message.Subject ?? "", message);
    }

    /// <summary>The parts a reader cares about besides the text: calendar invitations and attachments.</summary>
    public IEnumerable<MimePart> OtherParts() =>
        Message.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment || !(p is TextPart t && (t.IsPlain || t.IsHtml)));
}
