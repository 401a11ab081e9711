using System.Text;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>
/// The public promise page that a municipality links to from its own website: what was promised,
/// how it is going, and the open meetings residents can come to. Only published promises are shown.
/// </summary>
[AllowAnonymous]
[Route("kommun/{slug}")]
public sealed class PublicPromiseController(AppDbContext db, Links links, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The address to link to year after year: it always leads to the newest published promise.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Latest(string slug)
    {
        var year = await Published(slug).OrderByDescending(p => p.Year).Select(p => (int?)p.Year).FirstOrDefaultAsync();
        return year is null ? NotFound() : RedirectToAction(nameof(Show), new { slug = slug.ToLowerInvariant(), year });
    }

    [HttpGet("{year:int}"), OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Show(string slug, int year)
    {
        var promiseId = await Published(slug).Where(p => p.Year == year).Select(p => (int?)p.Id).SingleOrDefaultAsync();
        if (promiseId is null) return NotFound();
        var overview = await PromiseOverview.LoadAsync(db, promiseId.Value, clock);
        if (overview is null) return NotFound();
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        // Projected so that nothing but what residents may see (never minutes or invitees) reaches the page.
        var upcoming = await db.Events.AsNoTracking()
            .Where(e => e.MunicipalityId == overview.Promise.MunicipalityId && e.IsPublic
                        && e.Status == EventStatus.Scheduled && e.StartsAtUtc > nowUtc)
            .OrderBy(e => e.StartsAtUtc)
            .Select(e => new PublicMeeting(e.Id, e.Type, e.Title, e.Description, e.StartsAtUtc, e.EndsAtUtc, e.Location))
            .ToListAsync();
        ViewData[PublicCache.Policy] = true; // cached for everyone: no per-visitor form token in it
        return View(new PublicPromisePage(overview, upcoming));
    }

    [HttpGet("events/{eventId:int}.ics")]
    public async Task<IActionResult> EventCalendar(string slug, int eventId)
    {
        var normalised = slug.ToLowerInvariant();
        var meeting = await db.Events.AsNoTracking()
            .Where(e => e.Id == eventId && e.Municipality.Slug == normalised && e.IsPublic
                        && e.Status != EventStatus.Draft && e.Status != EventStatus.Cancelled)
            .SingleOrDefaultAsync();
        if (meeting is null) return NotFound();
        var page = new Uri(links.PublicPromise(normalised));
        var ics = PublishedCalendar.Serialize([meeting], _ => page, clock.GetUtcNow().UtcDateTime, t);
        return File(Encoding.UTF8.GetBytes(ics), PublishedCalendar.ContentType, $"{normalised}-{eventId}.ics");
    }

    private IQueryable<CitizenPromise> Published(string slug)
    {
        var normalised = slug.ToLowerInvariant();
        return db.CitizenPromises.AsNoTracking().Where(p => p.Municipality.Slug == normalised && p.PublishedAtUtc != null);
    }
}

/// <summary>An open meeting as residents see it.</summary>
public sealed record PublicMeeting(int Id, EventType Type, string Title, string? Description, DateTime StartsAtUtc, DateTime EndsAtUtc, string Location);

public sealed record PublicPromisePage(PromiseOverview Overview, IReadOnlyList<PublicMeeting> Upcoming);
