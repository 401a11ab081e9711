using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Home;

/// <summary>One line of a work queue: what needs doing, and the page where it is done.</summary>
public sealed record WorkItem(string Text, string Url, string? Detail = null, bool Urgent = false);

/// <summary>
/// A list of things waiting for the signed-in user: <see cref="Key"/> names it for styles and tests, <see cref="Count"/>
/// counts them all while <see cref="Items"/> holds the first few.
/// </summary>
public sealed record WorkQueue(string Key, string Title, int Count, IReadOnlyList<WorkItem> Items, string? AllUrl = null);

/// <summary>
/// The start page: each role's work, built with a fixed number of SQL commands whatever the amount of data
/// (each queue counts in the database and reads at most <see cref="Shown"/> rows).
/// </summary>
public sealed class WorkQueues(AppDbContext db, MunicipalityScope scope, TaskAccess tasks, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const int Shown = 5;
    public const int UpcomingDays = 30;

    public async Task<IReadOnlyList<WorkQueue>> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var queues = new List<WorkQueue>();
        var organiser = user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);
        if (organiser)
        {
            var ids = await scope.AllowedIdsAsync(ct);
            queues.Add(await UpcomingAsync(ids, ct));
            queues.Add(await AwaitingHeldAsync(ids, ct));
            queues.Add(await FindingsToTriageAsync(ids, ct));
            queues.Add(await OverdueTasksAsync(ct));
            queues.Add(await FailedMailAsync(ids, ct));
            queues.Add(await PledgesBehindAsync(ids, ct));
            if (user.IsInRole(Roles.Administrator)) queues.Add(await SetAsideAnswersAsync(ct));
        }
        else if (user.IsInRole(Roles.TaskOwner))
        {
            queues.Add(await OpenTasksAsync(ct));
        }
        if (user.IsInRole(Roles.Participant) && user.FindFirstValue(ClaimTypes.Email) is { } email)
            queues.Add(await MyWalksAsync(EmailAddress.Normalize(email), ct));
        return queues;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<WorkQueue> UpcomingAsync(int[] ids, CancellationToken ct)
    {
        var until = Now.AddDays(UpcomingDays);
        var query = db.Events.AsNoTracking().Where(e => ids.Contains(e.MunicipalityId) && (e.Status == EventStatus.Draft || e.Status == EventStatus.Scheduled) && e.StartsAtUtc >= Now && e.StartsAtUtc < until);
        var rows = await query.OrderBy(e => e.StartsAtUtc).Take(Shown).Select(e => new
        {
            e.Id, e.Title, e.StartsAtUtc, e.Status,
            Accepted = e.Invitations.Count(i => i.RemovedAtUtc == null && i.Rsvp == RsvpStatus.Accepted),
            Declined = e.Invitations.Count(i => i.RemovedAtUtc == null && i.Rsvp == RsvpStatus.Declined),
            Open = e.Invitations.Count(i => i.RemovedAtUtc == null && (i.Rsvp == RsvpStatus.NeedsAction || i.Rsvp == RsvpStatus.Tentative)),
        }).ToListAsync(ct);
        var items = rows.Select(e => new WorkItem(e.Title, $"/events/{e.Id}",
            $"{StockholmTime.FromUtc(e.StartsAtUtc):g}" + (e.Status == EventStatus.Draft
                ? " · " + t["Utkast, inga inbjudningar skickade"]
                : " · " + t["{0} kommer, {1} kan inte, {2} har inte svarat", e.Accepted, e.Declined, e.Open]))).ToList();
        return new WorkQueue("upcoming", t["Kommande 30 dagar"], await query.CountAsync(ct), items, "/events");
    }

    private async Task<WorkQueue> AwaitingHeldAsync(int[] ids, CancellationToken ct)
    {
        var query = db.Events.AsNoTracking().Where(e => ids.Contains(e.MunicipalityId) && e.Status == EventStatus.Scheduled && e.EndsAtUtc < Now);
        var rows = await query.OrderBy(e => e.StartsAtUtc).Take(Shown).Select(e => new { e.Id, e.Title, e.StartsAtUtc }).ToListAsync(ct);
        return new WorkQueue("awaiting-held", t["Genomförda? Markera dem"], await query.CountAsync(ct),
            rows.Select(e => new WorkItem(e.Title, $"/events/{e.Id}", $"{StockholmTime.FromUtc(e.StartsAtUtc):g}")).ToList(),
            $"/events?status={EventStatus.Scheduled}");
    }

    private async Task<WorkQueue> FindingsToTriageAsync(int[] ids, CancellationToken ct)
    {
        var query = db.Findings.AsNoTracking()
            .Where(f => ids.Contains(f.Event.MunicipalityId) && f.Triage == FindingTriage.Open && f.Event.Status != EventStatus.Cancelled);
        var walks = await query.GroupBy(f => new { f.EventId, f.Event.Title, f.Event.StartsAtUtc })
            .Select(g => new { g.Key.EventId, g.Key.Title, g.Key.StartsAtUtc, Count = g.Count() })
            .OrderBy(g => g.StartsAtUtc).Take(Shown).ToListAsync(ct);
        return new WorkQueue("findings", t["Fynd att ta ställning till"], await query.CountAsync(ct),
            walks.Select(w => new WorkItem(w.Title, $"/walks/{w.EventId}", t["{0} fynd utan uppgift eller beslut", w.Count])).ToList());
    }

    private async Task<WorkQueue> OverdueTasksAsync(CancellationToken ct)
    {
        var today = StockholmTime.Today(clock);
        var query = (await tasks.VisibleAsync()).AsNoTracking().Where(x => x.DueDate < today && FollowUpTask.OpenStatuses.Contains(x.Status));
        var rows = await query.OrderBy(x => x.DueDate).Take(Shown)
            .Select(x => new { x.Id, x.Title, x.DueDate, Organisation = x.ResponsibleOrganisation.Name }).ToListAsync(ct);
        return new WorkQueue("overdue-tasks", t["Försenade uppgifter"], await query.CountAsync(ct),
            rows.Select(x => new WorkItem(x.Title, $"/tasks/{x.Id}", t["{0}, skulle vara klar {1}", x.Organisation, x.DueDate.ToString("d")], Urgent: true)).ToList(),
            "/tasks?overdue=true");
    }

    /// <summary>
    /// Invitees of events not over yet whose latest mail failed; sending it again (a newer message) takes them off the queue.
    /// A failure for an event that has ended can no longer be helped, so it is not work.
    /// </summary>
    private async Task<WorkQueue> FailedMailAsync(int[] ids, CancellationToken ct)
    {
        // From the few events not over yet to their invitations' latest message (both by index): at ten years of data,
        // starting from the 25,000 failed messages of all years cost 200 ms a query. The start-time bound lets the
        // (municipality, start) index find those events; meetings and walks last hours, not a week.
        var now = Now;
        var startedSince = now.AddDays(-7);
        var query = db.Invitations.AsNoTracking().Where(i => ids.Contains(i.Event.MunicipalityId) && i.Event.StartsAtUtc >= startedSince
            && i.Event.EndsAtUtc >= now && i.RemovedAtUtc == null
            && db.OutboxMessages.Where(m => m.InvitationId == i.Id).OrderByDescending(m => m.Id).Select(m => (OutboxStatus?)m.Status).FirstOrDefault() == OutboxStatus.Failed);
        var events = await query.GroupBy(i => new { i.EventId, i.Event.Title, i.Event.StartsAtUtc })
            .Select(g => new { g.Key.EventId, g.Key.Title, g.Key.StartsAtUtc, Count = g.Count() })
            .OrderBy(g => g.StartsAtUtc).Take(Shown).ToListAsync(ct);
        return new WorkQueue("failed-mail", t["Utskick som misslyckades"], await query.CountAsync(ct),
            events.Select(e => new WorkItem(e.Title, $"/events/{e.EventId}/invitees", t["{0} mottagare fick inte sin senaste e-post", e.Count], Urgent: true)).ToList());
    }

    /// <summary>This year's countable pledges that are behind or at risk, by the dashboard's own rule.</summary>
    private async Task<WorkQueue> PledgesBehindAsync(int[] ids, CancellationToken ct)
    {
        var now = Now;
        var today = StockholmTime.DateOf(now);
        var yearStart = StockholmTime.ToUtc(new DateTime(today.Year, 1, 1));
        var yearEnd = StockholmTime.ToUtc(new DateTime(today.Year + 1, 1, 1));
        var pledges = await db.Pledges.AsNoTracking()
            .Where(p => p.YearlyTarget != null && ids.Contains(p.FocusArea.CitizenPromise.MunicipalityId) && p.FocusArea.CitizenPromise.Year == today.Year)
            .Select(p => new
            {
                p.Id, p.Text, p.FocusArea.CitizenPromiseId, Target = p.YearlyTarget!.Value, p.TargetIsMinimum, p.EventType, p.DoneCount,
                Held = db.Events.Count(e => e.PledgeId == p.Id && e.Status == EventStatus.Held && e.StartsAtUtc >= yearStart && e.StartsAtUtc < yearEnd),
                Ahead = db.Events.Count(e => e.PledgeId == p.Id && e.Status == EventStatus.Scheduled && e.StartsAtUtc >= now && e.StartsAtUtc < yearEnd),
            }).ToListAsync(ct);
        var late = pledges
            .Select(p => (p, Progress: PledgeProgress.Compute(p.Target, p.TargetIsMinimum, p.EventType is null ? p.DoneCount ?? 0 : p.Held, p.Ahead, today.Year, today)))
            .Where(x => x.Progress.Status is PledgeStatus.Behind or PledgeStatus.AtRisk)
            .OrderBy(x => x.Progress.Status == PledgeStatus.Behind ? 0 : 1).ToList();
        return new WorkQueue("pledges-behind", t["Löften som ligger efter"], late.Count, late.Take(Shown).Select(x => new WorkItem(
            x.p.Text, $"/promises/{x.p.CitizenPromiseId}",
            t[EnumTexts.Of(x.Progress.Status)] + " · " + t["{0} genomförda, {1} planerade av {2}", x.Progress.Held, x.Progress.Scheduled, x.Progress.Target],
            Urgent: x.Progress.Status == PledgeStatus.Behind)).ToList());
    }

    private async Task<WorkQueue> SetAsideAnswersAsync(CancellationToken ct)
    {
        var count = await db.SetAsideReplies.CountAsync(ct);
        IReadOnlyList<WorkItem> items = count == 0 ? [] : [new WorkItem(t["{0} kalendersvar kunde inte läsas", count], "/admin/calendar-replies")];
        return new WorkQueue("set-aside-answers", t["Kalendersvar som lagts åt sidan"], count, items);
    }

    /// <summary>A task owner's organisation's open tasks, the overdue (earliest due) first.</summary>
    private async Task<WorkQueue> OpenTasksAsync(CancellationToken ct)
    {
        var today = StockholmTime.Today(clock);
        var query = (await tasks.VisibleAsync()).AsNoTracking().Where(x => FollowUpTask.OpenStatuses.Contains(x.Status));
        var rows = await query.OrderBy(x => x.DueDate).ThenBy(x => x.Id).Take(Shown).Select(x => new { x.Id, x.Title, x.DueDate }).ToListAsync(ct);
        return new WorkQueue("open-tasks", t["Öppna uppgifter"], await query.CountAsync(ct), rows.Select(x => new WorkItem(x.Title, $"/tasks/{x.Id}",
            x.DueDate < today ? t["Försenad, skulle vara klar {0}", x.DueDate.ToString("d")] : t["Klar senast {0}", x.DueDate.ToString("d")],
            Urgent: x.DueDate < today)).ToList(), "/tasks");
    }

    /// <summary>A participant's walks that are not over yet (recording stays open on the day).</summary>
    private async Task<WorkQueue> MyWalksAsync(string email, CancellationToken ct)
    {
        var since = Now.AddDays(-1);
        var query = db.Events.AsNoTracking().Where(e => WalkLookup.Types.Contains(e.Type) && e.Status != EventStatus.Cancelled && e.EndsAtUtc >= since
            && e.Invitations.Any(i => i.RemovedAtUtc == null && i.NormalizedEmail == email));
        var rows = await query.OrderBy(e => e.StartsAtUtc).Take(Shown).Select(e => new { e.Id, e.Title, e.StartsAtUtc, e.Location }).ToListAsync(ct);
        return new WorkQueue("my-walks", t["Dina vandringar"], await query.CountAsync(ct), rows.Select(e => new WorkItem(e.Title, $"/walks/{e.Id}/record",
            $"{StockholmTime.FromUtc(e.StartsAtUtc):g} · {e.Location}")).ToList(), "/my-walks");
    }
}
