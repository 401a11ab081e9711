using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Home;

/// <summary>
/// The start page of the roles that mostly use a phone: a task owner's open tasks and a participant's walks, each line
/// leading to where it is dealt with, fitting 390 px and passing axe.
/// </summary>
public sealed class StartPageTests(DemoYearApp app, Chromium chromium) : IClassFixture<DemoYearApp>, IClassFixture<Chromium>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
    };

    [Fact]
    public async Task TaskOwner_AndParticipant_SeeTheirWork_OnAPhone()
    {
        int walkId;
        await using (var db = app.Factory.CreateDbContext())
        {
            var ljungby = await db.Municipalities.SingleAsync(m => m.Name == "Ljungby");
            var organisation = await db.Organisations.FirstAsync(o => o.MunicipalityId == ljungby.Id);
            db.FollowUpTasks.Add(TestData.Task(ljungby.Id, organisation.Id, "Beskär häcken vid Kungsgatans övergångsställe", dueDate: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2))));
            var walk = TestData.Walk(ljungby.Id, "Trygghetsvandring Haganäs", DateTime.UtcNow.AddDays(3), invitations: [TestData.Invitation("start-walker@example.test", "Ida Walker")]);
            db.Events.Add(walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
            await app.Factory.AddUserAsync("start-owner@example.test", Roles.TaskOwner, organisationId: organisation.Id);
        }
        var (owner, participant) = ("start-owner@example.test", await app.Factory.AddUserAsync("start-walker@example.test", Roles.Participant));

        foreach (var (email, queue, target) in new[] { (owner, "open-tasks", "/tasks/"), (participant, "my-walks", $"/walks/{walkId}/record") })
        {
            await using var context = await chromium.NewContextAsync(Phone);
            var page = await context.NewPageAsync();
            await page.SignInAsync(app, email, TestData.Password);
            await page.GotoAsync(app.Url("/"));
            var first = page.Locator($"[data-queue={queue}] li a").First;
            await Expect(first).ToBeVisibleAsync();
            Assert.StartsWith(target, await first.GetAttributeAsync("href"));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, $"{queue} is wider than the phone");
            await Axe.AssertNoViolationsAsync(page);
            await first.ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith(target), new() { WaitUntil = WaitUntilState.Commit });
        }
    }
}
