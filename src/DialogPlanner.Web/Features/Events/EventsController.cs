using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Events;

[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("events")]
public sealed class EventsController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, IValidator<EventForm> validator, InvitationSender sender,
    IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>
    /// The events of the user's municipalities, 50 a page, filtered in the database by year, type, status, pledge and
    /// text; upcoming events first (soonest first), then past ones (most recent first).
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(EventFilter filter, CancellationToken ct)
    {
        var ids = await scope.AllowedIdsAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Events.AsNoTracking().Where(e => ids.Contains(e.MunicipalityId));
        if (filter.Pledge is not null) query = query.Where(e => e.PledgeId == filter.Pledge);
        if (filter.Status is not null) query = query.Where(e => e.Status == filter.Status);
        if (filter.Type is not null) query = query.Where(e => e.Type == filter.Type);
        if (filter.Year is >= 2000 and <= 2100)
        {
            var (from, to) = (StockholmTime.ToUtc(new DateTime(filter.Year.Value, 1, 1)), StockholmTime.ToUtc(new DateTime(filter.Year.Value + 1, 1, 1)));
            query = query.Where(e => e.StartsAtUtc >= from && e.StartsAtUtc < to);
        }
        if (Paging.SearchTerm(filter.Q) is { } term)
            query = query.Where(e => e.Title.ToLower().Contains(term) || e.Location.ToLower().Contains(term));
        // Upcoming ones sort by their start; past ones all share "now" as the first key and then go newest first.
        var page = await query
            .OrderBy(e => e.StartsAtUtc < now).ThenBy(e => e.StartsAtUtc < now ? now : e.StartsAtUtc).ThenByDescending(e => e.StartsAtUtc).ThenBy(e => e.Id)
            .Select(e => new EventListRow(e.Id, e.Title, e.Type, e.Status, e.Location, e.StartsAtUtc, e.AttendanceCount, e.Municipality.Latitude, e.Municipality.Longitude))
            .ToPagedAsync(filter.Page, ct: ct);
        var pledge = filter.Pledge is null ? null : await db.Pledges.AsNoTracking().Where(p => p.Id == filter.Pledge).Select(p => p.Text).SingleOrDefaultAsync(ct);
        return View(new EventList(filter, page, pledge));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        var e = await db.Events.AsNoTracking().Include(x => x.Municipality).Include(x => x.Pledge)
            .Include(x => x.Invitations.Where(i => i.RemovedAtUtc == null).OrderBy(i => i.Name ?? i.Email))
            .SingleOrDefaultAsync(x => x.Id == id && ids.Contains(x.MunicipalityId));
        if (e is null) return NotFound();
        // A walk's meeting links back to its walk, and a re-walk to the walk it follows up.
        var walkId = e.WalkEventId ?? e.PreviousWalkId;
        ViewData["Walk"] = walkId is null ? null : await db.Events.AsNoTracking().Where(w => w.Id == walkId).Select(w => new WalkLink(w.Id, w.Title)).SingleOrDefaultAsync();
        return View(e);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(EventType? type, int? pledge)
    {
        var allowed = await scope.AllowedAsync();
        if (allowed.Count == 0) return Forbid();
        var nextWeek = StockholmTime.Now(clock).Date.AddDays(7);
        var chosenType = type ?? (pledge is null ? null : await db.Pledges.Where(p => p.Id == pledge).Select(p => p.EventType).SingleOrDefaultAsync()) ?? EventType.DialogueMeeting;
        return await FormView(new EventForm
        {
            MunicipalityId = allowed[0].Id, Type = chosenType, PledgeId = pledge, AsDraft = true,
            Start = nextWeek.AddHours(18), End = nextWeek.AddHours(20), IsPublic = chosenType == EventType.DialogueMeeting,
        });
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(EventForm form)
    {
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        form.Id = 0;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        var e = new Event { Title = "", Location = "", Status = form.AsDraft ? EventStatus.Draft : EventStatus.Scheduled };
        form.ApplyTo(e);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        TempData["Message"] = (form.AsDraft ? t["Utkastet har sparats."] : t["Händelsen är planerad."]).Value;
        return RedirectToAction(nameof(Show), new { id = e.Id });
    }

    /// <summary>A copy of an event as a new draft a week later (or next week, if it lies in the past): same facts, no invitees.</summary>
    [HttpGet("{id:int}/duplicate")]
    public async Task<IActionResult> Duplicate(int id)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        var form = EventForm.From(e);
        var start = form.Start!.Value;
        var shift = TimeSpan.FromDays(7);
        while (start + shift <= StockholmTime.Now(clock)) shift += TimeSpan.FromDays(7);
        (form.Id, form.Start, form.End, form.AsDraft, form.Version) = (0, start + shift, form.End + shift, true, Guid.Empty);
        return await FormView(form);
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        return e.IsOpen ? await FormView(EventForm.From(e)) : RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, EventForm form, bool confirmed)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        if (!e.IsOpen) return RedirectToAction(nameof(Show), new { id });
        form.Id = id;
        form.MunicipalityId = e.MunicipalityId;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);

        db.Entry(e).Property(x => x.Version).OriginalValue = form.Version;
        var wasDraft = e.Status == EventStatus.Draft;
        // Calendars ignore an update whose SEQUENCE did not go up; a draft was never sent, so it starts at 0.
        if (form.ApplyTo(e) && !wasDraft) e.CalendarSequence++;
        if (wasDraft && !form.AsDraft) e.Status = EventStatus.Scheduled;
        if (!confirmed && this.AskBeforeMailing(e, t) is { } ask) return ask;
        var queued = sender.QueueOrDefer(e);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, t["Någon annan har ändrat händelsen medan du arbetade. Öppna den igen för att se ändringarna; dina ändringar har inte sparats."]);
            return await FormView(form);
        }
        TempData["Message"] = (queued > 0 ? t["Händelsen har sparats. {0} e-postmeddelanden skickas.", queued] : t["Händelsen har sparats."]).Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<Event?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Events.Include(e => e.Invitations).Include(e => e.Municipality)
            .SingleOrDefaultAsync(e => e.Id == id && ids.Contains(e.MunicipalityId));
    }

    private async Task<IActionResult> FormView(EventForm form)
    {
        var allowed = await scope.AllowedAsync();
        var ids = allowed.Select(m => m.Id).ToArray();
        ViewData["Municipalities"] = allowed;
        ViewData["Pledges"] = await db.Pledges.AsNoTracking()
            .Where(p => p.EventType != null && ids.Contains(p.FocusArea.CitizenPromise.MunicipalityId))
            .OrderByDescending(p => p.FocusArea.CitizenPromise.Year).ThenBy(p => p.Text)
            .Select(p => new PledgeOption(p.Id, p.FocusArea.CitizenPromise.Year, p.Text, p.EventType!.Value))
            .ToListAsync();
        return View("Form", form);
    }
}

public sealed record WalkLink(int Id, string Title);

/// <summary>The events list's filters, bound from the query string so that a filtered page can be bookmarked.</summary>
public sealed record EventFilter(int? Year, EventType? Type, EventStatus? Status, int? Pledge, string? Q, int? Page);

public sealed record EventListRow(
    int Id, string Title, EventType Type, EventStatus Status, string Location, DateTime StartsAtUtc, int? AttendanceCount,
    double? Latitude, double? Longitude);

public sealed record EventList(EventFilter Filter, Paged<EventListRow> Events, string? PledgeText);

public sealed record PledgeOption(int Id, int Year, string Text, EventType Type);
