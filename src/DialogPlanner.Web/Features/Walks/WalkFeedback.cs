using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Walks;

public enum FeedbackOutcome
{
    Sent,
    AlreadySent,
    /// <summary>Feedback links to the public protocol, so it waits until the organiser publishes it.</summary>
    NotPublished,
    /// <summary>Someone else changed the walk at the same moment; the next try decides.</summary>
    Conflict,
    NotFound,
}

/// <summary>
/// Återkoppling: tells each participant of a walk what was found and what became of each finding, in
/// the words of <see cref="WalkProtocol"/> and <see cref="ProtocolCsv.StatusText"/>, so the mail shows
/// the statuses of the task board. Sent once per walk (Event.FeedbackSentAtUtc, guarded by the
/// walk's version), and only with a published protocol to link to.
/// </summary>
public sealed class WalkFeedback(AppDbContext db, EmailTemplates templates, Outbox outbox, Links links, TimeProvider clock, ILogger<WalkFeedback> log)
{
    public const string Kind = "walk-feedback";

    /// <summary>Queues the feedback and saves, unless it went out before or the protocol is not published.</summary>
    public async Task<(FeedbackOutcome Outcome, int Recipients)> SendAsync(int walkId, CancellationToken ct = default)
    {
        var walk = await db.Events.SingleOrDefaultAsync(e => e.Id == walkId, ct);
        if (walk is null) return (FeedbackOutcome.NotFound, 0);
        if (walk.FeedbackSentAtUtc is not null) return (FeedbackOutcome.AlreadySent, 0);
        if (walk.ProtocolPublishedAtUtc is null) return (FeedbackOutcome.NotPublished, 0);
        var protocol = await WalkProtocol.LoadAsync(db, walkId, ct);
        if (protocol is null) return (FeedbackOutcome.NotFound, 0);
        var recipients = await RecipientsAsync(walkId, ct);
        var protocolUrl = links.Protocol(protocol.Walk);
        var privacyUrl = links.Privacy(protocol.Walk.Municipality.Slug);
        foreach (var invitation in recipients)
        {
            var t = MailLanguage.Of(invitation.Language);
            var texts = templates.Render(t, Kind, WalkFeedbackEmailModel.Create(protocol, invitation, protocolUrl, privacyUrl, t));
            outbox.Enqueue(texts.Message(invitation.Email, invitation.Name), Kind, invitation.Id);
        }
        walk.FeedbackSentAtUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            log.LogInformation("Walk {Walk} changed while its feedback was being written; the next try decides.", walkId);
            db.ChangeTracker.Clear();
            return (FeedbackOutcome.Conflict, 0);
        }
        return (FeedbackOutcome.Sent, recipients.Count);
    }

    /// <summary>
    /// Sends the feedback of those of the walks that are due: every finding dealt with (the automatic
    /// trigger), or the organiser's date reached. Walks whose protocol is unpublished keep waiting.
    /// </summary>
    /// <returns>How many walks' feedback went out.</returns>
    public async Task<int> SendIfDueAsync(IEnumerable<int> walkIds, DateOnly today, CancellationToken ct = default)
    {
        var sent = 0;
        foreach (var walkId in walkIds.Distinct())
        {
            var protocol = await WalkProtocol.LoadAsync(db, walkId, ct);
            if (protocol is not { Walk.FeedbackSentAtUtc: null, Walk.ProtocolPublishedAtUtc: not null }) continue;
            if (protocol.Walk.FeedbackDate <= today || IsComplete(protocol))
                if ((await SendAsync(walkId, ct)).Outcome == FeedbackOutcome.Sent) sent++;
        }
        return sent;
    }

    /// <summary>
    /// The background round over every walk still waiting: the chosen date may have come, or a walk became
    /// complete without the request that completed it getting to send (a conflict, or a crash between saves).
    /// </summary>
    public async Task<int> SendDueAsync(DateOnly today, CancellationToken ct = default)
    {
        var waiting = await db.Events.AsNoTracking()
            .Where(e => e.FeedbackSentAtUtc == null && e.ProtocolPublishedAtUtc != null
                && (e.FeedbackDate != null || db.Findings.Any(f => f.EventId == e.Id)))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        return await SendIfDueAsync(waiting, today, ct);
    }

    /// <summary>
    /// Every task of the walk closed, no finding left untriaged and none waiting for review (it would be missing from
    /// the mail, which goes out once); a walk without findings has nothing to report.
    /// </summary>
    public static bool IsComplete(WalkProtocol protocol) => protocol.Items.Count > 0 && protocol.Unreviewed == 0 && protocol.AllClosed;

    /// <summary>How many the feedback would go to now: what the organiser is told before sending to many.</summary>
    public async Task<int> RecipientCountAsync(int walkId, CancellationToken ct = default) => (await RecipientsAsync(walkId, ct)).Count;

    /// <summary>
    /// The walk's invitees who were not taken off the list and did not decline, and anyone who reported
    /// a finding through their invitation that is in the protocol, drop-ins who checked in with an address included; one mail per address.
    /// </summary>
    private async Task<List<Invitation>> RecipientsAsync(int walkId, CancellationToken ct)
    {
        var invitations = await db.Invitations.AsNoTracking().Include(i => i.Contact)
            .Where(i => i.EventId == walkId && i.NormalizedEmail != "" && ((i.RemovedAtUtc == null && i.Rsvp != RsvpStatus.Declined)
                || db.Findings.Any(f => f.ReportedByInvitationId == i.Id && f.ReviewedAtUtc != null && f.RemovedAtUtc == null)))
            .OrderBy(i => i.Id).ToListAsync(ct);
        return invitations.DistinctBy(i => i.NormalizedEmail).ToList();
    }
}
