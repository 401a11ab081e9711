using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>Identity's claims, plus whether the user has a second factor, so that no request needs the database to know.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string TwoFactorClaim = "dialogplanner:two-factor";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(TwoFactorClaim, "on"));
        return identity;
    }
}

/// <summary>Pages a user in a role of <c>Security:RequireTwoFactor</c> may open before enrolling: signing in and out, their account, errors, the language.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowedBeforeTwoFactorAttribute : Attribute;

/// <summary>
/// Sends a signed-in user whose role needs a second factor (<see cref="AccountSettings.RequireTwoFactor"/>) and who has
/// none to the enrolment page before anything else.
/// </summary>
public sealed class TwoFactorEnrolmentFilter(AccountSettings settings) : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var user = context.HttpContext.User;
        if (settings.RequireTwoFactor.Count == 0 || user.Identity?.IsAuthenticated != true) return;
        if (user.HasClaim(c => c.Type == AppClaimsFactory.TwoFactorClaim)) return;
        if (!settings.RequireTwoFactor.Any(user.IsInRole)) return;
        if (context.ActionDescriptor.EndpointMetadata.OfType<AllowedBeforeTwoFactorAttribute>().Any()) return;
        context.Result = new RedirectToActionResult("Index", "TwoFactor", new { required = true });
    }
}
