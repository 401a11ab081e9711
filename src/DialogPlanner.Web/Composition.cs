using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Admin;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Photos;
using DialogPlanner.Web.Features.Privacy;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Jobs;
using DialogPlanner.Web.Mail;
using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace DialogPlanner.Web;

/// <summary>The app's table of contents: which services exist and in which order requests flow.</summary>
public static class Composition
{
    public static readonly CultureInfo[] Cultures = [new("sv-SE"), new("en")];

    public static void AddDialogPlanner(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddAppDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        // The first hosted service: hosted services start in order, and this one migrates the database, so the data
        // protection key ring (registered with Identity's cookies below) and the workers find their tables.
        services.AddHostedService<StartupTasks>();
        services.AddPublicCache();
        services.AddAppIdentity(AccountSettings.From(builder.Configuration, builder.Environment));
        // The keys that protect sign-in cookies live in the database: they survive restarts, and every instance
        // on the database reads the cookies the others issued (docs/decisions/0014).
        services.AddDataProtection().SetApplicationName("DialogPlanner").PersistKeysToDbContext<AppDbContext>();
        services.AddHttpContextAccessor();
        services.AddScoped<MunicipalityScope>();
        services.AddScoped<AdminBootstrap>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Features.Admin.Scale.ScaleSeeder>();
        services.AddScoped<PromiseImporter>();
        services.AddScoped<RsvpRecorder>();
        services.AddPhotos(builder.Configuration);
        var maps = MapSettings.From(builder.Configuration);
        services.AddSingleton(maps);
        services.AddScoped<TaskAccess>();
        services.AddScoped<Features.Home.WorkQueues>();
        services.AddScoped<Features.Users.UserAccess>();
        // The mail composers: per scope, writing to that scope's AppDbContext through its Outbox.
        services.AddScoped<InvitationMail>();
        services.AddScoped<InvitationSender>();
        services.AddScoped<TaskMail>();
        services.AddScoped<WalkFeedback>();
        services.AddSingleton<RecordingWindow>();
        services.AddScoped<ReminderQueue>();
        services.AddScoped<CalendarReplyHandler>();
        services.AddValidatorsFromAssemblyContaining<Program>();
        // Later rules of a property assume the earlier ones held (e.g. a uniqueness check needs a name).
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        // Write å, ä, ö as themselves in pages, not as numeric entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAppMail(builder.Configuration);
        services.AddSingleton<Instance>();
        // After StartupTasks (registered first): the database is migrated before the workers read it.
        services.AddHostedService<OutboxWorker>();
        services.AddSingleton<InvitationMailSignal>();
        services.AddHostedService<InvitationMailJob>();
        services.AddHostedService<FollowUpMailJob>();
        services.AddHostedService<ReminderWorker>();
        services.AddHostedService<ImapReplyWorker>();
        services.AddHostedService<RetentionJob>();
        services.Configure<RetentionSettings>(builder.Configuration.GetSection(RetentionSettings.Section));
        services.Configure<CheckInSettings>(builder.Configuration.GetSection(CheckInSettings.Section));
        services.AddScoped<Retention>();
        // The database down is Unhealthy (nothing works); a mail server down is Degraded (mail waits, pages work).
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<MailServerHealthCheck>(MailServerHealthCheck.Smtp, HealthStatus.Degraded)
            .AddCheck<MailServerHealthCheck>(MailServerHealthCheck.Imap, HealthStatus.Degraded);
        var transport = Transport.From(builder.Configuration);
        services.AddTransport(transport);
        services.AddSingleton(SecurityHeaders.For(maps));
        services.AddRateLimits(builder.Configuration);
        // Bounded work per request (docs/decisions/0006): every request gets a time, uploads from phones on weak
        // connections a longer one; the app stops within its shutdown time even with requests still running.
        services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Requests:TimeoutSeconds", 60)) };
            o.AddPolicy(PhotoSetup.UploadTimeout, TimeSpan.FromSeconds(builder.Configuration.GetValue("Requests:UploadTimeoutSeconds", 120)));
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Host:ShutdownTimeoutSeconds", 15)));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>(ModelBindingMessages.Localize);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Swedish first: only the user's own choice (cookie, or ?culture= for a link) switches to English.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider { CookieName = transport.CookieName(Transport.CultureCookie) }];
        });
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                // Security:RequireTwoFactor: those roles enrol before anything else.
                o.Filters.Add<TwoFactorEnrolmentFilter>();
                // Required fields are FluentValidation's business, with Swedish messages.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddViewLocalization()
            .AddRazorOptions(o =>
            {
                o.ViewLocationFormats.Clear();
                foreach (var format in FeatureViewLocationExpander.Formats) o.ViewLocationFormats.Add(format);
                o.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
            });
    }

    public static void UseDialogPlanner(this WebApplication app)
    {
        app.UseTransport(app.Services.GetRequiredService<Transport>());
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error/500");
        // Before the status-code pages: their re-executed request (/error/429) has lost the ?culture= of the original.
        app.UseRequestLocalization();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseRateLimits();
        app.UseAuthorization();
        app.UseOutputCache(); // after authentication: the public pages are never cached for a signed-in user
        app.UseUploadLimits();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapControllers();
    }
}
