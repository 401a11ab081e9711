using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Lists;

/// <summary>The public promise page and feed are served from the output cache, and change as soon as their data changes.</summary>
public sealed class PublicCacheTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CachedPublicPageAndFeed_ChangeAfterTheirDataChanges(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var year = DateTime.UtcNow.Year;
        int meetingId;
        await using (var db = app.CreateDbContext())
        {
            db.CitizenPromises.Add(new CitizenPromise
            {
                MunicipalityId = ljungby.Id, Year = year, Title = "Medborgarlöfte", PublishedAtUtc = DateTime.UtcNow,
                FocusAreas = [new FocusArea { Title = "Trygghet", Pledges = [new Pledge { Text = "Dialogmöten", EventType = EventType.DialogueMeeting, YearlyTarget = 2 }] }],
            });
            var meeting = TestData.Event(ljungby.Id, "Öppet möte på biblioteket", DateTime.UtcNow.AddDays(20), isPublic: true);
            db.Events.Add(meeting);
            await db.SaveChangesAsync();
            meetingId = meeting.Id;
        }
        var counter = new SqlCommandCounter();
        var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            if (provider == DatabaseSetup.Sqlite) s.ConfigureDbContext<SqliteDbContext>(o => o.AddInterceptors(counter));
            else s.ConfigureDbContext<PostgresDbContext>(o => o.AddInterceptors(counter));
        }));
        var anonymous = counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = $"/kommun/ljungby/{year}";

        var first = await anonymous.GetStringAsync(page);
        var firstFeed = await anonymous.GetStringAsync("/calendar/public.ics");
        counter.Reset();
        var second = await anonymous.GetStringAsync(page);
        var secondFeed = await anonymous.GetStringAsync("/calendar/public.ics");
        Assert.Equal((0, 0), (counter.For(page), counter.For("/calendar/public.ics"))); // from the cache
        Assert.Equal((first, firstFeed), (second, secondFeed));
        Assert.Contains("Öppet möte på biblioteket", first);

        // The organiser renames the meeting through the app's own context, as every page does.
        await using (var db = counted.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>())
        {
            (await db.Events.SingleAsync(e => e.Id == meetingId)).Title = "Öppet möte i Folkets hus";
            await db.SaveChangesAsync();
        }
        var changed = await anonymous.GetStringAsync(page);
        var changedFeed = await anonymous.GetStringAsync("/calendar/public.ics");
        Assert.Contains("Öppet möte i Folkets hus", changed);
        Assert.DoesNotContain("Öppet möte på biblioteket", changed);
        Assert.Contains("Folkets hus", changedFeed);

        // The language is part of the key: a visitor who chose English (from the cached page's own form) gets English.
        var switched = await anonymous.PostAsync("/culture", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", page)]));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await anonymous.GetDocumentAsync(page);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Null(english.QuerySelector("input[name=__RequestVerificationToken]"));
    }

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
