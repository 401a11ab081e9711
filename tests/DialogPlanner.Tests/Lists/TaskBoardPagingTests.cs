using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using static DialogPlanner.Tests.Lists.EventListPagingTests;

namespace DialogPlanner.Tests.Lists;

/// <summary>The task board pages, filters, searches and counts per status in the database, on both providers.</summary>
public sealed class TaskBoardPagingTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Filters_Counts_AndSearchWithÅÄÖ_AreKeptByThePage2Link(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var landlord = await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            // 55 high-priority street tasks about "Övergångsställe", overdue: the matches.
            db.FollowUpTasks.AddRange(Enumerable.Range(0, 55).Select(i =>
                TestData.Task(ljungby.Id, street.Id, $"Måla ÖVERGÅNGSSTÄLLE {i:00}", FollowUpStatus.InProgress, today.AddDays(-60 + i))
                    .With(t => t.Priority = TaskPriority.High)));
            db.FollowUpTasks.AddRange(
                TestData.Task(ljungby.Id, landlord.Id, "Övergångsställe vid huset", dueDate: today.AddDays(-1)).With(t => t.Priority = TaskPriority.High), // other organisation
                TestData.Task(ljungby.Id, street.Id, "Övergångsställe, normal", dueDate: today.AddDays(-1)),                                                  // other priority
                TestData.Task(ljungby.Id, street.Id, "Övergångsställe i tid", dueDate: today.AddDays(5)).With(t => t.Priority = TaskPriority.High),          // not overdue
                TestData.Task(ljungby.Id, street.Id, "Övergångsställe klart", FollowUpStatus.Done, today.AddDays(-5)).With(t => t.Priority = TaskPriority.High),
                TestData.Task(ljungby.Id, street.Id, "Byt lampa", dueDate: today.AddDays(-1)).With(t => t.Priority = TaskPriority.High));                  // no match
            var walk = TestData.Walk(ljungby.Id, "Vandring Åby");
            db.Events.Add(walk);
            db.Findings.Add(TestData.Finding(walk, FindingCategory.Lighting, "Mörkt",
                TestData.Task(ljungby.Id, street.Id, "Ny lampa vid Åby", dueDate: today.AddDays(3))));
            await db.SaveChangesAsync();
            walkId = walk.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var query = $"/tasks?q=%C3%B6verg%C3%A5ngsst%C3%A4lle&organisation={street.Id}&priority=High&overdue=true";
        var first = await organiser.GetDocumentAsync(query);
        var link = NextLink(first)!;
        var second = await organiser.GetDocumentAsync(link);

        foreach (var kept in new[] { "q=%C3%B6verg%C3%A5ngsst%C3%A4lle", $"organisation={street.Id}", "priority=High", "overdue=true", "page=2" })
            Assert.Contains(kept, link);
        Assert.Equal(50, Titles(first).Count);
        Assert.Equal(Enumerable.Range(0, 55).Select(i => $"Måla ÖVERGÅNGSSTÄLLE {i:00}"), Titles(first).Concat(Titles(second)));
        Assert.Equal("2", Current(second));
        Assert.NotNull(second.QuerySelector($"select[name=organisation] option[value='{street.Id}'][selected]"));
        Assert.NotNull(second.QuerySelector("input[name=overdue][checked]"));
        // Counts per status under the same filters (the closed one is not overdue, so it is not counted either).
        var counts = first.QuerySelectorAll("nav.filters a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Öppna (55)", counts);
        Assert.Contains("Pågår (55)", counts);
        Assert.Contains("Avslutade (0)", counts);

        var unfiltered = await organiser.GetDocumentAsync("/tasks?q=%C3%96VERG%C3%85NGSST%C3%84LLE");
        Assert.Contains("Öppna (58)", unfiltered.QuerySelectorAll("nav.filters a").Select(a => a.TextContent.Trim()));
        Assert.Contains("Klar (1)", unfiltered.QuerySelectorAll("nav.filters a").Select(a => a.TextContent.Trim()));
        Assert.Equal(["Övergångsställe klart"], Titles(await organiser.GetDocumentAsync("/tasks?closed=true&q=%C3%B6verg")));
        Assert.Equal(["Ny lampa vid Åby"], Titles(await organiser.GetDocumentAsync($"/tasks?walk={walkId}")));
        Assert.Contains("Vandring Åby", (await organiser.GetDocumentAsync($"/tasks?walk={walkId}")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task TaskOwner_SeesOnlyTheirOrganisation_WhateverTheFilterSays()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var landlord = await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder");
        await using (var db = app.CreateDbContext())
        {
            db.FollowUpTasks.AddRange(TestData.Task(ljungby.Id, street.Id, "Byt lampa"), TestData.Task(ljungby.Id, landlord.Id, "Lås porten"));
            await db.SaveChangesAsync();
        }
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password);

        var page = await owner.GetDocumentAsync($"/tasks?organisation={landlord.Id}&q=l");
        Assert.Equal(["Byt lampa"], Titles(page));
        Assert.Null(page.QuerySelector("select[name=organisation]"));
        Assert.Contains("Öppna (1)", page.QuerySelectorAll("nav.filters a").Select(a => a.TextContent.Trim()));
    }
}
