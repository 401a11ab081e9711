using System.Globalization;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Walk-day check-in for people who join without an invitation: the QR code of the walk sheet (or its typed code)
/// leads here; checking in makes them an invitation of that walk, as if they had answered yes, and drops them into
/// their own recorder. No account; the code grants joining this walk and nothing else.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimits.Link)]
[Route("in")]
public sealed class CheckInController(
    AppDbContext db, IValidator<CheckInForm> validator, IOptions<CheckInSettings> settings, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Where the typed code goes: a GET form, so it works without script and without a form token.</summary>
    [HttpGet("")]
    public IActionResult Start(string? code)
    {
        if (code is null) return View("Start");
        if (CheckInCodes.Normalize(code) is { } normalized) return RedirectToAction(nameof(Show), new { code = normalized });
        ModelState.AddModelError("code", t["Koden ska vara sex tecken, som på vandringsbladet."]);
        return View("Start");
    }

    [HttpGet("{code}")]
    public async Task<IActionResult> Show(string code) =>
        await FindAsync(code) is { } walk ? Page(walk, new CheckInForm()) : UnknownCode();

    [HttpPost("{code}")]
    public async Task<IActionResult> CheckIn(string code, CheckInForm form)
    {
        var walk = await FindAsync(code);
        if (walk is null) return UnknownCode();
        if (!IsOpen(walk)) return Page(walk, form);
        await validator.ValidateIntoAsync(form, ModelState);
        var email = string.IsNullOrWhiteSpace(form.Email) ? "" : form.Email.Trim();
        // Someone already on the list has their own link; handing it to whoever types their address would show their findings.
        if (ModelState.IsValid && email.Length > 0
            && await db.Invitations.AnyAsync(i => i.EventId == walk.Id && i.NormalizedEmail == EmailAddress.Normalize(email)))
            ModelState.AddModelError(nameof(form.Email), t["Den adressen finns redan på vandringens lista. Använd länken i din inbjudan, eller lämna e-post tomt."]);
        if (!ModelState.IsValid) return Page(walk, form);

        var now = clock.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            EventId = walk.Id, Email = email, Name = form.Name!.Trim(),
            Organisation = form.Private ? null : form.Organisation!.Trim(),
            Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "sv",
            Rsvp = RsvpStatus.Accepted, RespondedAtUtc = now, CheckedInAtUtc = now,
        };
        db.Invitations.Add(invitation);
        AuditActor.UseCheckIn(HttpContext, invitation);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Välkommen, {0}! Du är incheckad. Skriv ner det du ser här.", invitation.Name].Value;
        return RedirectToAction("Index", "Record", new { token = invitation.Token });
    }

    private bool IsOpen(Event walk) => walk.TakesCheckInsAt(clock.GetUtcNow().UtcDateTime, settings.Value.CheckInClosesHoursAfterEnd);

    private IActionResult Page(Event walk, CheckInForm form) => View("Show", new CheckInPage(walk, form, IsOpen(walk)));

    private IActionResult UnknownCode()
    {
        ModelState.AddModelError("code", t["Det finns ingen vandring med den koden. Kontrollera koden på vandringsbladet."]);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("Start");
    }

    private async Task<Event?> FindAsync(string code) =>
        CheckInCodes.Normalize(code) is { } normalized
            ? await db.Events.Include(e => e.Municipality).SingleOrDefaultAsync(e => e.CheckInCode == normalized && WalkLookup.Types.Contains(e.Type))
            : null;
}

public sealed record CheckInPage(Event Walk, CheckInForm Form, bool Open);
