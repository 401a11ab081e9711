using System.Globalization;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Promises.Planning;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>"Plan": proposes dates for the events a pledge still lacks and turns the chosen ones into drafts.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises/pledges/{id:int}/plan")]
public sealed class PlanningController(AppDbContext db, MunicipalityScope scope, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id)
    {
        var plan = await LoadAsync(id);
        return plan is null ? NotFound() : View(plan);
    }

    /// <summary>Creates a Draft event for each chosen start (Stockholm time, "yyyy-MM-ddTHH:mm").</summary>
    [HttpPost("")]
    public async Task<IActionResult> Create(int id, List<string> starts)
    {
        var plan = await LoadAsync(id);
        if (plan is null) return NotFound();
        var proposed = plan.Proposals.ToDictionary(p => p.Start.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        var chosen = starts.Distinct().Where(proposed.ContainsKey).Select(s => proposed[s]).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(string.Empty, t["Välj minst ett av förslagen."]);
            return View(nameof(Index), plan);
        }
        var pledge = plan.Pledge;
        var type = pledge.EventType!.Value;
        foreach (var p in chosen)
        {
            db.Events.Add(new Event
            {
                MunicipalityId = plan.Municipality.Id, PledgeId = pledge.Id, Type = type, Status = EventStatus.Draft,
                Title = $"{t[EnumTexts.Of(type)]} {p.Start.ToString("d MMMM", CultureInfo.GetCultureInfo("sv-SE"))}",
                Location = t["Plats bestäms senare"], IsPublic = type == EventType.DialogueMeeting,
                StartsAtUtc = StockholmTime.ToUtc(p.Start), EndsAtUtc = StockholmTime.ToUtc(p.End),
            });
        }
        await db.SaveChangesAsync();
        TempData["Message"] = t["{0} utkast har skapats. Bestäm plats och bjud in när datumen är klara.", chosen.Count].Value;
        return RedirectToAction("Index", "Events", new { pledge = pledge.Id });
    }

    private async Task<PlanView?> LoadAsync(int pledgeId)
    {
        var ids = await scope.AllowedIdsAsync();
        var pledge = await db.Pledges.AsNoTracking().Include(p => p.FocusArea).ThenInclude(f => f.CitizenPromise).ThenInclude(c => c.Municipality)
            .SingleOrDefaultAsync(p => p.Id == pledgeId && ids.Contains(p.FocusArea.CitizenPromise.MunicipalityId));
        if (pledge is null) return null;
        var promise = pledge.FocusArea.CitizenPromise;
        var municipality = promise.Municipality;
        if (pledge.EventType is not { } type || pledge.YearlyTarget is not { } target)
            return new PlanView(pledge, municipality, promise.Year, 0, []);

        var yearStart = StockholmTime.ToUtc(new DateTime(promise.Year, 1, 1));
        var yearEnd = StockholmTime.ToUtc(new DateTime(promise.Year + 1, 1, 1));
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        // Held ones count; planned and drafted ones still ahead will count.
        var counted = await db.Events.CountAsync(e => e.PledgeId == pledge.Id && e.StartsAtUtc >= yearStart && e.StartsAtUtc < yearEnd
            && (e.Status == EventStatus.Held || ((e.Status == EventStatus.Scheduled || e.Status == EventStatus.Draft) && e.StartsAtUtc >= nowUtc)));
        var missing = Math.Max(0, target - counted);
        var today = StockholmTime.DateOf(nowUtc);
        var proposals = DateProposer.Propose(type, missing, promise.Year, today, municipality.Latitude, municipality.Longitude);
        return new PlanView(pledge, municipality, promise.Year, missing, proposals);
    }
}

public sealed record PlanView(Pledge Pledge, Municipality Municipality, int Year, int Missing, IReadOnlyList<Proposal> Proposals);
