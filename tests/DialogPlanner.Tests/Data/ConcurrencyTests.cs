using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Data;

public sealed class ConcurrencyTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Event_SecondOfTwoConcurrentEdits_IsRejected(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int id;
        await using (var db = await database.CreateMigratedContextAsync())
        {
            var e = TestData.Event(0, startsAtUtc: TestData.Stockholm(2026, 10, 25, 18), status: EventStatus.Draft)
                .With(e => e.Municipality = TestData.Municipality("Ljungby"));
            db.Events.Add(e);
            await db.SaveChangesAsync();
            id = e.Id;
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Events.SingleAsync(e => e.Id == id);
        var b = await second.Events.SingleAsync(e => e.Id == id);
        a.Title = "Dialogmöte, ny titel";
        await first.SaveChangesAsync();
        b.Location = "Kommunhuset";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = database.CreateContext();
        var stored = await check.Events.SingleAsync(e => e.Id == id);
        Assert.Equal(("Dialogmöte, ny titel", "Biblioteket"), (stored.Title, stored.Location));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task FollowUpTask_StaleVersionFromAForm_IsRejected(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        FollowUpTask task;
        await using (var db = await database.CreateMigratedContextAsync())
        {
            var municipality = TestData.Municipality("Ljungby");
            task = new FollowUpTask
            {
                Municipality = municipality, Title = "Klipp buskage", DueDate = new DateOnly(2026, 12, 1),
                ResponsibleOrganisation = new Organisation { Municipality = municipality, Name = "Gatuavdelningen" },
            };
            db.FollowUpTasks.Add(task);
            await db.SaveChangesAsync();
        }
        var versionShownInForm = task.Version;

        await using (var other = database.CreateContext())
        {
            (await other.FollowUpTasks.SingleAsync()).Status = DialogPlanner.Web.Features.Tasks.FollowUpStatus.InProgress;
            await other.SaveChangesAsync();
        }

        // A form posts back the version it was rendered with.
        await using var db2 = database.CreateContext();
        var fresh = await db2.FollowUpTasks.SingleAsync();
        db2.Entry(fresh).Property(t => t.Version).OriginalValue = versionShownInForm;
        fresh.Status = DialogPlanner.Web.Features.Tasks.FollowUpStatus.Done;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
    }
}
