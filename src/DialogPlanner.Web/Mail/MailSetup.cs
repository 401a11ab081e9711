using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Mail;

public static class MailSetup
{
    /// <summary>
    /// Registers the outbox and the transport its worker delivers through: SMTP when <c>Email:Smtp:Host</c>
    /// is set, otherwise .eml files in the pickup folder. Bad settings stop the app at start.
    /// </summary>
    public static IServiceCollection AddAppMail(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MailSettings>()
            .Bind(config.GetSection(MailSettings.Section))
            .PostConfigure<IHostEnvironment>((s, env) =>
                s.PickupDirectory = Path.GetFullPath(Path.Combine(env.ContentRootPath, s.PickupDirectory)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailSettings>, MailSettingsValidation>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailSettings>>().Value.UsesSmtp
            ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(sp));
        return services;
    }
}
