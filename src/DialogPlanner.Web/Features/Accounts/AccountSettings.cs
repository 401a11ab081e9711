namespace DialogPlanner.Web.Features.Accounts;

/// <summary>
/// How accounts are reached and protected: how long an invitation's and a reset mail's links live
/// (<c>Accounts:InvitationDays</c>, <c>Accounts:PasswordResetHours</c>), which roles must use a second factor
/// (<c>Security:RequireTwoFactor</c>) and how soon a turned-off account's open sessions end
/// (<c>Security:SessionCheckSeconds</c>).
/// </summary>
public sealed record AccountSettings(int InvitationDays, int PasswordResetHours, IReadOnlyList<string> RequireTwoFactor, int SessionCheckSeconds)
{
    /// <summary>Production asks administrators and organisers for a second factor unless told otherwise; elsewhere nobody, so the demo stays simple.</summary>
    public static AccountSettings From(IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection("Security:RequireTwoFactor");
        var listed = section.Value is { } text
            ? text.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        if (!section.Exists()) listed = env.IsProduction() ? [Roles.Administrator, Roles.Organiser] : [];
        var roles = listed.Select(r => Roles.All.FirstOrDefault(known => known.Equals(r, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Security:RequireTwoFactor: unknown role '{r}'; use {string.Join(", ", Roles.All)}.")).Distinct().ToList();
        var settings = new AccountSettings(
            config.GetValue("Accounts:InvitationDays", 7), config.GetValue("Accounts:PasswordResetHours", 2), roles,
            config.GetValue("Security:SessionCheckSeconds", 60));
        if (settings.InvitationDays < 1 || settings.PasswordResetHours < 1 || settings.SessionCheckSeconds < 0)
            throw new InvalidOperationException("Accounts:InvitationDays and Accounts:PasswordResetHours must be at least 1, Security:SessionCheckSeconds at least 0.");
        return settings;
    }
}
