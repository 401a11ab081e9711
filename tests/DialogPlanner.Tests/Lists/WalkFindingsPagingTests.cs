using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Tests.Lists;

/// <summary>A walk's findings page, filter by category and search text and place in the database.</summary>
public sealed class WalkFindingsPagingTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManyFindings_ArePaged_FilteredByCategoryAndText_AndPageTwoKeepsTheFilters(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id);
            db.Events.Add(walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
            db.Findings.AddRange(Enumerable.Range(0, 120).Select(i => TestData.Finding(walkId, FindingCategory.Litter, $"Skräp {i:000}")));
            db.Findings.AddRange(Enumerable.Range(0, 70).Select(i => TestData.Finding(walkId, FindingCategory.Lighting, $"Lampa {i:00}", place: "Östra Ågatan")));
            db.Findings.Add(TestData.Finding(walkId, FindingCategory.Litter, "Skräp vid Östra Ågatan", place: "Torget"));
            db.Findings.Add(TestData.Finding(walkId, FindingCategory.Lighting, "Borttagen lampa", place: "Östra Ågatan").With(f => f.RemovedAtUtc = DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var all = await organiser.GetDocumentAsync($"/walks/{walkId}");
        Assert.Equal(50, all.QuerySelectorAll("table.findings-table tbody tr").Length);
        Assert.Contains("av 191", all.QuerySelector(".page-summary")!.TextContent);

        // Lighting at "östra ågatan", typed in lower case: 70 findings, two pages; the litter one with the street in its text is another category.
        var first = await organiser.GetDocumentAsync($"/walks/{walkId}?category=Lighting&q=%C3%B6stra+%C3%A5gatan");
        var link = EventListPagingTests.NextLink(first)!;
        Assert.Contains("category=Lighting", link);
        Assert.Contains("q=%C3%B6stra", link);
        var second = await organiser.GetDocumentAsync(link);
        Assert.Equal("2", EventListPagingTests.Current(second));
        var texts = first.QuerySelectorAll("table.findings-table tbody tr td:nth-child(3)").Concat(second.QuerySelectorAll("table.findings-table tbody tr td:nth-child(3)"))
            .Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(0, 70).Select(i => $"Lampa {i:00}"), texts);

        var anyCategory = await organiser.GetDocumentAsync($"/walks/{walkId}?q=%C3%96STRA+%C3%85GATAN");
        Assert.Contains("av 71", anyCategory.QuerySelector(".page-summary")!.TextContent); // the 70 lamps and the litter text; not the removed one

        var none = await organiser.GetDocumentAsync($"/walks/{walkId}?q=finns+inte");
        Assert.Contains("Inga iakttagelser hittades.", none.Body!.TextContent);
        Assert.Equal("finns inte", none.QuerySelector("#findings-q")!.GetAttribute("value"));
    }
}
