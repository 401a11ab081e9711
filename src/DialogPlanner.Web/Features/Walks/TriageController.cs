using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Mail;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>Triage: findings become tasks for the bodies that must act (one or several findings per task), or "no action" with a reason.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}/triage")]
public sealed class TriageController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, IConfiguration config, TaskMail mail, WalkFeedback feedback, Outbox outbox,
    IValidator<NewTaskForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The task form for the chosen findings, with the responsible body and due date filled in from the settings.</summary>
    [HttpGet("task")]
    public async Task<IActionResult> NewTask(int id, List<int> findingIds)
    {
        var walk = await FindWalkAsync(id);
        if (walk is null) return NotFound();
        var findings = await OpenFindingsAsync(id, findingIds);
        var first = findings.FirstOrDefault();
        var responsible = first is null ? null : await db.CategoryResponsibilities
            .Where(r => r.MunicipalityId == walk.MunicipalityId && r.Category == first.Category).Select(r => (int?)r.OrganisationId).SingleOrDefaultAsync();
        var form = new NewTaskForm
        {
            FindingIds = findings.Select(f => f.Id).ToList(), Title = first is null ? null : $"{t[EnumTexts.Of(first.Category)]}: {first.Place ?? first.Description}",
            Description = string.Join("\n", findings.Select(f => $"– {f.Description}{(f.Place is null ? "" : $" ({f.Place})")}")),
            OrganisationId = responsible, DueDate = StockholmTime.Today(clock).AddDays(config.GetValue("Walks:TaskDueDays", 30)),
        };
        return await FormView(walk, form, findings);
    }

    [HttpPost("task")]
    public async Task<IActionResult> CreateTask(int id, NewTaskForm form)
    {
        var walk = await FindWalkAsync(id);
        if (walk is null) return NotFound();
        var findings = await OpenFindingsAsync(id, form.FindingIds);
        if (findings.Count != form.FindingIds.Distinct().Count())
            ModelState.AddModelError(string.Empty, t["Någon av iakttagelserna har redan en åtgärd eller hör inte till vandringen."]);
        if (form.OrganisationId is { } orgId && !await db.Organisations.AnyAsync(o => o.Id == orgId && o.MunicipalityId == walk.MunicipalityId))
            ModelState.AddModelError(nameof(form.OrganisationId), t["Välj en organisation i samma kommun."]);
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(walk, form, findings);

        var task = new FollowUpTask
        {
            MunicipalityId = walk.MunicipalityId, Title = form.Title!.Trim(), Description = Trim(form.Description),
            ResponsibleOrganisationId = form.OrganisationId!.Value, AssignedPerson = Trim(form.AssignedPerson),
            DueDate = form.DueDate!.Value, Priority = form.Priority, Status = FollowUpStatus.Assigned, Findings = findings,
        };
        task.RecordCreated(TaskActor.Of(User), clock.GetUtcNow().UtcDateTime, t["Skapad från {0} iakttagelser.", findings.Count]);
        foreach (var f in findings) f.Triage = FindingTriage.Tasked;
        db.FollowUpTasks.Add(task);
        // The mail links to the task, so it needs the id: one transaction keeps task and mail together.
        var told = await outbox.SaveWithMailAsync(() => mail.QueueAsync(task, TaskMail.Assigned));
        TempData["Message"] = (told == 0
            ? t["Åtgärden har skapats, men ingen i organisationen kan få e-post om den: lägg till en åtgärdsägare eller organisationens e-post."]
            : t["Åtgärden har skapats och tilldelats."]).Value;
        return RedirectToAction("Show", "Walks", new { id });
    }

    [HttpPost("findings/{findingId:int}/no-action")]
    public async Task<IActionResult> NoAction(int id, int findingId, string? reason)
    {
        if (await FindWalkAsync(id) is null) return NotFound();
        var finding = (await OpenFindingsAsync(id, [findingId])).SingleOrDefault();
        if (finding is null) return NotFound();
        if (string.IsNullOrWhiteSpace(reason))
        {
            TempData["Message"] = t["Skriv varför iakttagelsen inte leder till någon åtgärd."].Value;
        }
        else
        {
            finding.Triage = FindingTriage.NoAction;
            finding.NoActionReason = reason.Trim()[..Math.Min(reason.Trim().Length, 1000)];
            await db.SaveChangesAsync();
            // That may have been the last finding waiting: then the participants get their feedback.
            await feedback.SendIfDueAsync([id], StockholmTime.Today(clock));
        }
        return RedirectToAction("Show", "Walks", new { id });
    }

    private Task<List<Finding>> OpenFindingsAsync(int walkId, List<int> ids) =>
        db.Findings.Where(f => f.EventId == walkId && ids.Contains(f.Id) && f.Triage == FindingTriage.Open && f.RemovedAtUtc == null).OrderBy(f => f.Id).ToListAsync();

    private async Task<Event?> FindWalkAsync(int id)
    {
        return await db.Events.AsNoTracking().OwnWalkAsync(scope, id);
    }

    private async Task<IActionResult> FormView(Event walk, NewTaskForm form, List<Finding> findings)
    {
        ViewData["Organisations"] = await db.Organisations.AsNoTracking().Where(o => o.MunicipalityId == walk.MunicipalityId).OrderBy(o => o.Name).ToListAsync();
        ViewData["Walk"] = walk;
        ViewData["Findings"] = findings;
        return View("NewTask", form);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
