using System.Text;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;
using MimeKit;
using MimeKit.Utils;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Why an invitee gets an e-mail; each kind has its own templates.</summary>
public enum InvitationKind
{
    /// <summary>The first invitation: a calendar REQUEST.</summary>
    Invitation,
    /// <summary>A changed time, place or text: a REQUEST with a raised SEQUENCE.</summary>
    Update,
    /// <summary>The event is off, or this invitee was taken off the list: a CANCEL.</summary>
    Cancellation,
    /// <summary>A reminder before the event: text only, no calendar part.</summary>
    Reminder,
}

/// <param name="Event">With the UID and SEQUENCE to send (raise the sequence before an update or cancel).</param>
/// <param name="Invitation">The one recipient: address, name, language and RSVP token.</param>
/// <param name="Organizer">The mailbox the mail comes from and replies return to; the ORGANIZER.</param>
/// <param name="EventUrl">The event's page for this invitee (absolute, from <see cref="Links"/>): their answer page.</param>
/// <param name="PrivacyUrl">The privacy notice of the event's municipality, which every mail links.</param>
/// <param name="NowUtc">The DTSTAMP and the Date header.</param>
/// <param name="PublicUrl">The public promise page, only when the event is public and a promise of its municipality is published.</param>
public sealed record InvitationMailRequest(
    Event Event,
    Invitation Invitation,
    InvitationKind Kind,
    CalendarPerson Organizer,
    string EventUrl,
    string PrivacyUrl,
    DateTime NowUtc,
    string? PublicUrl = null);

/// <summary>What the invitation, update, cancellation and reminder templates show; templates/email/README.md lists it for organisers.</summary>
public sealed record InvitationEmailModel(
    string Title,
    string EventType,
    string Starts,
    string Ends,
    string When,
    string Location,
    string Description,
    IReadOnlyList<string> DescriptionLines,
    string OrganizerName,
    string OrganizerEmail,
    string InviteeName,
    string EventUrl,
    string PublicUrl,
    string RecorderUrl,
    string AcceptUrl,
    string TentativeUrl,
    string DeclineUrl,
    string CancellationReason,
    string PrivacyUrl) : IEmailModel
{
    /// <summary>The values in the invitee's language, times in Stockholm time, with their personal answer links.</summary>
    public static InvitationEmailModel Create(InvitationMailRequest request, Links links)
    {
        var (ev, invitation) = (request.Event, request.Invitation);
        var t = MailLanguage.Of(invitation.Language);
        var start = StockholmTime.FromUtc(ev.StartsAtUtc);
        var end = StockholmTime.FromUtc(ev.EndsAtUtc);
        var description = ev.Description?.ReplaceLineEndings("\n").Trim() ?? "";
        return new(
            Title: ev.Title,
            EventType: t[EnumTexts.Of(ev.Type)].Value,
            Starts: t.DayAndTime(start),
            Ends: t.DayAndTime(end),
            When: start.Date == end.Date ? $"{t.DayAndTime(start)}–{t.Time(end)}" : $"{t.DayAndTime(start)} – {t.DayAndTime(end)}",
            Location: ev.Location,
            Description: description,
            DescriptionLines: description.Length == 0 ? [] : description.Split('\n'),
            OrganizerName: string.IsNullOrWhiteSpace(request.Organizer.Name) ? request.Organizer.Email : request.Organizer.Name,
            OrganizerEmail: request.Organizer.Email,
            InviteeName: invitation.Name ?? "",
            // Someone taken off the list has no page of the event any more (their link answers 404): no link to it.
            EventUrl: invitation.RemovedAtUtc is null ? request.EventUrl : "",
            PublicUrl: request.PublicUrl ?? "",
            // Walkers record what they see on the walk day through the same token: no account needed.
            RecorderUrl: Walks.WalkLookup.Types.Contains(ev.Type) ? links.Recorder(invitation.Token) : "",
            AcceptUrl: links.Rsvp(invitation.Token, RsvpStatus.Accepted),
            TentativeUrl: links.Rsvp(invitation.Token, RsvpStatus.Tentative),
            DeclineUrl: links.Rsvp(invitation.Token, RsvpStatus.Declined),
            CancellationReason: ev.CancellationReason ?? "",
            PrivacyUrl: request.PrivacyUrl);
    }
}

/// <summary>
/// The e-mail of one invitation, update, cancellation or reminder to one invitee, shaped as calendar
/// clients expect (rules 13–16 of docs/icalendar-rules.md): Outlook, Gmail, Apple Calendar and
/// Thunderbird then show Accept/Decline and apply updates and cancellations by themselves.
/// </summary>
public sealed class InvitationMail(EmailTemplates templates, Links links)
{
    public MimeMessage Build(InvitationMailRequest request)
    {
        var (invitation, organizer) = (request.Invitation, request.Organizer);
        var texts = templates.Render(MailLanguage.Of(invitation.Language), request.Kind.ToString().ToLowerInvariant(), InvitationEmailModel.Create(request, links));
        var nowUtc = DateTime.SpecifyKind(request.NowUtc, DateTimeKind.Utc);

        var message = texts.Message(invitation.Email, invitation.Name);
        // The ORGANIZER's own mailbox: replies from calendars come back where the app reads them.
        message.From.Add(new MailboxAddress(organizer.Name, organizer.Email));
        message.Date = new DateTimeOffset(nowUtc);
        message.MessageId = MimeUtils.GenerateMessageId(organizer.Email[(organizer.Email.LastIndexOf('@') + 1)..]);
        // Sent again at the same SEQUENCE, a REQUEST would look like an update to calendars: a reminder is text only.
        if (request.Kind == InvitationKind.Reminder) return message;

        var method = request.Kind == InvitationKind.Cancellation ? CalendarMethod.Cancel : CalendarMethod.Request;
        var recipient = new CalendarPerson(invitation.Email, invitation.Name);
        var ics = Encoding.UTF8.GetBytes(CalendarBuilder.Build(request.Event, method, organizer, [recipient], request.EventUrl, nowUtc));
        var alternative = (Multipart)message.Body!; // the plain and HTML texts, as RenderedEmail.Message made them
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
