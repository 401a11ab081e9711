using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using static DialogPlanner.Web.Features.Admin.Scale.ScaleEntities;

namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>
/// What one held walk found and what became of it, as far as time has gone: findings at its stops (some
/// recorded by participants on their phones), triage into tasks for the body that answers for the category
/// (sometimes two findings in one task), each task's history up to its status, the "assigned" mail, and the
/// protocol and feedback once due, so that the app's background jobs find nothing already overdue to send.
/// </summary>
public sealed class ScaleWalk(AppDbContext db, ScaleCast cast, Event walk, Random r, DateTime todayUtc)
{
    private static readonly FollowUpStatus[] Closed = [FollowUpStatus.Done, FollowUpStatus.Rejected, FollowUpStatus.NotOurs];

    public (int Findings, int Tasks) Write(IReadOnlyList<Invitation> participants)
    {
        var walkDay = StockholmTime.DateOf(walk.StartsAtUtc);
        var today = StockholmTime.DateOf(todayUtc);
        var age = today.DayNumber - walkDay.DayNumber;
        var reporters = participants.Where(i => i.Rsvp == RsvpStatus.Accepted).ToList();
        var stops = walk.Stops.OrderBy(s => s.Order).ToList();
        var tasks = new List<FollowUpTask>();
        var byCategory = new Dictionary<FindingCategory, FollowUpTask>();
        var count = r.Next(5, 13);
        var allClosed = true;
        for (var n = 0; n < count; n++)
        {
            var category = r.Weighted((FindingCategory.Lighting, 25), (FindingCategory.Vegetation, 15), (FindingCategory.Graffiti, 12),
                (FindingCategory.Vandalism, 10), (FindingCategory.Litter, 12), (FindingCategory.DrugHangout, 8),
                (FindingCategory.TrafficHazard, 10), (FindingCategory.Other, 8));
            var stop = r.Pick(stops);
            var (texts, taskText) = SwedishPlaces.Findings[category];
            var description = r.Pick(texts);
            var position = stop.Latitude is { } lat && r.Chance(0.8) ? r.Near(lat, stop.Longitude!.Value, 60) : ((double, double)?)null;
            var reporter = reporters.Count > 0 && r.Chance(0.4) ? r.Pick(reporters) : null;
            var triage = age > 60
                ? r.Weighted((FindingTriage.Tasked, 65), (FindingTriage.NoAction, 30), (FindingTriage.Open, 5))
                : r.Weighted((FindingTriage.Open, 50), (FindingTriage.Tasked, 40), (FindingTriage.NoAction, 10));
            FollowUpTask? task = null;
            if (triage == FindingTriage.Tasked)
            {
                // The same kind of problem twice on one walk is often one job for the same body.
                if (!byCategory.TryGetValue(category, out task) || !r.Chance(0.3))
                {
                    task = NewTask(category, $"{taskText}: {stop.Name}", description, walkDay, age, today);
                    byCategory[category] = task;
                    tasks.Add(task);
                }
            }
            allClosed &= triage == FindingTriage.NoAction || (task is not null && Closed.Contains(task.Status));
            db.Findings.Add(Finding(walk.Id, category, description, stop.Name, position, reporter?.Id, reporter is null ? null : r.Guid(), triage,
                triage == FindingTriage.NoAction ? r.Pick(NoActionReasons) : null, task,
                // Triaged findings were read by the organiser, who approved them for the protocol the same day.
                triage == FindingTriage.Open ? null : walk.StartsAtUtc.AddDays(2)));
        }

        // The protocol goes out about ten days after; feedback when everything is dealt with or the chosen date came.
        DateTime? published = age > 14 && r.Chance(0.9) ? walk.StartsAtUtc.AddDays(10) : null;
        DateOnly? feedbackDate = r.Chance(0.3) ? walkDay.AddDays(90) : null;
        var feedbackDue = published is not null && (allClosed || feedbackDate <= today || age > 200);
        WalkOutcome(walk, published, feedbackDate, feedbackDue ? Before(walk.StartsAtUtc.AddDays(Math.Max(15, Math.Min(age, 100)))) : null);
        return (count, tasks.Count);
    }

    private static readonly string[] NoActionReasons = ["Redan åtgärdat.", "Platsen sköts av Trafikverket.", "Ingen åtgärd behövs efter besiktning."];

