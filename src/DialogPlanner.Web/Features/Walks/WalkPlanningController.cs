using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// The events around a walk (Brå's method): its preparatory and follow-up meetings, and a re-walk of the same
/// route that checks what is still open. Each is an event of its own, created as a draft for the organiser to finish.
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}")]
public sealed class WalkPlanningController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, RecordingWindow recording, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>
    /// A draft meeting two weeks before or three weeks after the walk, at the walk's place, and opens its edit page.
    /// The walk's invitees can be put on its list: as a draft nothing is sent, and the invitations go out
    /// through the usual InvitationSender when the organiser schedules the meeting.
    /// </summary>
    [HttpPost("meetings")]
    public async Task<IActionResult> CreateMeeting(int id, WalkMeetingRole role, bool inviteWalkInvitees)
    {
        var walk = await FindAsync(id);
        if (walk is null || !Enum.IsDefined(role)) return NotFound();
        var walkDay = StockholmTime.FromUtc(walk.StartsAtUtc).Date;
        var step = role == WalkMeetingRole.Preparatory ? -1 : 1;
        var day = walkDay.AddDays(role == WalkMeetingRole.Preparatory ? -14 : 21);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(step);
        var tomorrow = StockholmTime.Now(clock).Date.AddDays(1);
        if (day < tomorrow) day = tomorrow;
        var meeting = new Event
        {
            MunicipalityId = walk.MunicipalityId, Type = EventType.DialogueMeeting, Status = EventStatus.Draft, IsPublic = false,
            Title = role == WalkMeetingRole.Preparatory ? t["Förberedande möte: {0}", walk.Title] : t["Uppföljningsmöte: {0}", walk.Title],
            Location = walk.Location, StartsAtUtc = StockholmTime.ToUtc(day.AddHours(18)), EndsAtUtc = StockholmTime.ToUtc(day.AddHours(19.5)),
            WalkEventId = walk.Id, WalkRole = role,
        };
        if (inviteWalkInvitees)
            foreach (var i in walk.Invitations.Where(i => i.RemovedAtUtc is null))
                meeting.Invitations.Add(new Invitation { Email = i.Email, Name = i.Name, ContactId = i.ContactId, Language = i.Language });
        db.Events.Add(meeting);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Mötet är skapat som utkast med {0} inbjudna. Ändra tid och plats och planera det, så skickas inbjudningarna.", meeting.Invitations.Count].Value;
        return RedirectToAction("Edit", "Events", new { id = meeting.Id });
    }

    /// <summary>
    /// A new draft walk on the same route (stops copied) whose findings start as copies of the findings whose
    /// tasks are still open, to be checked off on the spot.
    /// </summary>
    [HttpPost("rewalk")]
    public async Task<IActionResult> PlanRewalk(int id)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        // Same weekday and time half a year on (spring to autumn), or the next such week if that has passed.
        var start = StockholmTime.FromUtc(walk.StartsAtUtc);
        var length = walk.EndsAtUtc - walk.StartsAtUtc;
        var shift = TimeSpan.FromDays(182);
        while (start + shift <= StockholmTime.Now(clock)) shift += TimeSpan.FromDays(7);
        var rewalk = new Event
        {
            MunicipalityId = walk.MunicipalityId, Type = walk.Type, Status = EventStatus.Draft, IsPublic = walk.IsPublic, PledgeId = walk.PledgeId,
            Title = t["Uppföljande vandring: {0}", walk.Title], Description = walk.Description, Location = walk.Location,
            Latitude = walk.Latitude, Longitude = walk.Longitude, Capacity = walk.Capacity,
            StartsAtUtc = StockholmTime.ToUtc(start + shift), EndsAtUtc = StockholmTime.ToUtc(start + shift) + length, PreviousWalkId = walk.Id,
            Stops = walk.Stops.OrderBy(s => s.Order).Select(s => new WalkStop { Name = s.Name, Order = s.Order, Latitude = s.Latitude, Longitude = s.Longitude }).ToList(),
        };
        db.Events.Add(rewalk);
        await db.SaveChangesAsync();
        // The photo stays with the first finding (one file, one owner); the copy links back to it.
        var open = await db.Findings.AsNoTracking().Where(f => f.EventId == walk.Id && f.RemovedAtUtc == null && f.FollowUpTask != null && FollowUpTask.OpenStatuses.Contains(f.FollowUpTask.Status))
            .OrderBy(f => f.Id).ToListAsync();
        db.Findings.AddRange(open.Select(f => new Finding
        {
            EventId = rewalk.Id, Category = f.Category, Description = f.Description, Place = f.Place, Latitude = f.Latitude, Longitude = f.Longitude,
            CarriedFromFindingId = f.Id, Triage = FindingTriage.Open,
            // The copy has the earlier finding's reviewed words, so it is as reviewed as that one was.
            ReviewedAtUtc = f.ReviewedAtUtc, ReviewedByUserId = f.ReviewedByUserId,
        }));
        await db.SaveChangesAsync();
        TempData["Message"] = t["Den uppföljande vandringen är skapad som utkast med {0} iakttagelser att kontrollera.", open.Count].Value;
        return RedirectToAction("Show", "Walks", new { id = rewalk.Id });
    }

    /// <summary>Checks off a carried finding on the re-walk: fixed, or still there (see CarriedCheck).</summary>
    [HttpPost("findings/{findingId:int}/check")]
    public async Task<IActionResult> Check(int id, int findingId, CarriedCheck.Result result)
    {
        var walk = await FindAsync(id);
        var finding = walk is null ? null : await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.EventId == id);
        if (finding is null || !Enum.IsDefined(result)) return NotFound();
        if (!await CarriedCheck.ApplyAsync(db, finding, result, recording.IsOpen(walk!), t))
            TempData["Message"] = t["Iakttagelsen har redan behandlats och kan inte bockas av här."].Value;
        return Redirect(Url.Action("Show", "Walks", new { id }) + $"#finding-{findingId}");
    }

    private async Task<Event?> FindAsync(int id)
    {
        return await db.Events.Include(e => e.Stops).Include(e => e.Invitations).OwnWalkAsync(scope, id);
    }
}
