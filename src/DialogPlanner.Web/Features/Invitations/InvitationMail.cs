using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// The e-mail of one invitation, update, cancellation or reminder to one invitee, shaped as
/// calendar clients expect (ICALENDAR.md rules 13–16): Outlook, Gmail, Apple Calendar and
/// Thunderbird then show Accept/Decline and apply updates and cancellations by themselves.
/// </summary>
public sealed class InvitationMail(EmailTemplates templates)
{
    public MimeMessage Build(InvitationMailRequest request)
    {
        var (invitation, organizer) = (request.Invitation, request.Organizer);
        var texts = templates.Render(invitation.Language, request.Kind.ToString().ToLowerInvariant(), InvitationEmailModel.Create(request));
        var nowUtc = DateTime.SpecifyKind(request.NowUtc, DateTimeKind.Utc);

        var message = new MimeMessage();
        // The ORGANIZER's own mailbox: replies from calendars come back where the app reads them.
        message.From.Add(new MailboxAddress(organizer.Name, organizer.Email));
        message.To.Add(new MailboxAddress(invitation.Name, invitation.Email));
        message.Subject = texts.Subject;
        message.Date = new DateTimeOffset(nowUtc);
        message.MessageId = MimeUtils.GenerateMessageId(organizer.Email[(organizer.Email.LastIndexOf('@') + 1)..]);

        var alternative = texts.Alternative();
        if (request.Kind == InvitationKind.Reminder)
        {
            // Sent again at the same SEQUENCE, a REQUEST would look like an update to calendars.
            message.Body = alternative;
            return message;
        }

        var method = request.Kind == InvitationKind.Cancellation ? CalendarMethod.Cancel : CalendarMethod.Request;
        var recipient = new CalendarPerson(invitation.Email, invitation.Name);
        var ics = Encoding.UTF8.GetBytes(CalendarBuilder.Build(request.Event, method, organizer, [recipient], request.EventUrl, nowUtc));
        alternative.Add(CalendarPart(ics, method));
        message.Body = new Multipart("mixed") { alternative, Attachment(ics, method) };
        return message;
    }

    /// <summary>
    /// What clients turn into Accept/Decline. No file name: MimeKit would make it an attachment,
    /// which Outlook does not treat as the invitation. Base64 keeps the CRLF lines intact.
    /// </summary>
    private static MimePart CalendarPart(byte[] ics, CalendarMethod method)
    {
        var part = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(ics)),
            ContentTransferEncoding = ContentEncoding.Base64,
        };
        part.ContentType.Parameters.Add("method", CalendarBuilder.MethodName(method));
        part.ContentType.Charset = "UTF-8";
        return part;
    }

    /// <summary>The same file for people and programs that only look at attachments.</summary>
    private static MimePart Attachment(byte[] ics, CalendarMethod method) => new("application", "ics")
    {
        Content = new MimeContent(new MemoryStream(ics)),
        ContentTransferEncoding = ContentEncoding.Base64,
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        FileName = method == CalendarMethod.Cancel ? "cancel.ics" : "invite.ics",
    };
}