    private FollowUpTask NewTask(FindingCategory category, string title, string description, DateOnly walkDay, int age, DateOnly today)
    {
        var organisation = category is FindingCategory.Vandalism or FindingCategory.Litter && r.Chance(0.3)
            ? r.Pick(cast.Landlords) : cast.Responsible[category];
        var created = Before(walk.StartsAtUtc.AddDays(r.Next(2, 6)));
        var due = walkDay.AddDays(r.Pick([30, 45, 60, 90]));
        var status = age > 120
            ? r.Weighted((FollowUpStatus.Done, 75), (FollowUpStatus.Rejected, 7), (FollowUpStatus.NotOurs, 6), (FollowUpStatus.InProgress, 8), (FollowUpStatus.Assigned, 4))
            : age > 30
                ? r.Weighted((FollowUpStatus.Done, 35), (FollowUpStatus.InProgress, 30), (FollowUpStatus.Assigned, 25), (FollowUpStatus.New, 5), (FollowUpStatus.Rejected, 3), (FollowUpStatus.NotOurs, 2))
                : r.Weighted((FollowUpStatus.New, 40), (FollowUpStatus.Assigned, 40), (FollowUpStatus.InProgress, 15), (FollowUpStatus.Done, 5));
        var closed = Closed.Contains(status);
        DateTime? closedAt = closed ? Before(created.AddDays(r.Next(3, 100))) : null;
        var resolution = status switch
        {
            FollowUpStatus.Done => r.Pick(["Åtgärdat.", "Klart, kontrollerat på plats.", "Utfört av entreprenör."]),
            FollowUpStatus.Rejected => "Ingen åtgärd behövs enligt besiktning.",
            FollowUpStatus.NotOurs => "Platsen ägs av en annan fastighetsägare; vi har hört av oss till dem.",
            _ => null,
        };
        var overdue = !closed && due < today ? Before(StockholmTime.ToUtc(due.AddDays(1).ToDateTime(new TimeOnly(6, 0)))) : (DateTime?)null;
        var person = r.Chance(0.6) ? $"{r.Pick(SwedishPlaces.FirstNames)} {r.Pick(SwedishPlaces.Surnames)}" : null;
        var task = Task(cast.Municipality.Id, title, description, organisation.Id, person, due,
            r.Weighted((TaskPriority.Low, 20), (TaskPriority.Normal, 60), (TaskPriority.High, 20)), status, resolution, closedAt, overdue);

        // The history as the task board writes it: created by the organiser, then each change by the owner.
        FollowUpStatus[] path = status switch
        {
            FollowUpStatus.New => [FollowUpStatus.New],
            FollowUpStatus.Assigned => [FollowUpStatus.New, FollowUpStatus.Assigned],
            FollowUpStatus.InProgress => [FollowUpStatus.New, FollowUpStatus.Assigned, FollowUpStatus.InProgress],
            FollowUpStatus.Done => [FollowUpStatus.New, FollowUpStatus.Assigned, FollowUpStatus.InProgress, FollowUpStatus.Done],
            FollowUpStatus.Rejected => [FollowUpStatus.New, FollowUpStatus.Assigned, FollowUpStatus.Rejected],
            _ => [FollowUpStatus.New, FollowUpStatus.NotOurs],
        };
        var end = closedAt ?? Before(created.AddDays(path.Length * 7));
        for (var i = 0; i < path.Length; i++)
        {
            var at = created + (end - created) * i / Math.Max(1, path.Length - 1);
            var by = i == 0 ? r.Pick(cast.Organisers) : person ?? organisation.Name;
            History(task, at, by, path[i], i == 0 ? "Skapad från trygghetsvandringen." : i == path.Length - 1 ? resolution : null);
        }
        if (organisation.Email is { } address)
            db.OutboxMessages.Add(Outbox(address, organisation.Name, $"Ny åtgärd: {title}", $"{title}\n\n{description}\n\nKlart senast {due:yyyy-MM-dd}.\n",
                TaskMail.Assigned, null, OutboxStatus.Sent, 1, created, created.AddMinutes(1), null));
        return task;
    }

    private DateTime Before(DateTime utc) => ScaleYear.Before(utc, todayUtc);
}
