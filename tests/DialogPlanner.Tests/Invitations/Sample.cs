using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using MimeKit;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Invitations;

/// <summary>One safety walk on the day the clocks go forward, its organiser and one invitee, and ways to read what was built.</summary>
internal static class Sample
{
    public const string EventUrl = "https://dialog.example.se/kommun/ljungby/events/7";
    public const string BaseUrl = "https://dialog.example.se/";
    public const string Token = "tok-EN_abc123";
    public static readonly CalendarPerson Organizer = new("trygghet@ljungby.example.se", "Ljungby kommun, trygghet");
    public static readonly CalendarPerson Attendee = new("asa@example.org", "Åsa Ö, Testsson");
    public static readonly DateTime Now = new(2026, 3, 1, 9, 30, 15, DateTimeKind.Utc);

    /// <summary>2026-03-29 10:00–12:00 in Stockholm, the day summer time starts: 08:00Z–10:00Z.</summary>
    public static Event Walk() => new()
    {
        Type = EventType.SafetyWalk,
        Title = "Trygghetsvandring i Centrum",
        Description = "Vi går genom centrum.\nTa med ficklampa.",
        StartsAtUtc = TestData.Stockholm(2026, 3, 29, 10),
        EndsAtUtc = TestData.Stockholm(2026, 3, 29, 12),
        Location = "Stortorget, Ljungby",
        Status = EventStatus.Scheduled,
        CalendarUid = "3f2c9a1e@dialogplanner",
        CalendarSequence = 0,
    };

    public static Invitation Invitee(string language = "sv") =>
        new() { Email = Attendee.Email, Name = Attendee.Name, Language = language, Token = Token };

    public static string Ics(Event ev, CalendarMethod method = CalendarMethod.Request, DateTime? now = null) =>
        CalendarBuilder.Build(ev, method, Organizer, [Attendee], EventUrl, now ?? Now);

    public static Calendar Parse(string ics) => Calendar.Load(ics) ?? throw new InvalidOperationException("No calendar.");

    /// <summary>The content lines, unfolded as RFC 5545 3.1 says, without trusting any library.</summary>
    public static string[] Lines(string ics) => ics.Replace("\r\n ", "").Replace("\r\n\t", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The one property line of that name directly inside the component (not in one nested in it).</summary>
    public static string Line(string ics, string name, string component = "VEVENT")
    {
        var open = new Stack<string>();
        var found = new List<string>();
        foreach (var line in Lines(ics))
        {
            if (line.StartsWith("BEGIN:", StringComparison.Ordinal)) open.Push(line[6..]);
            else if (line.StartsWith("END:", StringComparison.Ordinal)) open.Pop();
            else if (open.Peek() == component && (line.StartsWith(name + ":", StringComparison.Ordinal) || line.StartsWith(name + ";", StringComparison.Ordinal)))
                found.Add(line);
        }
        return Assert.Single(found);
    }

    /// <summary>The app's links when its public address is <see cref="BaseUrl"/>.</summary>
    public static readonly Links Links = new(BaseUrl);

    public static InvitationMail Mail() => new(new EmailTemplates(Repo.PathOf("templates", "email")), Links);

    public static InvitationMailRequest Request(InvitationKind kind, Event? ev = null, string language = "sv") =>
        new(ev ?? Walk(), Invitee(language), kind, Organizer, EventUrl, Privacy, Now);

    /// <summary>The privacy notice of the sample's municipality, which every mail links.</summary>
    public static readonly string Privacy = Links.Privacy("ljungby");

    /// <summary>Builds the message and reads it back from its wire form, as a mail client would.</summary>
    public static MimeMessage Received(InvitationMailRequest request)
    {
        using var wire = new MemoryStream();
        Mail().Build(request).WriteTo(wire);
        wire.Position = 0;
        return MimeMessage.Load(wire);
    }

    public static byte[] Decoded(MimePart part)
    {
        using var bytes = new MemoryStream();
        (part.Content ?? throw new InvalidOperationException("The part has no content.")).DecodeTo(bytes);
        return bytes.ToArray();
    }

    public static string Body(MimeMessage message, string subtype) =>
        message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", subtype)).Text;

    public static string Utf8(byte[] bytes) => new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
}
