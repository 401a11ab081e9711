using DialogPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Accounts;

/// <summary>
/// Every page and form of the app says who may use it. A new endpoint without a rule, or a new page
/// open to anyone, fails here until someone has decided it on purpose.
/// </summary>
public sealed class EndpointRulesTests
{
    /// <summary>What the public, invitees with a personal link, and people signing in reach without an account.</summary>
    private static readonly string[] OpenToAnyone =
    [
        "Account.Login", "Account.LoginTwoFactor", "Password.Forgot", "Password.ForgotSent", "Password.Reset", "Password.Set",
        "CheckIn.CheckIn", "CheckIn.Show", "CheckIn.Start", "CalendarFeeds.Private", "CalendarFeeds.Public", "Home.Culture", "Home.Error", "Home.Index",
        "PublicPromise.EventCalendar", "PublicPromise.Latest", "PublicPromise.Show",
        "PrivacyNotice.Index", "PrivacyNotice.Show", "PublicProtocol.Photo", "PublicProtocol.Show",
        "Record.Add", "Record.Check", "Record.Index", "Record.Photo",
        "Rsvp.Answer", "Rsvp.Calendar", "Rsvp.Show",
    ];

    [Fact]
    public async Task EveryAction_HasAnAuthorizationRule_AndOnlyTheKnownOnesAreOpen()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var actions = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(x => x.Action is not null)
            .ToList();
        Assert.NotEmpty(actions);

        var withoutRule = actions
            .Where(x => x.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(x => Name(x.Action!)).Distinct().Order().ToList();
        Assert.Empty(withoutRule);

        // [AllowAnonymous] wins over any [Authorize] beside it, so those are the open ones.
        var open = actions.Where(x => x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(x => Name(x.Action!)).Distinct().Order().ToList();
        Assert.Equal(string.Join(", ", OpenToAnyone.Order()), string.Join(", ", open));
    }

    /// <summary>The help page asks for a signed-in user and nothing more: every role may read it.</summary>
    [Fact]
    public async Task Help_IsForEverySignedInUser()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var help = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is { } a && Name(a) == "Help.Index");
        var rules = help.Metadata.GetOrderedMetadata<IAuthorizeData>();

        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.True(r.Policy is null && r.Roles is null, $"Help asks for {r.Policy ?? r.Roles}"));
        Assert.Null(help.Metadata.GetMetadata<IAllowAnonymous>());
    }

    private static string Name(ControllerActionDescriptor a) => $"{a.ControllerName}.{a.ActionName}";
}
