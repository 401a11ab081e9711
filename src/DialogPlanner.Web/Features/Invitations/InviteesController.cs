using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Mail;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Who is invited to an event: from contacts, contact groups and free addresses, without duplicates.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("events/{id:int}/invitees")]
public sealed class InviteesController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, RsvpRecorder recorder, InvitationSender sender, Outbox outbox,
    IValidator<AddInviteesForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id)
    {
        var e = await FindAsync(id);
        return e is null ? NotFound() : await PageAsync(e, new AddInviteesForm());
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(int id, AddInviteesForm form)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        if (!e.InviteesCanChange)
        {
            ModelState.AddModelError(string.Empty, t["Inbjudna kan bara ändras för utkast och planerade händelser."]);
            return await PageAsync(e, form);
        }
        // Nobody is added until every pasted entry is an address (or dropped).
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await PageAsync(e, form);
        var free = form.ParsedAddresses().Valid;

        // Only contacts and groups of the event's own municipality can be added; other ids are ignored.
        var contacts = await db.Contacts.Where(c => c.MunicipalityId == e.MunicipalityId
                && (form.ContactIds.Contains(c.Id) || c.Groups.Any(g => form.GroupIds.Contains(g.Id))))
            .ToListAsync();
        // A pasted address that is a saved contact is invited as that contact.
        var freeKeys = free.Select(f => EmailAddress.Normalize(f.Email)).Distinct().ToList();
        var knownByEmail = await db.Contacts.Where(c => c.MunicipalityId == e.MunicipalityId && freeKeys.Contains(c.NormalizedEmail))
            .ToDictionaryAsync(c => c.NormalizedEmail);

        var added = 0;
        foreach (var c in contacts)
        {
            if (e.Invite(c.Email, c.Name, c)) added++;
        }
        foreach (var f in free)
        {
            var contact = knownByEmail.GetValueOrDefault(EmailAddress.Normalize(f.Email));
            if (e.Invite(f.Email, contact?.Name ?? f.Name, contact)) added++;
        }
        // The invitations are saved first so that each outbox row can name its invitation; one transaction.
        await outbox.SaveWithMailAsync(() => sender.QueueChanges(e));
        TempData["Message"] = t["{0} inbjudna har lagts till.", added].Value;
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpPost("{invitationId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int invitationId)
    {
        var e = await FindAsync(id);
        var invitation = e?.Invitations.SingleOrDefault(i => i.Id == invitationId && i.RemovedAtUtc is null);
        if (invitation is null) return NotFound();
        invitation.RemovedAtUtc = clock.GetUtcNow().UtcDateTime;
        sender.QueueChanges(e!);
        await db.SaveChangesAsync();
        TempData["Message"] = t["{0} är inte längre inbjuden.", invitation.Name ?? invitation.Email].Value;
        return RedirectToAction(nameof(Index), new { id });
    }

    /// <summary>The organiser records an answer given by phone or in person.</summary>
    [HttpPost("{invitationId:int}/rsvp")]
    public async Task<IActionResult> SetRsvp(int id, int invitationId, RsvpStatus rsvp)
    {
        var e = await FindAsync(id);
        var invitation = e?.Invitations.SingleOrDefault(i => i.Id == invitationId && i.RemovedAtUtc is null);
        if (invitation is null || !Enum.IsDefined(rsvp)) return NotFound();
        await recorder.RecordAsync(invitation, rsvp, "organiser");
        return RedirectToAction(nameof(Index), new { id });
    }

    /// <summary>The organiser sends the latest mail to an invitee again after it failed, e.g. once their mailbox works.</summary>
    [HttpPost("{invitationId:int}/resend")]
    public async Task<IActionResult> Resend(int id, int invitationId)
    {
        var e = await FindAsync(id);
        var invitation = e?.Invitations.SingleOrDefault(i => i.Id == invitationId && i.RemovedAtUtc is null);
        if (invitation is null) return NotFound();
        // Only the latest: an older failed mail has been overtaken by what the invitee should have now.
        var latest = await db.OutboxMessages.Where(m => m.InvitationId == invitationId).OrderByDescending(m => m.Id).FirstOrDefaultAsync();
        if (latest is not { Status: OutboxStatus.Failed })
        {
            TempData["Message"] = t["Det senaste e-postmeddelandet till {0} har inte misslyckats; inget skickas om.", invitation.Name ?? invitation.Email].Value;
            return RedirectToAction(nameof(Index), new { id });
        }
        outbox.Retry(latest);
        await db.SaveChangesAsync();
        TempData["Message"] = t["E-postmeddelandet till {0} ligger i kö igen.", invitation.Name ?? invitation.Email].Value;
        return RedirectToAction(nameof(Index), new { id });
    }

    private async Task<Event?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Events.Include(e => e.Invitations).Include(e => e.Municipality)
            .SingleOrDefaultAsync(e => e.Id == id && ids.Contains(e.MunicipalityId));
    }

    private async Task<IActionResult> PageAsync(Event e, AddInviteesForm form)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.MunicipalityId == e.MunicipalityId).OrderBy(c => c.Name).ToListAsync();
        var groups = await db.ContactGroups.AsNoTracking().Where(g => g.MunicipalityId == e.MunicipalityId).OrderBy(g => g.Name)
            .Select(g => new GroupChoice(g.Id, g.Name, g.Contacts.Count)).ToListAsync();
        var invitees = e.Invitations.Where(i => i.RemovedAtUtc is null).OrderBy(i => i.Name ?? i.Email).ToList();
        var deliveries = await InviteeMailStatus.LatestAsync(db, invitees.Select(i => i.Id).ToList());
        return View("Index", new InviteesPage(e, invitees, deliveries, contacts, groups, form));
    }
}

public sealed record GroupChoice(int Id, string Name, int Members);

public sealed record InviteesPage(
    Event Event, List<Invitation> Invitees, Dictionary<int, InviteeMailStatus> Deliveries, List<Contacts.Contact> Contacts, List<GroupChoice> Groups,
    AddInviteesForm Form);
