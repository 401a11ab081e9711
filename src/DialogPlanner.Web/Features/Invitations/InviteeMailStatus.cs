using DialogPlanner.Web.Data;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>The latest mail to one invitee as the organiser sees it: queued, sent, or failed with the server's reason.</summary>
public sealed record InviteeMailStatus(long MessageId, string Kind, OutboxStatus Status, int Attempts, DateTime NextAttemptAtUtc, DateTime? SentAtUtc, string? LastError)
{
    /// <summary>What the mail was, when it is one of the invitation mails.</summary>
    public InvitationKind? InvitationKind => Enum.TryParse<InvitationKind>(Kind, ignoreCase: true, out var kind) ? kind : null;

    /// <summary>The latest outbox message to each of the invitations, by invitation id; the MIME bytes stay in the database.</summary>
    public static async Task<Dictionary<int, InviteeMailStatus>> LatestAsync(AppDbContext db, IReadOnlyCollection<int> invitationIds)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.InvitationId != null && invitationIds.Contains(m.InvitationId.Value))
            .Select(m => new
            {
                InvitationId = m.InvitationId!.Value,
                Delivery = new InviteeMailStatus(m.Id, m.Kind, m.Status, m.Attempts, m.NextAttemptAtUtc, m.SentAtUtc, m.LastError),
            })
            .ToListAsync();
        return rows.GroupBy(r => r.InvitationId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Delivery.MessageId)!.Delivery);
    }
}
