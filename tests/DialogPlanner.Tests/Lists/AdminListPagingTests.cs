using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using static DialogPlanner.Tests.Lists.EventListPagingTests;

namespace DialogPlanner.Tests.Lists;

/// <summary>The set-aside answers and the development mail list page like the other lists, newest first.</summary>
public sealed class AdminListPagingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dialogplanner-mail-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SetAsideAnswers_ArePaged_NewestFirst(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        await using (var db = app.CreateDbContext())
        {
            db.SetAsideReplies.AddRange(Enumerable.Range(0, 120).Select(i => new SetAsideReply
            {
                ReceivedAtUtc = TestData.Stockholm(2026, 11, 1, 8).AddMinutes(i), SetAsideAtUtc = DateTime.UtcNow, FromAddress = $"avsandare{i}@example.test",
                Subject = $"Svar {i:000}", MessageId = $"m{i}@example.test", Reason = SetAsideReason.NoCalendar,
            }));
            await db.SaveChangesAsync();
        }
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var first = await admin.GetDocumentAsync("/admin/calendar-replies");
        var third = await admin.GetDocumentAsync(first.QuerySelector("nav.pager a[aria-label='Sida 3']")!.GetAttribute("href")!);

        Assert.Equal(50, first.QuerySelectorAll("table.set-aside-replies tbody tr").Length);
        Assert.Contains("Svar 119", first.QuerySelector("table.set-aside-replies tbody tr")!.TextContent);
        var rows = third.QuerySelectorAll("table.set-aside-replies tbody tr");
        Assert.Equal(20, rows.Length);
        Assert.Contains("Svar 000", rows[^1].TextContent);
        Assert.Equal("3", Current(third));
    }

    [Fact]
    public async Task DevelopmentMailList_IsPaged_OpeningOnlyThePagesFiles()
    {
        for (var i = 0; i < 60; i++)
            await File.WriteAllTextAsync(Path.Combine(_folder, $"20261201T0800{i:00}-{i}.eml"),
                $"From: a@test.example\r\nTo: b{i}@test.example\r\nSubject: Brev {i:00}\r\nDate: Tue, 01 Dec 2026 08:00:{i:00} +0000\r\n\r\nText\r\n");
        await using var app = await AppFactory.StartAsync("Sqlite", new Dictionary<string, string?>(OutboxTestKit.Pickup(_folder)) { ["Demo:SeedOnFirstRun"] = "false" }, "Development");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@test.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var first = await organiser.GetDocumentAsync("/dev/mail");
        var second = await organiser.GetDocumentAsync(NextLink(first)!);

        Assert.Equal(50, first.QuerySelectorAll("main table tbody tr").Length);
        Assert.Equal("Brev 59", first.QuerySelector("main table tbody a")!.TextContent);
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"Brev {i:00}"), second.QuerySelectorAll("main table tbody a").Select(a => a.TextContent));
    }
}
