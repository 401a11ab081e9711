using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Moderation before publication: an organiser approves each finding (one by one, or all those they had on the
/// page), edits its words, kind and place, hides its photo, or removes it. Until approved a finding is in no public
/// protocol and no feedback mail. Who did what and when is on the finding and, through AuditTrail, in the log.
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}/findings")]
public sealed class FindingReviewController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, WalkFeedback feedback, IValidator<FindingEditForm> validator,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("{findingId:int}/edit")]
    public async Task<IActionResult> Edit(int id, int findingId)
    {
        var (walk, finding) = await FindAsync(id, findingId);
        return finding is null ? NotFound() : View(new FindingEditPage(walk!, finding, FindingEditForm.Of(finding)));
    }

    [HttpPost("{findingId:int}/edit")]
    public async Task<IActionResult> Edit(int id, int findingId, FindingEditForm form)
    {
        var (walk, finding) = await FindAsync(id, findingId);
        if (finding is null) return NotFound();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return View(new FindingEditPage(walk!, finding, form));
        finding.Category = form.Category!.Value;
        finding.Description = form.Description!.Trim();
        finding.Place = string.IsNullOrWhiteSpace(form.Place) ? null : form.Place.Trim();
        finding.PhotoHidden = form.HidePhoto && finding.PhotoPath is not null;
        if (form.Approve) finding.Review(UserId, Now);
        await db.SaveChangesAsync();
        TempData["Message"] = (form.Approve ? t["Iakttagelsen är ändrad och godkänd."] : t["Iakttagelsen är ändrad."]).Value;
        if (form.Approve) await SendFeedbackIfDueAsync(id);
        return BackTo(id, findingId);
    }

    [HttpPost("{findingId:int}/approve")]
    public async Task<IActionResult> Approve(int id, int findingId)
    {
        var (_, finding) = await FindAsync(id, findingId);
        if (finding is null) return NotFound();
        if (finding.Review(UserId, Now))
        {
            await db.SaveChangesAsync();
            await SendFeedbackIfDueAsync(id);
        }
        TempData["Message"] = t["Iakttagelsen är godkänd."].Value;
        return BackTo(id, findingId);
    }

    /// <summary>
    /// "Godkänn alla granskade": approves the findings that were on the organiser's page (their ids come with the
    /// form), never one that arrived after the page was loaded and so was not read.
    /// </summary>
    [HttpPost("approve")]
    public async Task<IActionResult> ApproveShown(int id, List<int> findingIds)
    {
        if (await WalkAsync(id) is null) return NotFound();
        var findings = await db.Findings.Where(f => f.EventId == id && findingIds.Contains(f.Id)).ToListAsync();
        var approved = findings.Count(f => f.Review(UserId, Now));
        await db.SaveChangesAsync();
        if (approved > 0) await SendFeedbackIfDueAsync(id);
        TempData["Message"] = t["{0} iakttagelser är godkända.", approved].Value;
        return Redirect(Url.Action("Show", "Walks", new { id }) + "#findings-heading");
    }

    /// <summary>Takes a finding off the walk: it stays in the database with who removed it and when, shown nowhere.</summary>
    [HttpPost("{findingId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int findingId)
    {
        var (_, finding) = await FindAsync(id, findingId);
        if (finding is null) return NotFound();
        finding.Remove(UserId, Now);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Iakttagelsen är borttagen."].Value;
        await SendFeedbackIfDueAsync(id); // it may have been the last one waiting
        return Redirect(Url.Action("Show", "Walks", new { id }) + "#findings-heading");
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Approving the last finding waiting may complete the walk: then the participants get their feedback.</summary>
    private Task<int> SendFeedbackIfDueAsync(int id) => feedback.SendIfDueAsync([id], StockholmTime.Today(clock));

    private IActionResult BackTo(int id, int findingId) => Redirect(Url.Action("Show", "Walks", new { id }) + $"#finding-{findingId}");

    private Task<Event?> WalkAsync(int id) => db.Events.AsNoTracking().OwnWalkAsync(scope, id);

    /// <summary>The walk and one of its findings that is not removed, in the organiser's municipalities.</summary>
    private async Task<(Event? Walk, Finding? Finding)> FindAsync(int id, int findingId)
    {
        var walk = await WalkAsync(id);
        if (walk is null) return (null, null);
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.EventId == id && f.RemovedAtUtc == null);
        return (walk, finding);
    }
}

public sealed record FindingEditPage(Event Walk, Finding Finding, FindingEditForm Form);
