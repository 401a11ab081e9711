using System.Text;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Shared;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using DialogPlanner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// The personal answer link of an invitation: no login, the token alone grants this invitee's answer
/// to this event. Opening the link changes nothing (mail scanners open links); the button does.
/// It is also the invitee's page of the event ("Mer om träffen" in every mail): details, route, map,
/// an add-to-calendar file and, for a walk, the way to their recorder.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimits.Link)]
[Route("rsvp/{token}")]
public sealed class RsvpController(
    AppDbContext db, RsvpRecorder recorder, Links links, MapSettings maps, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string token, RsvpStatus? answer)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return await GoneAsync(token);
        return await PageAsync(invitation, answer ?? invitation.Rsvp, saved: false);
    }

    [HttpPost("")]
    public async Task<IActionResult> Answer(string token, RsvpStatus answer)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return await GoneAsync(token);
        // An ended, held or cancelled event changes nothing; the page says why.
        if (!invitation.Event.TakesLinkAnswers(clock.GetUtcNow().UtcDateTime))
            return await PageAsync(invitation, invitation.Rsvp, saved: false);
        if (answer == RsvpStatus.NeedsAction || !Enum.IsDefined(answer))
        {
            ModelState.AddModelError(string.Empty, t["Välj om du kommer, kanske kommer eller inte kommer."]);
            return await PageAsync(invitation, invitation.Rsvp, saved: false);
        }
        await recorder.RecordAsync(invitation, answer, "link");
        return await PageAsync(invitation, answer, saved: true);
    }

    /// <summary>
    /// The event as a PUBLISH file without attendees, for "add to calendar": the same UID as the invitation,
    /// so a calendar that has the invitation updates that entry instead of showing the meeting twice.
    /// </summary>
    [HttpGet("calendar.ics")]
    public async Task<IActionResult> Calendar(string token)
    {
        var invitation = await FindAsync(token);
        if (invitation is null || invitation.Event.Status is EventStatus.Draft) return NotFound();
        var page = new Uri(links.Rsvp(invitation.Token));
        var ics = PublishedCalendar.Serialize([invitation.Event], _ => page, clock.GetUtcNow().UtcDateTime, t);
        return File(Encoding.UTF8.GetBytes(ics), PublishedCalendar.ContentType, $"{(Slugs.From(invitation.Event.Title) is { Length: > 0 } name ? name : "event")}.ics");
    }

    private async Task<IActionResult> PageAsync(Invitation invitation, RsvpStatus selected, bool saved)
    {
        var e = invitation.Event;
        var isWalk = WalkLookup.Types.Contains(e.Type);
        // The public page is linked only when it exists: a public event and a published promise of its municipality.
        var hasPublicPage = e.IsPublic && await db.CitizenPromises.AnyAsync(p => p.MunicipalityId == e.MunicipalityId && p.PublishedAtUtc != null);
        return View("Show", new RsvpPage(invitation, selected, saved, e.TakesLinkAnswers(clock.GetUtcNow().UtcDateTime),
            RecorderUrl: isWalk && e.Status != EventStatus.Cancelled ? Url.Action("Index", "Record", new { token = invitation.Token }) : null,
            PublicUrl: hasPublicPage ? Url.Action("Latest", "PublicPromise", new { slug = e.Municipality.Slug }) : null,
            Map: MapOf(e)));
    }

    /// <summary>Where the event is: a walk's route, else the event's own position; no map without either.</summary>
    private WalkMapData? MapOf(Event e)
    {
        var stops = WalkMapData.StopsOf(e);
        if (stops.Count == 0 && e is { Latitude: { } lat, Longitude: { } lon }) stops = [new WalkMapData.Stop(0, 1, e.Location, lat, lon)];
        if (!stops.Any(s => s.Lat is not null)) return null;
        return new WalkMapData(
            maps.TileUrl, maps.Attribution, Url.Content("~/lib/leaflet/leaflet.js"), Url.Content("~/lib/leaflet/leaflet.css"),
            t["Karta över platsen"], "rsvp-map-slot", WalkMapData.CenterOf(e), stops, [], null,
            new() { ["stop"] = t["Stopp {0}: {1}"], ["inList"] = t["Visa i listan"], ["zoomIn"] = t["Zooma in"], ["zoomOut"] = t["Zooma ut"] });
    }

    /// <summary>A clear page instead of a bare error: the link of someone taken off the list says so (410), any other is unknown (404).</summary>
    private async Task<IActionResult> GoneAsync(string token) => LinkGone.Page(this,
        token.Length is >= 40 and <= 64 && await db.Invitations.AnyAsync(i => i.Token == token && i.RemovedAtUtc != null)
            ? LinkGoneReason.Revoked : LinkGoneReason.Unknown);

    private async Task<Invitation?> FindAsync(string token)
    {
        if (token.Length is < 40 or > 64) return null;
        var invitation = await db.Invitations.Include(i => i.Event).ThenInclude(e => e.Municipality)
            .Include(i => i.Event).ThenInclude(e => e.Stops)
            .SingleOrDefaultAsync(i => i.Token == token && i.RemovedAtUtc == null);
        if (invitation is not null) AuditActor.UseInvitation(HttpContext, invitation.Id);
        return invitation;
    }
}

/// <param name="RecorderUrl">A walk's recorder through this invitation; null for other events.</param>
/// <param name="PublicUrl">The public promise page, when there is one to link to.</param>
/// <param name="TakesAnswers">The link still takes answers (the event has not ended, been held or cancelled).</param>
public sealed record RsvpPage(Invitation Invitation, RsvpStatus Selected, bool Saved, bool TakesAnswers, string? RecorderUrl = null, string? PublicUrl = null, WalkMapData? Map = null);
