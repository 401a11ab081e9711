using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Photos;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Privacy;

/// <summary>
/// The municipality's retention decisions (gallringsbeslut), section <c>Retention</c>. Each is off (empty) or a period;
/// <see cref="Retention"/> applies them once a day.
/// </summary>
public sealed class RetentionSettings
{
    public const string Section = "Retention";

    /// <summary>Bodies of delivered or failed mail are removed after this many days; the delivery state stays.</summary>
    public int? MailBodyDays { get; set; }

    /// <summary>Calendar replies that were set aside are deleted after this many days.</summary>
    public int? SetAsideReplyDays { get; set; }

    /// <summary>Photos of findings and after-photos of tasks closed this many months ago are deleted.</summary>
    public int? ClosedTaskPhotoMonths { get; set; }

    /// <summary>Contacts not invited to anything (and not changed) for this many years are deleted.</summary>
    public int? ContactNotInvitedYears { get; set; }

    /// <summary>Entries of the audit log are deleted after this many days; the only deletion the log knows.</summary>
    public int? AuditLogDays { get; set; }

    /// <summary>
    /// A walk-day drop-in's name and address are removed this many days after the walk's feedback went out (0: at the
    /// next daily round); they were kept only so that the feedback could reach them.
    /// </summary>
    public int? CheckInDaysAfterFeedback { get; set; }
}

/// <summary>Applies <see cref="RetentionSettings"/>: each rule is one set-based statement or a bounded loop over files.</summary>
public sealed class Retention(AppDbContext db, PhotoStore photos, IOptions<RetentionSettings> options, TimeProvider clock)
{
    public sealed record Removed(int MailBodies, int SetAsideReplies, int Photos, int Contacts, int AuditEntries, int CheckIns)
    {
        public static readonly Removed Nothing = new(0, 0, 0, 0, 0, 0);
    }

    public async Task<Removed> ApplyAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;

        var none = Array.Empty<byte>();
        var mailBodies = settings.MailBodyDays is { } mailDays
            ? await db.OutboxMessages.Where(m => m.Status != OutboxStatus.Queued && m.CreatedAtUtc < now.AddDays(-mailDays) && m.Mime != none)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Mime, none), ct)
            : 0;

        var setAside = settings.SetAsideReplyDays is { } replyDays
            ? await db.SetAsideReplies.Where(r => r.ReceivedAtUtc < now.AddDays(-replyDays)).ExecuteDeleteAsync(ct)
            : 0;

        var photoCount = settings.ClosedTaskPhotoMonths is { } months ? await RemoveClosedTaskPhotosAsync(now.AddMonths(-months), ct) : 0;

        var contacts = 0;
        if (settings.ContactNotInvitedYears is { } years)
        {
            var before = now.AddYears(-years);
            // Invitations keep their own copy of name and address; only the link to the contact goes.
            var stale = db.Contacts.Where(c => c.UpdatedAtUtc < before && !db.Invitations.Any(i => i.ContactId == c.Id && i.CreatedAtUtc >= before));
            await db.Invitations.Where(i => i.ContactId != null && stale.Select(c => c.Id).Contains(i.ContactId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ContactId, (int?)null), ct);
            contacts = await stale.ExecuteDeleteAsync(ct);
        }

        var audit = settings.AuditLogDays is { } auditDays
            ? await db.AuditEntries.Where(a => a.AtUtc < now.AddDays(-auditDays)).ExecuteDeleteAsync(ct)
            : 0;

        var checkIns = settings.CheckInDaysAfterFeedback is { } checkInDays ? await ForgetDropInsAsync(now.AddDays(-checkInDays), ct) : 0;

        return new Removed(mailBodies, setAside, photoCount, contacts, audit, checkIns);
    }

    /// <summary>
    /// Drop-ins of walks whose feedback went out before <paramref name="feedbackBefore"/> lose name and address, on their
    /// invitation and on the mail sent to them. They still count as participants, and under the organisation they typed:
    /// an organisation is not a person, and the published protocol keeps its figures.
    /// </summary>
    private async Task<int> ForgetDropInsAsync(DateTime feedbackBefore, CancellationToken ct)
    {
        var dropIns = db.Invitations.Where(i => i.CheckedInAtUtc != null && (i.Name != null || i.NormalizedEmail != "")
            && i.Event.FeedbackSentAtUtc != null && i.Event.FeedbackSentAtUtc < feedbackBefore);
        var erased = $"drop-in@{Erasure.ErasedDomain}";
        await db.OutboxMessages.Where(m => m.Status != OutboxStatus.Queued && m.InvitationId != null && dropIns.Select(i => i.Id).Contains(m.InvitationId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ToAddress, erased).SetProperty(m => m.ToName, (string?)null).SetProperty(m => m.Mime, Array.Empty<byte>()), ct);
        return await dropIns.ExecuteUpdateAsync(s => s.SetProperty(i => i.Name, (string?)null).SetProperty(i => i.Email, "").SetProperty(i => i.NormalizedEmail, ""), ct);
    }

    private async Task<int> RemoveClosedTaskPhotosAsync(DateTime closedBefore, CancellationToken ct)
    {
        var tasks = await db.FollowUpTasks.Include(t => t.Findings)
            .Where(t => FollowUpTask.ClosedStatuses.Contains(t.Status) && t.UpdatedAtUtc < closedBefore
                && (t.AfterPhotoPath != null || t.Findings.Any(f => f.PhotoPath != null)))
            .Take(500).ToListAsync(ct);
        var removed = 0;
        foreach (var task in tasks)
        {
            if (task.AfterPhotoPath is { } after)
            {
                photos.Delete(new PhotoStore.Saved(after, task.AfterPhotoContentType ?? PhotoCleaner.ContentType));
                (task.AfterPhotoPath, task.AfterPhotoContentType) = (null, null);
                removed++;
            }
            foreach (var finding in task.Findings.Where(f => f.PhotoPath is not null))
            {
                photos.Delete(new PhotoStore.Saved(finding.PhotoPath!, finding.PhotoContentType ?? PhotoCleaner.ContentType));
                (finding.PhotoPath, finding.PhotoContentType) = (null, null);
                removed++;
            }
        }
        await db.SaveChangesAsync(ct);
        return removed;
    }
}
