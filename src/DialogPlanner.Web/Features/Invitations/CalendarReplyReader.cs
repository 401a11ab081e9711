using MimeKit;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>What an invitee's calendar answered: the event's UID and SEQUENCE, who, and their answer.</summary>
public sealed record CalendarReply(string Uid, int Sequence, string Attendee, RsvpStatus Answer);

/// <summary>Either the answer in a message, or why there is none.</summary>
public sealed record CalendarReplyReading(CalendarReply? Reply, SetAsideReason Problem = default, string? Detail = null)
{
    public static CalendarReplyReading Fail(SetAsideReason problem, string? detail = null) => new(null, problem, detail);
}

/// <summary>
/// Finds the iMIP REPLY (RFC 6047) in a message: a text/calendar part in the alternative body, an .ics
/// attachment, or the whole message (what a REPLY must hold: rule 12 of docs/icalendar-rules.md). The mailbox
/// takes mail from anyone, so every part may be garbage: nothing here throws, a message that cannot be read says why.
/// </summary>
public static class CalendarReplyReader
{
    /// <summary>At most this many calendar parts of one message are tried: a real answer has one.</summary>
    private const int MaxCalendarParts = 4;

    /// <param name="maxPartBytes">A calendar part longer than this, decoded, is not parsed (Email:Imap:MaxPartBytes).</param>
    public static CalendarReplyReading Read(MimeMessage message, int maxPartBytes = int.MaxValue)
    {
        CalendarReplyReading? firstProblem = null;
        foreach (var part in CalendarParts(message).Take(MaxCalendarParts))
        {
            var reading = ReadPart(part, maxPartBytes);
            if (reading.Reply is not null) return reading;
            firstProblem ??= reading;
        }
        return firstProblem ?? CalendarReplyReading.Fail(SetAsideReason.NoCalendar);
    }

    private static IEnumerable<MimePart> CalendarParts(MimeMessage message) =>
        message.BodyParts.OfType<MimePart>().Where(p =>
            p.ContentType.IsMimeType("text", "calendar")
            || p.ContentType.IsMimeType("application", "ics")
            || (p.FileName ?? p.ContentType.Name ?? "").EndsWith(".ics", StringComparison.OrdinalIgnoreCase));

    private static CalendarReplyReading ReadPart(MimePart part, int maxPartBytes)
    {
        Calendar? calendar;
        try
        {
            if (TextOf(part, maxPartBytes) is not { } text)
                return CalendarReplyReading.Fail(SetAsideReason.TooLarge, $"Calendar part over {maxPartBytes} bytes.");
            calendar = Calendar.Load(text);
        }
        catch (Exception e)
        {
            return CalendarReplyReading.Fail(SetAsideReason.UnreadableCalendar, $"{e.GetType().Name}: {e.Message}");
        }
        if (calendar is null) return CalendarReplyReading.Fail(SetAsideReason.UnreadableCalendar);
        try
        {
            return Interpret(calendar);
        }
        catch (Exception e)
        {
            // Ical.Net reads some values only when asked for them.
            return CalendarReplyReading.Fail(SetAsideReason.UnreadableCalendar, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The decoded part as text, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static string? TextOf(MimePart part, int maxBytes)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        if (content.Length > maxBytes) return null;
        if (part is TextPart text) return text.Text;
        return System.Text.Encoding.UTF8.GetString(content.ToArray());
    }

    private static CalendarReplyReading Interpret(Calendar calendar)
    {
        if (!string.Equals(calendar.Method?.Trim(), "REPLY", StringComparison.OrdinalIgnoreCase))
            return CalendarReplyReading.Fail(SetAsideReason.NotAReply, $"METHOD:{calendar.Method}");
        if (calendar.Events.FirstOrDefault() is not { } vevent)
            return CalendarReplyReading.Fail(SetAsideReason.UnreadableCalendar, "No VEVENT.");
        if (string.IsNullOrWhiteSpace(vevent.Uid))
            return CalendarReplyReading.Fail(SetAsideReason.UnknownEvent, "No UID.");
        if (vevent.Attendees.Count != 1)
            return CalendarReplyReading.Fail(SetAsideReason.NotOneAttendee, $"{vevent.Attendees.Count} ATTENDEE.");
        var attendee = vevent.Attendees[0];
        var address = AddressOf(attendee.Value);
        if (address is null)
            return CalendarReplyReading.Fail(SetAsideReason.NotOneAttendee, $"ATTENDEE:{attendee.Value}");
        var partStat = attendee.ParticipationStatus?.Trim().ToUpperInvariant();
        RsvpStatus? answer = partStat switch
        {
            "ACCEPTED" => RsvpStatus.Accepted,
            "TENTATIVE" => RsvpStatus.Tentative,
            "DECLINED" => RsvpStatus.Declined,
            _ => null,
        };
        if (answer is null) return CalendarReplyReading.Fail(SetAsideReason.UnknownAnswer, $"PARTSTAT={partStat}");
        return new(new CalendarReply(vevent.Uid.Trim(), vevent.Sequence, address, answer.Value));
    }

    /// <summary>The bare address of a <c>mailto:</c> URI, whatever the letter case of the scheme.</summary>
    public static string? AddressOf(Uri? uri)
    {
        var text = uri?.OriginalString.Trim() ?? "";
        if (!text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return null;
        var address = Uri.UnescapeDataString(text["mailto:".Length..]).Trim();
        return Mail.MailSettings.IsAddress(address) ? address : null;
    }
}
