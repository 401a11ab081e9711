using DialogPlanner.Web.Features.Invitations;
using MimeKit;

namespace DialogPlanner.Tests.Invitations;

/// <summary>The MIME shape that makes Outlook, Gmail, Apple Mail and Thunderbird see an invitation (docs/icalendar-rules.md, rules 13–16).</summary>
public sealed class InvitationMailStructureTests
{
    [Theory]
    [InlineData(InvitationKind.Invitation, "REQUEST", "invite.ics")]
    [InlineData(InvitationKind.Update, "REQUEST", "invite.ics")]
    [InlineData(InvitationKind.Cancellation, "CANCEL", "cancel.ics")]
    public void Parts_AreMixed_OfAlternativePlainHtmlCalendar_ThenTheIcsAttachment(InvitationKind kind, string method, string fileName)
    {
        var message = Sample.Received(Sample.Request(kind, CancelledIfNeeded(kind)));

        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        Assert.Equal(2, mixed.Count);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var attachment = Assert.IsType<MimePart>(mixed[1]);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.True(attachment.IsAttachment);
        Assert.Equal(fileName, attachment.FileName);

        var calendar = (MimePart)alternative[2];
        Assert.Equal(method, calendar.ContentType.Parameters["method"]);
        Assert.Equal("METHOD:" + method, Sample.Line(Sample.Utf8(Sample.Decoded(calendar)), "METHOD", "VCALENDAR"));
    }

    [Fact]
    public void CalendarPart_IsUtf8Base64_AndNotAnAttachment()
    {
        var message = Sample.Received(Sample.Request(InvitationKind.Invitation));
        var calendar = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("UTF-8", calendar.ContentType.Charset, ignoreCase: true);
        Assert.Equal(ContentEncoding.Base64, calendar.ContentTransferEncoding);
        Assert.Null(calendar.ContentDisposition);
        Assert.Null(calendar.FileName);
        Assert.False(calendar.IsAttachment);
        Assert.Null(calendar.ContentType.Name);
    }

    [Fact]
    public void Attachment_HoldsTheSameBytes_AsTheCalendarPart()
    {
        var message = Sample.Received(Sample.Request(InvitationKind.Invitation));
        var calendar = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal(ContentEncoding.Base64, attachment.ContentTransferEncoding);
        Assert.Equal(Sample.Decoded(calendar), Sample.Decoded(attachment));
    }

    [Fact]
    public void From_IsTheOrganizer_AndTo_IsTheInvitee_WhoIsTheOnlyAttendee()
    {
        var message = Sample.Received(Sample.Request(InvitationKind.Invitation));
        var from = Assert.IsType<MailboxAddress>(Assert.Single(message.From));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        var ics = Sample.Utf8(Sample.Decoded(message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("text", "calendar"))));
        var ev = Sample.Parse(ics).Events.Single();
        Assert.Equal("mailto:" + from.Address, ev.Organizer!.Value?.ToString());
        Assert.Equal("Ljungby kommun, trygghet", from.Name);
        Assert.Equal(("asa@example.org", "Åsa Ö, Testsson"), (to.Address, to.Name));
        Assert.Equal("mailto:" + to.Address, Assert.Single(ev.Attendees).Value?.ToString());
    }

    [Fact]
    public void TheOrganizer_IsNeverTheRecipient()
    {
        var invitee = Sample.Invitee();
        invitee.Email = Sample.Organizer.Email;
        var request = Sample.Request(InvitationKind.Invitation) with { Invitation = invitee };
        Assert.Throws<ArgumentException>(() => Sample.Mail().Build(request));
    }

    [Fact]
    public void MessageId_IsUnique_AndDateIsNow()
    {
        var first = Sample.Mail().Build(Sample.Request(InvitationKind.Invitation));
        var second = Sample.Mail().Build(Sample.Request(InvitationKind.Invitation));
        Assert.False(string.IsNullOrEmpty(first.MessageId));
        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.EndsWith("@ljungby.example.se", first.MessageId);
        Assert.Equal(new DateTimeOffset(Sample.Now), first.Date);
    }

    [Fact]
    public void Reminder_IsTextOnly_WithoutACalendar()
    {
        var message = Sample.Received(Sample.Request(InvitationKind.Reminder));
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
    }

    private static Web.Features.Events.Event? CancelledIfNeeded(InvitationKind kind)
    {
        if (kind != InvitationKind.Cancellation) return null;
        var ev = Sample.Walk();
        (ev.Status, ev.CalendarSequence) = (Web.Features.Events.EventStatus.Cancelled, 1);
        return ev;
    }
}
