using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace DialogPlanner.Web.Features.Accounts;

public static class IdentitySetup
{
    public const string OrganiserPolicy = "Organiser";
    public const string AdministratorPolicy = "Administrator";
    public const string TaskPolicy = "Tasks";

    public static IServiceCollection AddAppIdentity(this IServiceCollection services, AccountSettings settings)
    {
        services.AddSingleton(settings);
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Tokens.PasswordResetTokenProvider = AccountTokens.PasswordReset;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(AccountTokens.Invitation)
            .AddTokenProvider<PasswordResetTokenProvider>(AccountTokens.PasswordReset)
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddSignInManager<AuditedSignInManager>()
            .AddErrorDescriber<SwedishIdentityErrorDescriber>();

        services.Configure<InvitationTokenOptions>(o =>
        {
            o.Name = AccountTokens.Invitation;
            o.TokenLifespan = TimeSpan.FromDays(settings.InvitationDays);
        });
        services.Configure<PasswordResetTokenOptions>(o =>
        {
            o.Name = AccountTokens.PasswordReset;
            o.TokenLifespan = TimeSpan.FromHours(settings.PasswordResetHours);
        });
        // A turned-off account or a changed password ends open sessions at their next check (the cookie's security stamp).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(settings.SessionCheckSeconds));
        services.AddSingleton<PasswordResetQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetQueue>());
        services.AddScoped<AccountMail>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.Cookie.Name = "dialogplanner.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // A signed-in user who lacks the role gets a plain 403 (rendered by the error page),
            // not a redirect that hides what happened.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(OrganiserPolicy, p => p.RequireRole(Roles.Administrator, Roles.Organiser))
            .AddPolicy(AdministratorPolicy, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(TaskPolicy, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.TaskOwner));
        return services;
    }
}
