using System.Threading.Channels;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>
/// Requests for a forgotten password, handled after the answer has gone out. The form answers the same, equally
/// fast, whether the address has an account or not: looking the address up, making a token and writing the mail
/// happen here, where nobody can time them. A request lost in a restart is asked again by its sender; the rate
/// limits (RateLimits.PasswordReset) keep the queue short.
/// </summary>
public sealed class PasswordResetQueue(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PasswordResetQueue> log) : BackgroundService
{
    private readonly Channel<(string Email, MailLanguage Language)> _requests =
        Channel.CreateBounded<(string, MailLanguage)>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Takes the request without looking at it.</summary>
    public void Enqueue(string email, MailLanguage language) => _requests.Writer.TryWrite((email.Trim(), language));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, language) in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandleAsync(email, language);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "A password reset request could not be handled.");
            }
        }
    }

    private async Task HandleAsync(string email, MailLanguage language)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // Nothing for an address without an account or for a turned-off account; the sender is told the same either way.
        if (await users.FindByEmailAsync(email) is not { IsDisabled: false } user) return;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await scope.ServiceProvider.GetRequiredService<AccountMail>().QueuePasswordResetAsync(user, language);
        await db.SaveChangesAsync();
        await AuditLog.RecordAsync(db, null, clock, AuditAction.PasswordReset, "User", user.Id, userId: user.Id,
            details: new Dictionary<string, string?> { ["Step"] = "Requested" });
    }
}
