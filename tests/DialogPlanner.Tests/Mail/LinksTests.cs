using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Mail;

/// <summary>Every absolute address in mail and calendar files comes from Links: the public address, then a route of the app.</summary>
public sealed class LinksTests
{
    private const string Token = "Qk9wX2F0LXRoZS1ib3R0b20tb2YtdGhlLWxha2UtMTIzNDU2";
    private static readonly Links Links = new(" https://dialog.example.se/ ");

    private static Event Walk() => new()
    {
        Id = 12, Title = "Vandring", Location = "Torget", Municipality = new Municipality { Name = "Ljungby", Slug = "ljungby" },
        // Half past midnight on New Year's Day in Stockholm is still the old year in UTC: the page is Stockholm's year.
        StartsAtUtc = TestData.Stockholm(2027, 1, 1, 0, 30), EndsAtUtc = TestData.Stockholm(2027, 1, 1, 2),
    };

    private static Dictionary<string, string> Every() => new()
    {
        ["rsvp"] = Links.Rsvp(Token),
        ["accept"] = Links.Rsvp(Token, RsvpStatus.Accepted),
        ["tentative"] = Links.Rsvp(Token, RsvpStatus.Tentative),
        ["decline"] = Links.Rsvp(Token, RsvpStatus.Declined),
        ["recorder"] = Links.Recorder(Token),
        ["public event"] = Links.PublicEvent(Walk()),
        ["public promise"] = Links.PublicPromise("ljungby"),
        ["promise of a year"] = Links.PublicPromise("ljungby", 2026),
        ["protocol"] = Links.Protocol(Walk()),
        ["task"] = Links.Task(7),
        ["event page"] = Links.EventPage(12),
        ["private feed"] = Links.PrivateFeed(Token),
    };

    [Fact]
    public void EachLink_IsThePublicAddress_ThenItsRoute()
    {
        Assert.Equal(new Dictionary<string, string>
        {
            ["rsvp"] = $"https://dialog.example.se/rsvp/{Token}",
            ["accept"] = $"https://dialog.example.se/rsvp/{Token}?answer=accepted",
            ["tentative"] = $"https://dialog.example.se/rsvp/{Token}?answer=tentative",
            ["decline"] = $"https://dialog.example.se/rsvp/{Token}?answer=declined",
            ["recorder"] = $"https://dialog.example.se/w/{Token}",
            ["public event"] = "https://dialog.example.se/kommun/ljungby/2027",
            ["public promise"] = "https://dialog.example.se/kommun/ljungby",
            ["promise of a year"] = "https://dialog.example.se/kommun/ljungby/2026",
            ["protocol"] = "https://dialog.example.se/kommun/ljungby/vandringar/12",
            ["task"] = "https://dialog.example.se/tasks/7",
            ["event page"] = "https://dialog.example.se/events/12",
            ["private feed"] = $"https://dialog.example.se/calendar/private/{Token}.ics",
        }, Every());
    }

    [Fact]
    public void AToken_IsEscaped_SoItStaysOnePathSegment()
    {
        Assert.Equal("https://dialog.example.se/rsvp/a%2Fb%3Fc", Links.Rsvp("a/b?c"));
        Assert.Equal("https://dialog.example.se/w/a%2Fb%3Fc", Links.Recorder("a/b?c"));
    }

    /// <summary>A route renamed in a controller but not here would send every recipient to a 404.</summary>
    [Fact]
    public async Task EveryLink_LeadsToAPageOfTheApp()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) == true)
            .Select(e => (Route: e.RoutePattern.RawText!, Matcher: new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), [])))
            .ToList();
        Assert.NotEmpty(pages);
        foreach (var (name, link) in Every())
        {
            var path = new Uri(link).AbsolutePath;
            Assert.True(pages.Any(p => p.Matcher.TryMatch(path, [])), $"The {name} link {link} matches no page of the app.");
        }
        Assert.DoesNotContain(pages, p => p.Matcher.TryMatch("/no/such/page", []));
    }
}
