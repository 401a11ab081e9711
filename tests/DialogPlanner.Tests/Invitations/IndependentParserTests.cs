using System.Diagnostics;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

/// <summary>
/// Other parsers than the one that wrote the calendar: ical.js (inside Thunderbird) and libical's
/// RFC 5546 rule check. <c>./build.sh test</c> installs both.
/// </summary>
public sealed class IndependentParserTests
{
    public static TheoryData<string, int, string> Lifecycle => new()
    {
        { "REQUEST", 0, "CONFIRMED" },
        { "REQUEST", 1, "CONFIRMED" },
        { "CANCEL", 2, "CANCELLED" },
    };

    [Theory]
    [MemberData(nameof(Lifecycle))]
    public void Thunderbird_SeesTheEventInStockholmTime_WithOrganizerAndAttendee(string method, int sequence, string status)
    {
        var json = Run("node", ["tests/ical-check/check.mjs"], Build(method, sequence));
        var seen = JsonDocument.Parse(json).RootElement;

        Assert.Equal(method, seen.GetProperty("method").GetString());
        Assert.Equal(["2.0"], seen.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("3f2c9a1e@dialogplanner", seen.GetProperty("uid").GetString());
        Assert.Equal(sequence, seen.GetProperty("sequence").GetInt32());
        Assert.Equal(status, seen.GetProperty("status").GetString());
        Assert.Equal("Trygghetsvandring i Centrum 🔦 åäö", seen.GetProperty("summary").GetString());
        Assert.Equal("Europe/Stockholm", seen.GetProperty("dtstartZone").GetString());
        Assert.Equal("2026-03-29T10:00:00", seen.GetProperty("dtstart").GetString());
        Assert.Equal("2026-03-29T08:00:00Z", seen.GetProperty("dtstartUtc").GetString());
        Assert.Equal("2026-03-29T10:00:00Z", seen.GetProperty("dtendUtc").GetString());
        Assert.Equal("mailto:trygghet@ljungby.example.se", seen.GetProperty("organizer").GetString());
        var attendee = Assert.Single(seen.GetProperty("attendees").EnumerateArray());
        Assert.Equal("mailto:asa@example.org", attendee.GetProperty("address").GetString());
        Assert.Equal("Åsa Ö, Testsson", attendee.GetProperty("cn").GetString());
        Assert.Equal("NEEDS-ACTION", attendee.GetProperty("partstat").GetString());
        Assert.Equal("TRUE", attendee.GetProperty("rsvp").GetString());
        Assert.Equal("REQ-PARTICIPANT", attendee.GetProperty("role").GetString());
        Assert.Equal(method == "CANCEL" ? 0 : 1, seen.GetProperty("alarms").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Lifecycle))]
    public void Libical_FindsNoBrokenItipRule(string method, int sequence, string status)
    {
        _ = status;
        var json = Run("/usr/bin/python3", ["tests/ical-check/restriction_check.py"], Build(method, sequence));
        var result = JsonDocument.Parse(json).RootElement;
        Assert.True(result.GetProperty("valid").GetBoolean(), json);
    }

    [Fact]
    public void Libical_WouldCatchAMissingAttendee()
    {
        var withoutAttendee = string.Join("\r\n", Build("REQUEST", 0).Split("\r\n").Where(l => !l.StartsWith("ATTENDEE") && !l.StartsWith(" ")));
        var json = Run("/usr/bin/python3", ["tests/ical-check/restriction_check.py"], withoutAttendee);
        Assert.False(JsonDocument.Parse(json).RootElement.GetProperty("valid").GetBoolean(), json);
    }

    private static string Build(string method, int sequence)
    {
        var ev = Sample.Walk();
        ev.Title = "Trygghetsvandring i Centrum 🔦 åäö";
        ev.CalendarSequence = sequence;
        if (method == "CANCEL") ev.Status = EventStatus.Cancelled;
        return Sample.Ics(ev, method == "CANCEL" ? CalendarMethod.Cancel : CalendarMethod.Request);
    }

    private static string Run(string program, string[] arguments, string stdin)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(30_000), $"{program} did not finish.");
        Assert.True(process.ExitCode == 0,
            $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}); ./build.sh test installs what it needs " +
            $"(npm ci --prefix tests/ical-check; apt gir1.2-ical-3.0 python3-gi):\n{stderr.Result}");
        return stdout.Result;
    }
}
