using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Lists;

/// <summary>The data pages issue as many SQL commands with 1,000 events as with 10: nothing is loaded row by row.</summary>
public sealed class BoundedQueriesTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task StartPage_Dashboard_Report_EventsList_AndTaskBoard_IssueTheSameNumberOfCommands_At10And1000Events(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var year = StockholmTime.Today(TimeProvider.System).Year;
        int promiseId, meetings, walks;
        await using (var db = app.CreateDbContext())
        {
            var promise = new CitizenPromise
            {
                MunicipalityId = ljungby.Id, Year = year, Title = "Medborgarlöfte",
                FocusAreas = [new FocusArea { Title = "Trygghet", Pledges = [
                    new Pledge { Text = "Dialogmöten", EventType = EventType.DialogueMeeting, YearlyTarget = 4 },
                    new Pledge { Text = "Trygghetsvandringar", EventType = EventType.SafetyWalk, YearlyTarget = 2, SortOrder = 1 }] }],
            };
            db.CitizenPromises.Add(promise);
            await db.SaveChangesAsync();
            (promiseId, meetings, walks) = (promise.Id, promise.FocusAreas[0].Pledges[0].Id, promise.FocusAreas[0].Pledges[1].Id);
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var counter = new SqlCommandCounter();
        var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            if (provider == DatabaseSetup.Sqlite) s.ConfigureDbContext<SqliteDbContext>(o => o.AddInterceptors(counter));
            else s.ConfigureDbContext<PostgresDbContext>(o => o.AddInterceptors(counter));
        }));
        var client = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account/login", new() { ["Email"] = "org@ljungby.example", ["Password"] = TestData.Password })).StatusCode);
        string[] pages = ["/", $"/promises/{promiseId}", $"/promises/{promiseId}/report", "/events", "/tasks"];

        async Task<Dictionary<string, int>> CountAsync()
        {
            var counts = new Dictionary<string, int>();
            foreach (var path in pages)
            {
                counter.Reset();
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
                counts[path] = counter.For(path);
            }
            return counts;
        }

        async Task AddAsync(int events)
        {
            await using var db = app.CreateDbContext();
            var start = StockholmTime.ToUtc(new DateTime(year, 1, 1, 18, 0, 0));
            for (var i = 0; i < events; i++)
            {
                var walk = i % 2 == 0;
                var e = TestData.Event(ljungby.Id, $"Händelse {i}", start.AddHours(8 * i % (360 * 24)), type: walk ? EventType.SafetyWalk : EventType.DialogueMeeting,
                    status: i % 3 == 0 ? EventStatus.Held : EventStatus.Scheduled).With(x => x.PledgeId = walk ? walks : meetings);
                db.Events.Add(e);
                if (walk)
                    db.Findings.Add(TestData.Finding(e, FindingCategory.Lighting, $"Mörkt {i}", TestData.Task(ljungby.Id, street.Id, $"Lampa {i}",
                        i % 4 == 0 ? FollowUpStatus.Done : FollowUpStatus.Assigned)));
            }
            await db.SaveChangesAsync();
        }

        await CountAsync(); // warms up what a first request does once
        await AddAsync(10);
        var small = await CountAsync();
        await AddAsync(990);
        var large = await CountAsync();

        Assert.Equal(small, large);
        Assert.All(small.Values, n => Assert.InRange(n, 1, 12));
        await using (var db = app.CreateDbContext()) Assert.Equal(1000, await db.Events.CountAsync());
    }

    /// <summary>Counts the SQL commands EF Core runs, by the path of the web request they ran for (background jobs have none).</summary>
    private sealed class SqlCommandCounter : DbCommandInterceptor
    {
        private readonly IHttpContextAccessor _http = new HttpContextAccessor();
        private readonly ConcurrentDictionary<string, int> _byPath = new();

        public int For(string path) => _byPath.GetValueOrDefault(path);

        public void Reset() => _byPath.Clear();

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (_http.HttpContext?.Request.Path.Value is { } path) _byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
            return result;
        }
    }
}
