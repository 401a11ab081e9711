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
    public async Task<IActionResult> Index(int id, InviteeFilter filter)
    {
        var ids = await scope.AllowedIdsAsync();
        var e = await db.Events.AsNoTracking().Include(x => x.Municipality).SingleOrDefaultAsync(x => x.Id == id && ids.Contains(x.MunicipalityId));
        return e is null ? NotFound() : await PageAsync(e, new AddInviteesForm(), filter);
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(int id, AddInviteesForm form, bool confirmed)
    {
        var e = await FindAsync(id);
        if (e is null) return NotFound();
        if (!e.InviteesCanChange)
        {
            ModelState.AddModelError(string.Empty, t["Inbjudna kan bara ändras för utkast och planerade händelser."]);
            return await PageAsync(e, form, new InviteeFilter());
        }
        // Nobody is added until every pasted entry is an address (or dropped).
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await PageAsync(e, form, new InviteeFilter());
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
        if (!confirmed && this.AskBeforeMailing(e, t) is { } ask) return ask;
        // A large mailing is built by the job after the invitations are saved (docs/decisions/0022). A small one here:
        // the invitations are saved first so that each outbox row can name its invitation; one transaction.
        if (sender.Defer(e)) await db.SaveChangesAsync();
        else await outbox.SaveWithMailAsync(() => sender.QueueChanges(e));
        TempData["Message"] = t["{0} inbjudna har lagts till.", added].Value;
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpGet("{invitationId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int invitationId, CancellationToken ct)
    {
        var e = await FindAsync(id);
        var invitation = e?.Invitations.SingleOrDefault(i => i.Id == invitationId && i.RemovedAtUtc is null);
        if (invitation is null) return NotFound();
        var who = invitation.Name ?? invitation.Email;
        var told = e!.Status == EventStatus.Scheduled && invitation.SentSequence >= 0;
        return this.Confirm(new Confirmation(t["Ta bort {0} från listan över inbjudna?", who],
            [told ? t["{0} får ett återbud nu, och träffen tas bort ur deras kalender.", who] : t["Ingen inbjudan har skickats till {0}, så inget e-postmeddelande går ut.", who],
             t["Personens svarslänk slutar gälla. Du kan bjuda in hen igen senare."]],
            t["Ta bort från listan"], Url.Action(nameof(Index), new { id })!));
    }

    [HttpPost("{invitationId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int invitationId)
    {
        var e = await FindAsync(id);
        var invitation = e?.Invitations.SingleOrDefault(i => i.Id == invitationId && i.RemovedAtUtc is null);
        if (invitation is null) return NotFound();
        invitation.RemovedAtUtc = clock.GetUtcNow().UtcDateTime;
        sender.QueueOrDefer(e!);
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

    /// <summary>
    /// The page reads one page of invitees (filtered by text and answer in the database), the totals in grouped queries,
    /// and the contacts to pick from only when there are few of them or the organiser searched for some.
    /// </summary>
    private async Task<IActionResult> PageAsync(Event e, AddInviteesForm form, InviteeFilter filter)
    {
        var current = db.Invitations.AsNoTracking().Where(i => i.EventId == e.Id && i.RemovedAtUtc == null);
        var answers = await current.GroupBy(i => i.Rsvp).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        // The latest mail of each invitee, as one status a row (no MIME bytes), counted here.
        var latest = await current.Select(i => db.OutboxMessages.Where(m => m.InvitationId == i.Id).OrderByDescending(m => m.Id)
            .Select(m => (OutboxStatus?)m.Status).FirstOrDefault()).Where(s => s != null).ToListAsync();
        var deliveryTotals = latest.GroupBy(s => s!.Value).ToDictionary(g => g.Key, g => g.Count());

        var filtered = current;
        if (filter.Answer is not null) filtered = filtered.Where(i => i.Rsvp == filter.Answer);
        if (Paging.SearchTerm(filter.Q) is { } term)
            filtered = filtered.Where(i => i.Email.ToLower().Contains(term) || (i.Name != null && i.Name.ToLower().Contains(term)));
        var invitees = await filtered.OrderBy(i => i.Name ?? i.Email).ThenBy(i => i.Id).ToPagedAsync(filter.Page);
        var rowIds = invitees.Rows.Select(i => i.Id).ToList();
        var deliveries = await InviteeMailStatus.LatestAsync(db, rowIds);
        // Mail the job has yet to build (docs/decisions/0022): counted for the progress, named for the rows shown.
        var owed = InvitationSender.Owed(current);
        var preparing = e.MailOwedSinceUtc is null ? 0 : await owed.CountAsync();
        var preparingIds = preparing == 0 ? [] : (await owed.Where(i => rowIds.Contains(i.Id)).Select(i => i.Id).ToListAsync()).ToHashSet();
        var mailable = await current.CountAsync(i => i.CheckedInAtUtc == null);

        var allContacts = db.Contacts.AsNoTracking().Where(c => c.MunicipalityId == e.MunicipalityId);
        var contactCount = await allContacts.CountAsync();
        List<Contacts.Contact> contacts = [];
        if (contactCount <= ContactPickerLimit) contacts = await allContacts.OrderBy(c => c.Name).ToListAsync();
        else if (Paging.SearchTerm(filter.Contact) is { } who)
            contacts = await allContacts.Where(c => c.Name.ToLower().Contains(who) || c.Email.ToLower().Contains(who))
                .OrderBy(c => c.Name).Take(ContactPickerLimit).ToListAsync();
        var groups = await db.ContactGroups.AsNoTracking().Where(g => g.MunicipalityId == e.MunicipalityId).OrderBy(g => g.Name)
            .Select(g => new GroupChoice(g.Id, g.Name, g.Contacts.Count)).ToListAsync();
        return View("Index", new InviteesPage(e, invitees, answers, deliveryTotals, deliveries, contacts, contactCount, groups, form, filter)
        { Preparing = preparing, PreparingIds = preparingIds, Mailable = mailable });
    }

    /// <summary>Up to this many contacts are listed as checkboxes; with more, the organiser searches for them (or picks a group).</summary>
    public const int ContactPickerLimit = 50;
}

/// <summary>The invitee list's filters and the contact search of the picker, from the query string.</summary>
public sealed record InviteeFilter(string? Q = null, RsvpStatus? Answer = null, int? Page = null, string? Contact = null);

public sealed record GroupChoice(int Id, string Name, int Members);

public sealed record InviteesPage(
    Event Event, Paged<Invitation> Invitees, Dictionary<RsvpStatus, int> Answers, Dictionary<OutboxStatus, int> DeliveryTotals,
    Dictionary<int, InviteeMailStatus> Deliveries, List<Contacts.Contact> Contacts, int ContactCount, List<GroupChoice> Groups,
    AddInviteesForm Form, InviteeFilter Filter)
{
    public int Total => Answers.Values.Sum();

    /// <summary>Invitees whose next mail the job has not built yet, and those of them on this page.</summary>
    public int Preparing { get; init; }
    public IReadOnlySet<int> PreparingIds { get; init; } = new HashSet<int>();
    /// <summary>Invitees who get mail (not those who checked in on the day).</summary>
    public int Mailable { get; init; }

    /// <summary>A mailing is under way: mail still to build or in the queue.</summary>
    public bool Sending => Preparing > 0 || DeliveryTotals.GetValueOrDefault(OutboxStatus.Queued) > 0;

    /// <summary>Of <see cref="Mailable"/>, those whose latest mail has gone out.</summary>
    public int SentOfMailing => Math.Max(0, Mailable - Preparing - DeliveryTotals.GetValueOrDefault(OutboxStatus.Queued) - DeliveryTotals.GetValueOrDefault(OutboxStatus.Failed));
}
