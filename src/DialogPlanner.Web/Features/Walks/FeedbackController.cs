using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>The organiser's controls of a walk's feedback: the date it goes out at the latest, or now.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}/feedback")]
public sealed class FeedbackController(
    AppDbContext db, MunicipalityScope scope, WalkFeedback feedback, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("date")]
    public async Task<IActionResult> SetDate(int id, string? feedbackDate)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(feedbackDate))
        {
            if (!DateOnly.TryParseExact(feedbackDate.Trim(), "yyyy-MM-dd", out var parsed))
                return Back(id, t["Skriv datumet som ÅÅÅÅ-MM-DD."]);
            if (parsed < StockholmTime.Today(clock))
                return Back(id, t["Datumet har redan passerat."]);
            date = parsed;
        }
        if (walk.FeedbackSentAtUtc is not null) return Back(id, t["Återkopplingen är redan skickad."]);
        walk.FeedbackDate = date;
        await db.SaveChangesAsync();
        return Back(id, date is null
            ? t["Återkopplingen skickas när alla åtgärder är avslutade."]
            : t["Återkopplingen skickas senast {0}.", date.Value.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture)]);
    }

    [HttpPost("send")]
    public async Task<IActionResult> Send(int id, bool confirmed)
    {
        if (await FindAsync(id) is not { } walk) return NotFound();
        if (!confirmed && walk.FeedbackSentAtUtc is null && await feedback.RecipientCountAsync(id) is > Confirmation.MailThreshold and var many)
            return this.Confirm(new Confirmation(t["Skicka e-post till {0} personer?", many], [t["{0} deltagare får återkopplingen från vandringen nu.", many]],
                t["Skicka återkopplingen"], Url.Action("Show", "Walks", new { id }) + "#feedback")
            { Danger = false });
        var (outcome, recipients) = await feedback.SendAsync(id);
        return Back(id, outcome switch
        {
            FeedbackOutcome.Sent => t["Återkopplingen har skickats till {0} deltagare.", recipients],
            FeedbackOutcome.AlreadySent => t["Återkopplingen är redan skickad."],
            FeedbackOutcome.NotPublished => t["Publicera protokollet först: återkopplingen länkar till det."],
            _ => t["Någon annan ändrade vandringen samtidigt. Försök igen."],
        });
    }

    private IActionResult Back(int id, LocalizedString message)
    {
        TempData["Message"] = message.Value;
        return Redirect(Url.Action("Show", "Walks", new { id }) + "#feedback");
    }

    private async Task<Event?> FindAsync(int id)
    {
        return await db.Events.OwnWalkAsync(scope, id);
    }
}
