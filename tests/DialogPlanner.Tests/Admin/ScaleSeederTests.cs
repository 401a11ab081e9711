using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Cli;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Admin.Scale;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Admin;

/// <summary><c>seed-scale</c>: the benchmark's data, every kind of row, and the same rows for the same seed on both databases.</summary>
public sealed class ScaleSeederTests
{
    private const string Password = "Scale-password-1";

    // Past and coming are judged from the clock: a fixed one makes the year the same whenever the test runs.
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);

    // The apps' own clock is today's: their reminder job must not queue mail for the fixed year's December meanwhile.
    private static readonly Dictionary<string, string?> QuietJobs = new() { ["Email:Reminders:DaysBefore"] = "0" };

    [Theory]
    [InlineData("seed-scale")]
    [InlineData("seed-scale", "--municipalities", "1")]
    [InlineData("seed-scale", "--municipalities", "0", "--years", "1")]
    [InlineData("seed-scale", "--municipalities", "39", "--years", "1")]
    [InlineData("seed-scale", "--municipalities", "two", "--years", "1")]
    [InlineData("seed-scale", "--municipalities", "1", "--years", "31")]
    [InlineData("seed-scale", "--municipalities", "1", "--years", "1", "--seed", "x")]
    [InlineData("seed-scale", "--municipalities", "1", "--years", "1", "--colour", "red")]
    public void BadArguments_PrintUsage_AndAreInvalid(params string[] args)
    {
        var output = new StringWriter();
        Assert.IsType<CliCommand.Invalid>(CliCommand.Parse(args, output));
        Assert.Contains("Usage:", output.ToString());
        Assert.Contains("seed-scale --municipalities N --years Y", output.ToString());
    }

    [Fact]
    public void Arguments_AreRead_WithSeedOneByDefault()
    {
        Assert.Equal(new SeedScaleCommand(12, 10, 1, null), CliCommand.Parse(["seed-scale", "--municipalities", "12", "--years", "10"], TextWriter.Null));
        Assert.Equal(new SeedScaleCommand(2, 5, -4, "pw-Secret-1"),
            CliCommand.Parse(["seed-scale", "--years", "5", "--seed", "-4", "--municipalities", "2", "--password", "pw-Secret-1"], TextWriter.Null));
    }

    [Fact]
    public async Task OneMunicipalityYear_HasEveryKindOfRow_AndTheSameSeedGivesTheSameRows_OnBothDatabases()
    {
        await using var sqlite = await AppFactory.StartAsync(DatabaseSetup.Sqlite, QuietJobs);
        await using var postgres = await AppFactory.StartAsync(DatabaseSetup.Postgres, QuietJobs);
        await using var other = await AppFactory.StartAsync(DatabaseSetup.Sqlite, QuietJobs);

        var onSqlite = await SeedAsync(sqlite, seed: 7);
        var onPostgres = await SeedAsync(postgres, seed: 7);
        await SeedAsync(other, seed: 8);

        foreach (var app in new[] { sqlite, postgres })
        {
            await using var db = app.CreateDbContext();
            await AssertEveryKindAsync(db);
        }
        await using (var db = sqlite.CreateDbContext())
        await using (var pg = postgres.CreateDbContext())
        await using (var eight = other.CreateDbContext())
        {
            var digest = await DigestAsync(db);
            Assert.Equal(digest, await DigestAsync(pg));
            Assert.NotEqual(digest, await DigestAsync(eight));
        }

        // The accounts it made work: the organiser sees the municipality's events, the task owner the street department's tasks.
        var organiser = await SignInAsync(onSqlite, ScaleSeeder.OrganiserEmail);
        var events = await organiser.GetStringAsync("/events");
        Assert.Contains("Trygghetsvandring", events);
        var owner = await SignInAsync(onPostgres, ScaleSeeder.TaskOwnerEmail);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/tasks")).StatusCode);

        // Run again: what is there is left alone.
        Assert.Equal(0, await new SeedScaleCommand(1, 1, 7, Password).RunAsync(onSqlite.Services));
        await using (var db = sqlite.CreateDbContext())
        {
            Assert.Equal(1, await db.Municipalities.CountAsync());
            Assert.Equal(1, await db.CitizenPromises.CountAsync());
        }
    }

    /// <summary>Runs the command in the app with the clock fixed; returns that app to make requests to.</summary>
    private static async Task<WebApplicationFactory<Program>> SeedAsync(AppFactory app, int seed)
    {
        var fixedClock = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedClock(Now))));
        Assert.Equal(0, await new SeedScaleCommand(1, 1, seed, Password).RunAsync(fixedClock.Services));
        return fixedClock;
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/account/login", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task AssertEveryKindAsync(AppDbContext db)
    {
        var municipality = await db.Municipalities.SingleAsync();
        Assert.Equal(("Ljungby", "ljungby"), (municipality.Name, municipality.Slug));
        Assert.NotNull(municipality.Latitude);
        Assert.Equal(Enum.GetValues<OrganisationKind>().Except([OrganisationKind.Other]).Order(),
            (await db.Organisations.Select(o => o.Kind).Distinct().ToListAsync()).Order());
        Assert.InRange(await db.Contacts.CountAsync(), 350, 450);
        Assert.Equal(8, await db.CategoryResponsibilities.CountAsync());

        var promise = await db.CitizenPromises.Include(p => p.FocusAreas).ThenInclude(f => f.Pledges).SingleAsync();
        Assert.Equal((2026, 6, 21), (promise.Year, promise.FocusAreas.Count, promise.FocusAreas.Sum(f => f.Pledges.Count)));
        Assert.NotNull(promise.PublishedAtUtc);

        var events = await db.Events.AsNoTracking().Select(e => new { e.Type, e.Status, Invitations = e.Invitations.Count, e.WalkEventId, e.PledgeId }).ToListAsync();
        Assert.InRange(events.Count, 160, 185);
        Assert.Equal(Enum.GetValues<EventType>(), events.Select(e => e.Type).Distinct().Order());
        Assert.Equal(Enum.GetValues<EventStatus>(), events.Select(e => e.Status).Distinct().Order());
        Assert.InRange(events.Average(e => e.Invitations), 35, 45);
        Assert.Contains(events, e => e.WalkEventId is not null);
        Assert.True(events.Count(e => e.PledgeId is not null) > events.Count / 2);

        Assert.Equal(Enum.GetValues<RsvpStatus>(), (await db.Invitations.Select(i => i.Rsvp).Distinct().ToListAsync()).Order());
        Assert.True(await db.Invitations.AnyAsync(i => i.RemovedAtUtc != null));
        Assert.True(await db.WalkStops.CountAsync() >= 4 * events.Count(e => WalkLookup.Types.Contains(e.Type)));
        Assert.Equal(Enum.GetValues<FindingTriage>(), (await db.Findings.Select(f => f.Triage).Distinct().ToListAsync()).Order());
        Assert.True(await db.Findings.AnyAsync(f => f.ReportedByInvitationId != null));
        Assert.True(await db.Events.AnyAsync(e => e.ProtocolPublishedAtUtc != null && e.FeedbackSentAtUtc != null));

        var tasks = await db.FollowUpTasks.Select(t => new { t.Status, History = t.History.Count }).ToListAsync();
        Assert.True(tasks.Count > 100);
        Assert.True(tasks.Select(t => t.Status).Distinct().Count() >= 5);
        Assert.All(tasks, t => Assert.True(t.History >= 1));

        var mail = await db.OutboxMessages.Select(m => new { m.Kind, m.Status }).Distinct().ToListAsync();
        Assert.Contains(mail, m => m.Kind == "invitation" && m.Status == OutboxStatus.Sent);
        Assert.Contains(mail, m => m.Status == OutboxStatus.Failed);
        Assert.Contains(mail, m => m.Kind == "task-assigned");
        Assert.DoesNotContain(mail, m => m.Status == OutboxStatus.Queued); // nothing for the app's worker to send
        Assert.Equal(2 + 1, await db.Users.CountAsync()); // the organiser, the task owner and the test's administrator
    }

    /// <summary>A hash of what the main tables hold, by content rather than by id (ids depend on the database).</summary>
    private static async Task<string> DigestAsync(AppDbContext db)
    {
        var lines = new List<string>();
        static string T(DateTime? utc) => utc?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "-";
        static string D(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
        lines.AddRange((await db.Events.AsNoTracking().ToListAsync()).Select(e =>
            $"E|{e.CalendarUid}|{e.Type}|{e.Title}|{T(e.StartsAtUtc)}|{T(e.EndsAtUtc)}|{e.Status}|{e.Location}|{D(e.Latitude)}|{e.AttendanceCount}|{e.CalendarSequence}|{T(e.ProtocolPublishedAtUtc)}|{T(e.FeedbackSentAtUtc)}"));
        lines.AddRange((await db.Invitations.AsNoTracking().Select(i => new { i.Token, i.Email, i.Name, i.Rsvp, i.SentSequence, i.RespondedAtUtc, i.RemovedAtUtc, i.Event.CalendarUid }).ToListAsync())
            .Select(i => $"I|{i.Token}|{i.Email}|{i.Name}|{i.Rsvp}|{i.SentSequence}|{T(i.RespondedAtUtc)}|{T(i.RemovedAtUtc)}|{i.CalendarUid}"));
        lines.AddRange((await db.Findings.AsNoTracking().Select(f => new { f.Event.CalendarUid, f.Category, f.Description, f.Place, f.Latitude, f.Triage, f.ClientId, Task = f.FollowUpTask!.Title }).ToListAsync())
            .Select(f => $"F|{f.CalendarUid}|{f.Category}|{f.Description}|{f.Place}|{D(f.Latitude)}|{f.Triage}|{f.ClientId}|{f.Task}"));
        lines.AddRange((await db.FollowUpTasks.AsNoTracking().Select(t => new { t.Title, t.DueDate, t.Status, t.Priority, t.AssignedPerson, Organisation = t.ResponsibleOrganisation.Name, History = t.History.Count }).ToListAsync())
            .Select(t => $"T|{t.Title}|{t.DueDate}|{t.Status}|{t.Priority}|{t.AssignedPerson}|{t.Organisation}|{t.History}"));
        lines.AddRange((await db.OutboxMessages.AsNoTracking().Select(m => new { m.ToAddress, m.Subject, m.Kind, m.Status, m.CreatedAtUtc, m.Mime }).ToListAsync())
            .Select(m => $"O|{m.ToAddress}|{m.Subject}|{m.Kind}|{m.Status}|{T(m.CreatedAtUtc)}|{Convert.ToHexString(SHA256.HashData(m.Mime))}"));
        lines.AddRange(await db.Contacts.Select(c => "C|" + c.Name + "|" + c.Email + "|" + c.Language).ToListAsync());
        lines.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
