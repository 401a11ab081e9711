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

/// <summary>Cancelling an event and marking it held with attendance and minutes.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("events/{id:int}")]
public sealed class EventStatusController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, IValidator<HeldForm> validator, InvitationSender sender,
    IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Asks for the reason and says who will be told, before anything changes.</summary>
    [HttpGet("cancel")]
    public async Task<IActionResult> Cancel(int id)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        return e.IsOpen ? CancelPage(e, null, null) : RedirectToAction("Show", "Events", new { id });
    }

    [HttpPost("cancel")]
    public async Task<IActionResult> Cancel(int id, string? reason)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        if (!e.IsOpen) return RedirectToAction("Show", "Events", new { id });
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return CancelPage(e, reason, t["Skriv varför händelsen ställs in. Skälet står i återbudet."]);
        if (reason.Length > Event.CancellationReasonMaxLength)
            return CancelPage(e, reason, t["Skälet får vara högst {0} tecken.", Event.CancellationReasonMaxLength]);
        e.Cancel(reason);
        var sent = sender.QueueOrDefer(e);
        await db.SaveChangesAsync();
        TempData["Message"] = (sent > 0 ? t["Händelsen är inställd. {0} inbjudna får ett återbud.", sent] : t["Händelsen är inställd."]).Value;
        return RedirectToAction("Show", "Events", new { id });
    }

    private ViewResult CancelPage(Event e, string? reason, string? error)
    {
        // Counted as if cancelled; the request saves nothing unless the organiser confirms.
        var status = e.Status;
        e.Status = EventStatus.Cancelled;
        var recipients = InvitationSender.Pending(e).Count;
        e.Status = status;
        return this.Confirm(new Confirmation(
            t["Ställ in {0}?", e.Title],
            [
                recipients > 0 ? t["{0} inbjudna får ett återbud med skälet nu.", recipients] : t["Inga inbjudningar har skickats, så ingen får något återbud."],
                t["Händelsen visas som inställd med skälet och kan inte planeras igen."],
            ],
            t["Ställ in"], Url.Action("Show", "Events", new { id = e.Id })!)
        { ReasonLabel = t["Skäl (står i återbudet)"], Reason = reason, ReasonError = error });
    }

    [HttpGet("held")]
    public async Task<IActionResult> Held(int id)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        return View(new HeldForm { EventId = id, Title = e.Title, AttendanceCount = e.AttendanceCount, Minutes = e.Minutes });
    }

    [HttpPost("held")]
    public async Task<IActionResult> Held(int id, HeldForm form)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        form.EventId = id;
        form.Title = e.Title;
        if (e.Status == EventStatus.Cancelled)
            ModelState.AddModelError(string.Empty, t["En inställd händelse kan inte markeras som genomförd."]);
        else if (e.StartsAtUtc > clock.GetUtcNow().UtcDateTime)
            ModelState.AddModelError(string.Empty, t["Händelsen har inte börjat än."]);
        if (!await validator.ValidateIntoAsync(form, ModelState)) return View(form);
        e.Status = EventStatus.Held;
        e.AttendanceCount = form.AttendanceCount;
        e.Minutes = string.IsNullOrWhiteSpace(form.Minutes) ? null : form.Minutes.Trim();
        await db.SaveChangesAsync();
        TempData["Message"] = t["Händelsen är markerad som genomförd."].Value;
        return RedirectToAction("Show", "Events", new { id });
    }

    private async Task<Event?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Events.Include(e => e.Invitations).Include(e => e.Municipality)
            .SingleOrDefaultAsync(e => e.Id == id && ids.Contains(e.MunicipalityId));
    }
}

public sealed class HeldForm
{
    public int EventId { get; set; }
    public string? Title { get; set; }
    public int? AttendanceCount { get; set; }
    public string? Minutes { get; set; }
}

public sealed class HeldFormValidator : AbstractValidator<HeldForm>
{
    public HeldFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.AttendanceCount).NotNull().InclusiveBetween(0, 100_000).WithName(t["Antal deltagare"]);
        RuleFor(x => x.Minutes).MaximumLength(16000).WithName(t["Anteckningar"]);
    }
}
