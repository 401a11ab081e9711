using System.Text;
using MimeKit;
using MimeKit.Text;

namespace DialogPlanner.Tests.Invitations;

/// <summary>
/// Answers as invitees' calendars mail them back (iMIP REPLY), written by hand in the shapes Outlook,
/// Thunderbird and a bare client send, so that the app is tested against them and not against itself.
/// </summary>
internal static class CalendarReplies
{
    public const string Organizer = "dialogplanner@test.example";

    /// <summary>
    /// Outlook/Exchange: multipart/alternative of text, HTML and text/calendar (base64), no ORGANIZER,
    /// MAILTO: in capitals, a Windows time zone, and the address as the invitee's mail server spells it.
    /// </summary>
    public static MimeMessage Outlook(string from, string uid, int sequence, string partStat, string attendee = "", string name = "Anna Andersson")
    {
        attendee = attendee.Length > 0 ? attendee : from;
        var ics = Lines(
            "BEGIN:VCALENDAR",
            "METHOD:REPLY",
            "PRODID:Microsoft Exchange Server 2010",
            "VERSION:2.0",
            "BEGIN:VTIMEZONE",
            "TZID:W. Europe Standard Time",
            "BEGIN:STANDARD",
            "DTSTART:16010101T030000",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:16010101T020000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"ATTENDEE;PARTSTAT={partStat};CN={name}:MAILTO:{attendee}",
            "COMMENT;LANGUAGE=sv-SE:\\n",
            "SUMMARY;LANGUAGE=sv-SE:Accepterat: Dialogmöte i Centrum",
            "DTSTART;TZID=W. Europe Standard Time:20261210T180000",
            "DTEND;TZID=W. Europe Standard Time:20261210T200000",
            $"UID:{uid}",
            "CLASS:PUBLIC",
            "PRIORITY:5",
            "DTSTAMP:20261127T091500Z",
            "TRANSP:OPAQUE",
            "STATUS:CONFIRMED",
            $"SEQUENCE:{sequence}",
            "LOCATION;LANGUAGE=sv-SE:Biblioteket",
            $"X-MICROSOFT-CDO-APPT-SEQUENCE:{sequence}",
            "X-MICROSOFT-CDO-REPLYTIME:20261127T091500Z",
            "END:VEVENT",
            "END:VCALENDAR");
        var message = Envelope(from, name, "Accepterat: Dialogmöte i Centrum");
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = "\r\n" },
            new TextPart(TextFormat.Html) { Text = "<html><body><p></p></body></html>" },
            CalendarPart(ics),
        };
        return message;
    }

    /// <summary>
    /// Thunderbird: multipart/mixed of a text, the text/calendar part and the same calendar as an .ics
    /// attachment, with ORGANIZER, lower-case mailto: and the attendee's other parameters kept.
    /// </summary>
    public static MimeMessage Thunderbird(string from, string uid, int sequence, string partStat, string name = "Per Persson")
    {
        var ics = Lines(
            "BEGIN:VCALENDAR",
            "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
            "VERSION:2.0",
            "METHOD:REPLY",
            "BEGIN:VEVENT",
            "CREATED:20261127T090000Z",
            "LAST-MODIFIED:20261127T091600Z",
            "DTSTAMP:20261127T091600Z",
            $"UID:{uid}",
            "SUMMARY:Dialogmöte i Centrum",
            $"ORGANIZER;CN=DialogPlanner:mailto:{Organizer}",
            $"ATTENDEE;RSVP=TRUE;CN={name};PARTSTAT={partStat};ROLE=REQ-PARTICIPANT:mailto:{from}",
            "DTSTART;TZID=Europe/Stockholm:20261210T180000",
            "DTEND;TZID=Europe/Stockholm:20261210T200000",
            $"SEQUENCE:{sequence}",
            "END:VEVENT",
            "END:VCALENDAR");
        var message = Envelope(from, name, "Avböjd: Dialogmöte i Centrum");
        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(ics))),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invite.ics",
        };
        message.Body = new Multipart("mixed")
        {
            new TextPart(TextFormat.Plain) { Text = $"{name} har avböjt din inbjudan till händelsen: Dialogmöte i Centrum" },
            CalendarPart(ics),
            attachment,
        };
        return message;
    }

    /// <summary>A client that sends nothing but the calendar: the whole message is text/calendar.</summary>
    public static MimeMessage Bare(string from, string uid, int sequence, string partStat, string name = "Lisa Larsson")
    {
        var ics = Lines(
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Bare client//EN",
            "METHOD:REPLY",
            "BEGIN:VEVENT",
            $"UID:{uid}",
            $"SEQUENCE:{sequence}",
            "DTSTAMP:20261127T091700Z",
            $"ATTENDEE;PARTSTAT={partStat}:mailto:{from}",
            "END:VEVENT",
            "END:VCALENDAR");
        var message = Envelope(from, name, "Svar: Dialogmöte i Centrum");
        message.Body = CalendarPart(ics);
        return message;
    }

    /// <summary>An ordinary e-mail, e.g. someone answering the invitation in words.</summary>
    public static MimeMessage Plain(string from, string subject = "Sv: Inbjudan till dialogmöte")
    {
        var message = Envelope(from, "Någon", subject);
        message.Body = new TextPart(TextFormat.Plain) { Text = "Hej! Jag kommer gärna.\r\n" };
        return message;
    }

    /// <summary>A text/calendar part that is not a calendar.</summary>
    public static MimeMessage Broken(string from, string subject = "Trasig kalender")
    {
        var message = Envelope(from, "Någon", subject);
        message.Body = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = "Se bifogad kalender.\r\n" },
            CalendarPart("BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID;;;:\r\nATTENDEE;PARTSTAT=\"\r\n\u0001\u0002\u00ff garbage ::: \r\nEND:VCALENDAR\r\nEND:VEVENT\r\n"),
        };
        return message;
    }

    private static MimeMessage Envelope(string from, string name, string subject)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress(name, from));
        message.To.Add(new MailboxAddress("DialogPlanner", Organizer));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("client.test.example");
        return message;
    }

    private static TextPart CalendarPart(string ics)
    {
        var part = new TextPart("calendar") { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, ics);
        part.ContentType.Parameters.Add("method", "REPLY");
        return part;
    }

    private static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
