using System.Security.Claims;
using System.Text;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Shared;
using DialogPlanner.Web.Mail;
using DialogPlanner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Events;

/// <summary>
/// Calendar feeds to subscribe to: the public one of open meetings, and a private one per organiser
/// with every event of their municipalities, reached through a secret address they can renew.
/// </summary>
[Route("calendar")]
public sealed class CalendarFeedsController(AppDbContext db, Links links, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>How far back feeds reach: calendars keep what they already have.</summary>
    private static readonly TimeSpan History = TimeSpan.FromDays(90);

    [RateLimited(RateLimits.Link)]
    [HttpGet("public.ics"), AllowAnonymous, OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Public()
    {
        var since = clock.GetUtcNow().UtcDateTime - History;
        var events = await db.Events.AsNoTracking().Include(e => e.Municipality)
            .Where(e => e.IsPublic && e.StartsAtUtc >= since && (e.Status == EventStatus.Scheduled || e.Status == EventStatus.Held || e.Status == EventStatus.Cancelled))
            .OrderBy(e => e.StartsAtUtc).ToListAsync();
        return Feed(events, e => new Uri(links.PublicEvent(e)), t["Öppna möten om trygghet"]);
    }

    [RateLimited(RateLimits.Link)]
    [HttpGet("private/{token}.ics"), AllowAnonymous]
    public async Task<IActionResult> Private(string token)
    {
        var user = token.Length < 40 ? null : await db.Users.AsNoTracking().Include(u => u.Municipalities)
            .SingleOrDefaultAsync(u => u.CalendarFeedToken == token);
        if (user is null) return LinkGone.Page(this, LinkGoneReason.Unknown);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        var isAdmin = roles.Contains(Roles.Administrator);
        // The feed lives only as long as its owner may see these events: not after losing the role or being locked out.
        if (!isAdmin && !roles.Contains(Roles.Organiser) || user.LockoutEnd > clock.GetUtcNow())
            return LinkGone.Page(this, LinkGoneReason.FeedRevoked);
        var ids = user.Municipalities.Select(m => m.Id).ToArray();
        var since = clock.GetUtcNow().UtcDateTime - History;
        var events = await db.Events.AsNoTracking().Include(e => e.Municipality)
            .Where(e => (isAdmin || ids.Contains(e.MunicipalityId)) && e.StartsAtUtc >= since && e.Status != EventStatus.Draft)
            .OrderBy(e => e.StartsAtUtc).ToListAsync();
        return Feed(events, e => new Uri(links.EventPage(e.Id)), t["DialogPlanner: mina händelser"]);
    }

    /// <summary>The organiser's page with their private feed address.</summary>
    [HttpGet(""), Authorize(Policy = IdentitySetup.OrganiserPolicy)]
    public async Task<IActionResult> Index()
    {
        var user = await CurrentUserAsync();
        return View(user?.CalendarFeedToken is { } token ? new Uri(links.PrivateFeed(token)) : null);
    }

    /// <summary>A new secret address; the old one stops working (e.g. after it was shared by mistake).</summary>
    [HttpPost("renew"), Authorize(Policy = IdentitySetup.OrganiserPolicy)]
    public async Task<IActionResult> Renew()
    {
        var user = await CurrentUserAsync();
        if (user is null) return Forbid();
        user.CalendarFeedToken = Invitation.NewToken();
        await db.SaveChangesAsync();
        TempData["Message"] = t["Kalenderadressen är ny. Den gamla fungerar inte längre."].Value;
        return RedirectToAction(nameof(Index));
    }

    private Task<AppUser?> CurrentUserAsync()
    {
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.Users.SingleOrDefaultAsync(u => u.Id == id);
    }

    private FileContentResult Feed(List<Event> events, Func<Event, Uri> pageOf, string name)
    {
        var ics = PublishedCalendar.Serialize(events, pageOf, clock.GetUtcNow().UtcDateTime, t, name);
        return File(Encoding.UTF8.GetBytes(ics), PublishedCalendar.ContentType);
    }
}
