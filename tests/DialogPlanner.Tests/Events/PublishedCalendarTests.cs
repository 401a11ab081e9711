using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises;
using Microsoft.Extensions.Localization;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Events;

/// <summary>The .ics text itself, without the web app: folding, escaping and culture.</summary>
public sealed class PublishedCalendarTests
{
    private static readonly Uri Page = new("https://dialog.example/kommun/ljungby");

    [Fact]
    public void SwedishLettersAndEmoji_SurviveEveryFoldPosition()
    {
        for (var pad = 0; pad < 90; pad++)
        {
            var title = new string('x', pad) + "Öppet möte 🌷 på torget, åäö 🚓 " + new string('y', pad % 7);
            var bytes = Encoding.UTF8.GetBytes(PublishedCalendar.Serialize([Meeting(title)], _ => Page, DateTime.UtcNow, new EchoLocalizer()));
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

            Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{pad}: {line}"));
            Assert.Equal(title, Assert.Single(Calendar.Load(text)!.Events).Summary);
        }
    }

    [Fact]
    public void SwedishCulture_DoesNotLeakIntoNumbers()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new("sv-SE");
            var meeting = Meeting("Trygghetsvandring");
            (meeting.Latitude, meeting.Longitude) = (56.8333, 13.9408);

            var text = PublishedCalendar.Serialize([meeting], _ => Page, DateTime.UtcNow, new EchoLocalizer());

            Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n", text);
            Assert.Contains("GEO:56.833300;13.940800\r\n", text);
            Assert.Equal("sv-SE", System.Globalization.CultureInfo.CurrentCulture.Name);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    private static Event Meeting(string title) =>
        TestData.Event(0, title, StockholmTime.ToUtc(new DateTime(DateTime.UtcNow.Year + 1, 4, 15, 18, 0, 0)), location: "Ljungby", isPublic: true);

    /// <summary>Answers with the Swedish key itself, as the app does for Swedish.</summary>
    private sealed class EchoLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(name, arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
