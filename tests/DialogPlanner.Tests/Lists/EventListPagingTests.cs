using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Tests.Lists;

/// <summary>The events list pages, filters and searches in the database, on both providers.</summary>
public sealed class EventListPagingTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FiftyRowsAPage_UpcomingFirst_ThenMostRecent(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var now = DateTime.UtcNow;
        await using (var db = app.CreateDbContext())
        {
            // 30 upcoming (in 1..30 days) and 40 past (1..40 days ago), saved in a shuffled order.
            db.Events.AddRange(Enumerable.Range(1, 30).Select(d => TestData.Event(ljungby.Id, $"Kommande {d:00}", now.AddDays(d)))
                .Concat(Enumerable.Range(1, 40).Select(d => TestData.Event(ljungby.Id, $"Tidigare {d:00}", now.AddDays(-d), status: EventStatus.Held)))
                .OrderBy(e => e.Title.GetHashCode()));
            await db.SaveChangesAsync();
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var first = await organiser.GetDocumentAsync("/events");
        var second = await organiser.GetDocumentAsync(NextLink(first)!);

        var titles = Titles(first).Concat(Titles(second)).ToList();
        Assert.Equal(50, Titles(first).Count);
        Assert.Equal(
            Enumerable.Range(1, 30).Select(d => $"Kommande {d:00}").Concat(Enumerable.Range(1, 40).Select(d => $"Tidigare {d:00}")),
            titles);
        Assert.Equal("1", Current(first));
        Assert.Equal("2", Current(second));
        Assert.Null(NextLink(second));
        Assert.Contains("Visar 51–70 av 70", second.QuerySelector(".page-summary")!.TextContent);
        // Out of range, by mistake or on purpose: the nearest page, not an error.
        Assert.Equal("2", Current(await organiser.GetDocumentAsync("/events?page=99999999")));
        Assert.Equal("1", Current(await organiser.GetDocumentAsync("/events?page=-3")));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_AndSearchWithÅÄÖ_AreKeptByThePage2Link(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var start = TestData.Stockholm(2027, 3, 1, 18);
        await using (var db = app.CreateDbContext())
        {
            // 60 walks at "Ängshagen" in 2027: the matches. Around them what each filter must leave out.
            db.Events.AddRange(Enumerable.Range(0, 60).Select(i =>
                TestData.Walk(ljungby.Id, $"Vandring {i:00}", start.AddDays(i), location: "ÄNGSHAGEN, Östra Ljungby")));
            db.Events.AddRange(
                TestData.Event(ljungby.Id, "Dialogmöte Ängshagen", start, location: "Ängshagen"),                     // another type
                TestData.Walk(ljungby.Id, "Vandring Ängshagen 2026", TestData.Stockholm(2026, 12, 31, 18), location: "x"), // another year
                TestData.Walk(ljungby.Id, "Vandring Ängshagen inställd", start, status: EventStatus.Cancelled),          // another status
                TestData.Walk(ljungby.Id, "Vandring Bergsvägen", start, location: "Bergsvägen"),                          // no match
                TestData.Walk(alvesta.Id, "Vandring Ängshagen Alvesta", start, location: "Ängshagen"));                   // not theirs
            await db.SaveChangesAsync();
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        // The filter form is a GET form: what a browser submits is its fields as query values.
        var form = await organiser.GetDocumentAsync("/events");
        Assert.NotNull(form.QuerySelector("form[method=get][role=search] input[name=q]"));
        var first = await organiser.GetDocumentAsync("/events?q=%C3%A4ngshagen&year=2027&type=SafetyWalk&status=Scheduled");
        var link = NextLink(first)!;
        var second = await organiser.GetDocumentAsync(link);

        Assert.Contains("q=%C3%A4ngshagen", link);
        Assert.Contains("type=SafetyWalk", link);
        Assert.Contains("year=2027", link);
        Assert.Contains("status=Scheduled", link);
        Assert.Equal(50, Titles(first).Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"Vandring {i:00}").Order(), Titles(first).Concat(Titles(second)).Order());
        Assert.Equal("ängshagen", second.QuerySelector("input[name=q]")!.GetAttribute("value"));
        Assert.NotNull(second.QuerySelector("select[name=type] option[value=SafetyWalk][selected]"));
        // Upper-case search for a title in mixed case, and the pledge filter with no match.
        Assert.Equal(["Dialogmöte Ängshagen"], Titles(await organiser.GetDocumentAsync("/events?q=DIALOGM%C3%96TE")));
        Assert.Empty(Titles(await organiser.GetDocumentAsync("/events?pledge=12345")));
    }

    [Fact]
    public async Task EnglishPager_IsTranslated()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using (var db = app.CreateDbContext())
        {
            db.Events.AddRange(Enumerable.Range(0, 51).Select(i => TestData.Event(ljungby.Id, $"Möte {i}")));
            await db.SaveChangesAsync();
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var page = await organiser.GetDocumentAsync("/events?culture=en");

        Assert.Equal("Pages", page.QuerySelector("nav.pager")!.GetAttribute("aria-label"));
        Assert.Equal("Next", page.QuerySelector("nav.pager a[rel=next]")!.TextContent);
        Assert.Contains("Showing 1–50 of 51", page.QuerySelector(".page-summary")!.TextContent);
    }

    internal static List<string> Titles(IHtmlDocument page) =>
        page.QuerySelectorAll("table tbody tr td:nth-child(2) a").Select(a => a.TextContent.Trim()).ToList();

    internal static string? NextLink(IHtmlDocument page) => page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");

    internal static string? Current(IHtmlDocument page) => page.QuerySelector("nav.pager a[aria-current=page]")?.TextContent;
}
