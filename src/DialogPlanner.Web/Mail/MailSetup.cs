using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Mail;

public static class MailSetup
{
    /// <summary>
    /// Registers the mail toolkit (templates, links, outbox) and the transports: SMTP when <c>Email:Smtp:Host</c>
    /// is set, otherwise .eml files in the pickup folder; and the IMAP mailbox that calendar answers arrive in.
    /// Bad settings stop the app at start.
    /// </summary>
    public static IServiceCollection AddAppMail(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MailSettings>()
            .Bind(config.GetSection(MailSettings.Section))
            .PostConfigure<IHostEnvironment>((s, env) =>
                s.PickupDirectory = Path.GetFullPath(Path.Combine(env.ContentRootPath, s.PickupDirectory)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailSettings>, MailSettingsValidation>();
        services.AddSingleton(sp => new EmailTemplates(
            EmailTemplates.FindFolder(config[EmailTemplates.ConfigurationKey], sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton<PublicAddress>();
        // Per scope: within a request the public address may come from the request itself.
        services.AddScoped(sp => new Links(sp.GetRequiredService<PublicAddress>().BaseUrl));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailSettings>>().Value.UsesSmtp
            ? ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp)
            : ActivatorUtilities.CreateInstance<PickupFolderTransport>(sp));
        services.AddSingleton<ImapMailbox>();
        return services;
    }
}
