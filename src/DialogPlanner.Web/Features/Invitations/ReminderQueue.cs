using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// Queues the reminder before a planned event (<c>Email:Reminders:DaysBefore</c>) to each invitee who accepted or
/// has not answered, once per invitee. Someone whose invitation went out after the reminder time had come gets
/// none: they have just been told.
/// </summary>
public sealed class ReminderQueue(
    AppDbContext db, InvitationSender sender, OutboxSignal signal, IOptions<MailSettings> options, TimeProvider clock)
{
    private static readonly string InvitationKindName = InvitationKind.Invitation.ToString().ToLowerInvariant();

    /// <returns>How many reminders were queued.</returns>
    public async Task<int> QueueDueAsync(CancellationToken ct)
    {
        var days = options.Value.Reminders.DaysBefore;
        if (days <= 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now.AddDays(days);
        var events = await db.Events.AsNoTracking().Include(e => e.Municipality)
            .Include(e => e.Invitations.Where(i => i.RemovedAtUtc == null && i.ReminderQueuedAtUtc == null && i.SentSequence >= 0
                && (i.Rsvp == RsvpStatus.Accepted || i.Rsvp == RsvpStatus.NeedsAction)))
            .Where(e => e.Status == EventStatus.Scheduled && e.StartsAtUtc > now && e.StartsAtUtc <= until)
            .ToListAsync(ct);
        var candidates = events.SelectMany(e => e.Invitations.Select(i => (Event: e, Invitation: i))).ToList();
        if (candidates.Count == 0) return 0;

        var ids = candidates.Select(c => c.Invitation.Id).ToList();
        var invitedAt = (await db.OutboxMessages.AsNoTracking()
                .Where(m => m.InvitationId != null && ids.Contains(m.InvitationId.Value) && m.Kind == InvitationKindName)
                .Select(m => new { Id = m.InvitationId!.Value, m.CreatedAtUtc }).ToListAsync(ct))
            .GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.Max(m => m.CreatedAtUtc));
        var due = candidates.Where(c => !invitedAt.TryGetValue(c.Invitation.Id, out var at) || at <= c.Event.StartsAtUtc.AddDays(-days)).ToList();
        if (due.Count == 0) return 0;

        var queued = 0;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var (e, invitation) in due)
            {
                // Claimed in the database, so that two rounds at the same time cannot both queue one.
                var claimed = await db.Invitations
                    .Where(i => i.Id == invitation.Id && i.ReminderQueuedAtUtc == null && i.RemovedAtUtc == null
                        && (i.Rsvp == RsvpStatus.Accepted || i.Rsvp == RsvpStatus.NeedsAction))
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.ReminderQueuedAtUtc, now), ct);
                if (claimed == 0) continue;
                sender.QueueReminder(e, invitation);
                queued++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        // The outbox's own wake-up fired before the commit; this one finds the rows.
        if (queued > 0) signal.Wake();
        return queued;
    }
}
