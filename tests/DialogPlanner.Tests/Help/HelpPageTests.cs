using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Help;

/// <summary>/help explains the year's loop to every signed-in user, in both languages, without one SQL command (it is the benchmark's ceiling).</summary>
public sealed class HelpPageTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryRole_GetsTheHelp_InBothLanguages_WithoutAnySqlCommand(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var counter = new SqlCommandCounter();
        var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            if (provider == DatabaseSetup.Sqlite) s.ConfigureDbContext<SqliteDbContext>(o => o.AddInterceptors(counter));
            else s.ConfigureDbContext<PostgresDbContext>(o => o.AddInterceptors(counter));
        }));

        var users = new[]
        {
            (AppFactory.AdminEmail, AppFactory.AdminPassword),
            (await app.AddUserAsync("org@test.example", Roles.Organiser, ljungby.Id), TestData.Password),
            (await app.AddUserAsync("gata@test.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password),
            (await app.AddUserAsync("deltagare@test.example", Roles.Participant), TestData.Password),
        };
        foreach (var (email, password) in users)
        {
            var client = await SignInAsync(counted, email, password);
            var swedish = await client.GetAsync("/help");
            var english = await client.GetAsync("/help?culture=en");

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (swedish.StatusCode, english.StatusCode));
            var sv = await swedish.ReadDocumentAsync();
            var en = await english.ReadDocumentAsync();
            Assert.Equal("Så fungerar DialogPlanner", sv.QuerySelector("main h1")?.TextContent);
            Assert.Equal("How DialogPlanner works", en.QuerySelector("main h1")?.TextContent);
            Assert.Equal(["1. Medborgarlöftet", "2. Händelser och inbjudningar", "3. Trygghetsvandringar", "4. Åtgärder", "5. Återkoppling och uppföljning", "Vem gör vad"],
                sv.QuerySelectorAll("main h2").Select(h => h.TextContent));
            Assert.Equal("Hjälp – DialogPlanner", sv.Title);
            Assert.Equal("Help – DialogPlanner", en.Title);
            // Reached from the menu of every signed-in user.
            Assert.Contains(sv.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/help" && a.TextContent == "Hjälp");
        }
        Assert.Equal(0, counter.For("/help"));

        // The counter does see the commands of a page that reads data.
        var organiser = await SignInAsync(counted, "org@test.example", TestData.Password);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/events")).StatusCode);
        Assert.True(counter.For("/events") > 0);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var app = await AppFactory.StartAsync(DatabaseSetup.Sqlite);
        var response = await app.CreateBrowser().GetAsync("/help");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/account/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Counts the SQL commands EF Core runs, by the path of the web request they ran for (background jobs have none).</summary>
    private sealed class SqlCommandCounter : DbCommandInterceptor
    {
        private readonly IHttpContextAccessor _http = new HttpContextAccessor();
        private readonly ConcurrentDictionary<string, int> _byPath = new();

        public int For(string path) => _byPath.GetValueOrDefault(path);

        // Called once for every command EF Core makes, whether it then runs synchronously or not.
        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (_http.HttpContext?.Request.Path.Value is { } path) _byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
            return result;
        }
    }
}
