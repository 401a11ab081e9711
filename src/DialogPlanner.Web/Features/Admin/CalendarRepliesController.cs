using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Admin;

/// <summary>
/// The messages of the answer mailbox that changed no answer, newest first: all municipalities'
/// events share the one mailbox, so only the administrator sees the whole list.
/// </summary>
[Authorize(Policy = IdentitySetup.AdministratorPolicy)]
[Route("admin/calendar-replies")]
public sealed class CalendarRepliesController(AppDbContext db, IOptions<MailSettings> settings, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Newest first, 50 a page.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page)
    {
        var replies = await db.SetAsideReplies.AsNoTracking().Include(r => r.Event)
            .OrderByDescending(r => r.ReceivedAtUtc).ThenByDescending(r => r.Id).ToPagedAsync(page);
        return View(new CalendarRepliesPage(replies, settings.Value.Imap));
    }

    /// <summary>Removes a report once the administrator has dealt with it; the message stays in the set-aside folder.</summary>
    [HttpPost("{id:int}/dismiss")]
    public async Task<IActionResult> Dismiss(int id)
    {
        var reply = await db.SetAsideReplies.SingleOrDefaultAsync(r => r.Id == id);
        if (reply is null) return NotFound();
        db.SetAsideReplies.Remove(reply);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Meddelandet har tagits bort från listan."].Value;
        return RedirectToAction(nameof(Index));
    }
}

public sealed record CalendarRepliesPage(Paged<SetAsideReply> Replies, ImapSettings Imap);
