using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Promises;

public sealed class PromiseImportTests
{
    private static PromiseTemplate Ljungby()
    {
        var read = PromiseTemplateReader.Read(File.ReadAllBytes(Repo.PathOf("templates", "promises", "ljungby-2024.json")));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        return read.Template!;
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LjungbyTemplate_ImportsEveryFocusAreaAndPledgeOfTheSeed(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        using var scope = app.Services.CreateScope();

        var summary = await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(Ljungby(), replace: false);

        // The seed has 6 focus areas with 2 + 5 + 3 + 2 + 2 + 7 bullets.
        Assert.Equal((ImportOutcome.Created, 6, 21), (summary.Outcome, summary.FocusAreas, summary.Pledges));
        await using var db = app.CreateDbContext();
        var promise = await db.CitizenPromises.Include(p => p.Municipality).Include(p => p.FocusAreas).ThenInclude(f => f.Pledges).SingleAsync();
        Assert.Equal(("Ljungby", 2024), (promise.Municipality.Name, promise.Year));
        var areas = promise.FocusAreas.OrderBy(a => a.SortOrder).ToList();
        Assert.Equal([2, 5, 3, 2, 2, 7], areas.Select(a => a.Pledges.Count));
        Assert.Equal("Klotter och skadegörelser har ökat", areas[0].Title);
        Assert.Equal("Oro för inbrott och våld i samhället", areas[5].Title);
        var pledges = areas.SelectMany(a => a.Pledges).ToList();
        Assert.Contains(pledges, p => p.Text == "Ljungby kommun ska sanera klotter och åtgärda skadegörelse skyndsamt." && p.Responsible == PledgeParty.Municipality && p.YearlyTarget is null);
        Assert.Contains(pledges, p => p.Text == "Arbete med materialet ”Gängsnacket” kommer att påbörjas.");

        // The measurable pledges of the DOMAIN.md table.
        var targets = pledges.Where(p => p.YearlyTarget is not null)
            .Select(p => (p.EventType, p.YearlyTarget!.Value, p.TargetIsMinimum, p.Responsible)).OrderBy(t => t.ToString()).ToList();
        Assert.Equal(new (EventType?, int, bool, PledgeParty)[]
        {
            (EventType.DialogueMeeting, 2, false, PledgeParty.Both),
            (EventType.SafetyWalk, 2, false, PledgeParty.Both),
            (EventType.NeighbourhoodWatchMeeting, 1, true, PledgeParty.Both),
            (EventType.LandlordMeeting, 1, false, PledgeParty.Both),
            (EventType.CentreAssociationMeeting, 1, false, PledgeParty.Police),
            (EventType.FarmWalk, 1, false, PledgeParty.Police),
            (null, 12, false, PledgeParty.Police),
            (null, 4, false, PledgeParty.Municipality),
        }.OrderBy(t => t.ToString()), targets);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportingTheSameYearTwice_AsksFirst_AndReplacingKeepsEventLinks(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(Ljungby(), replace: false);
        int walkPledgeId;
        await using (var db = app.CreateDbContext())
        {
            var walkPledge = await db.Pledges.Include(p => p.FocusArea).ThenInclude(f => f.CitizenPromise).SingleAsync(p => p.EventType == EventType.SafetyWalk);
            walkPledgeId = walkPledge.Id;
            db.Events.Add(TestData.Walk(walkPledge.FocusArea.CitizenPromise.MunicipalityId, "Vandring", TestData.Stockholm(2024, 10, 10, 19), status: EventStatus.Draft)
                .With(w => w.PledgeId = walkPledge.Id));
            await db.SaveChangesAsync();
        }

        var changed = Ljungby() with { Title = "Medborgarlöfte 2024 (reviderat)" };
        changed.FocusAreas![0].Pledges!.RemoveAt(0);
        PromiseImporter.Summary again, replaced;
        using (var scope = app.Services.CreateScope())
            again = await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(changed, replace: false);
        await using (var db = app.CreateDbContext())
            Assert.Equal((21, "Medborgarlöfte 2024"), (await db.Pledges.CountAsync(), (await db.CitizenPromises.SingleAsync()).Title));
        using (var scope = app.Services.CreateScope())
            replaced = await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(changed, replace: true);

        Assert.Equal(ImportOutcome.ExistsAlready, again.Outcome);
        Assert.Equal((ImportOutcome.Replaced, 20), (replaced.Outcome, replaced.Pledges));
        await using var check = app.CreateDbContext();
        Assert.Equal(1, await check.CitizenPromises.CountAsync());
        Assert.Equal(6, await check.FocusAreas.CountAsync());
        Assert.Equal(20, await check.Pledges.CountAsync());
        Assert.Equal("Medborgarlöfte 2024 (reviderat)", (await check.CitizenPromises.SingleAsync()).Title);
        Assert.Equal(walkPledgeId, (await check.Events.SingleAsync()).PledgeId);
    }
}
