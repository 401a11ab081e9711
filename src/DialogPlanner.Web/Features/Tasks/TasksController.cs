using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Photos;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>The task board and each task's page, where the responsible body reports progress.</summary>
[Authorize(Policy = IdentitySetup.TaskPolicy)]
[Route("tasks")]
public sealed class TasksController(
    AppDbContext db, TaskAccess access, MunicipalityScope scope, PhotoStore photos, TimeProvider clock, TaskMail mail, WalkFeedback feedback,
    IValidator<TaskUpdateForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>
    /// Open tasks (or the closed ones) by due date, 50 a page, filtered in the database by organisation, status, priority,
    /// overdue, walk and text, with the number of tasks in each status under the same filters.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(TaskFilter filter, CancellationToken ct)
    {
        var today = StockholmTime.Today(clock);
        var organiser = User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Organiser);
        var query = (await access.VisibleAsync()).AsNoTracking();
        if (organiser && filter.Organisation is not null) query = query.Where(x => x.ResponsibleOrganisationId == filter.Organisation);
        if (filter.Priority is not null) query = query.Where(x => x.Priority == filter.Priority);
        if (filter.Overdue) query = query.Where(x => x.DueDate < today && FollowUpTask.OpenStatuses.Contains(x.Status));
        if (filter.Walk is not null) query = query.Where(x => x.Findings.Any(f => f.EventId == filter.Walk));
        if (Paging.SearchTerm(filter.Q) is { } term)
            query = query.Where(x => x.Title.ToLower().Contains(term) || (x.Description != null && x.Description.ToLower().Contains(term)));

        // One grouped query for the counts, under every filter but the status.
        var counts = await query.GroupBy(x => x.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        if (filter.Status is not null) query = query.Where(x => x.Status == filter.Status);
        else query = query.Where(x => filter.Closed ? FollowUpTask.ClosedStatuses.Contains(x.Status) : !FollowUpTask.ClosedStatuses.Contains(x.Status));
        var page = await query.OrderBy(x => x.DueDate).ThenBy(x => x.Id)
            .Select(x => new TaskListRow(x.Id, x.Title, x.DueDate, x.ResponsibleOrganisation.Name, x.Priority, x.Status))
            .ToPagedAsync(filter.Page, ct: ct);

        IReadOnlyList<OrganisationOption> organisations = [];
        if (organiser)
        {
            var ids = await scope.AllowedIdsAsync(ct);
            organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.MunicipalityId)).OrderBy(o => o.Name)
                .Select(o => new OrganisationOption(o.Id, o.Name)).ToListAsync(ct);
        }
        var walk = filter.Walk is null ? null
            : await (await access.VisibleAsync()).SelectMany(x => x.Findings).Where(f => f.EventId == filter.Walk).Select(f => f.Event.Title).FirstOrDefaultAsync(ct);
        return View(new TaskBoard(filter, page, counts, organisations, walk, today));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        var task = await LoadAsync(id);
        if (task is null) return NotFound();
        if (User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Organiser))
            ViewData["Organisations"] = await db.Organisations.AsNoTracking().Where(o => o.MunicipalityId == task.MunicipalityId).OrderBy(o => o.Name).ToListAsync();
        return View(new TaskPage(task, new TaskUpdateForm { Status = task.Status, Version = task.Version }));
    }

    [RateLimited(RateLimits.Upload)]
    [HttpPost("{id:int}")]
    [RequestTimeout(PhotoSetup.UploadTimeout)]
    public async Task<IActionResult> Update(int id, TaskUpdateForm form)
    {
        var task = await LoadAsync(id, tracked: true);
        if (task is null) return NotFound();
        if (!task.CanChangeStatusTo(form.Status))
            ModelState.AddModelError(nameof(form.Status), t["Status kan inte ändras från {0} till {1}.", t[EnumTexts.Of(task.Status)], t[EnumTexts.Of(form.Status)]]);
        PhotoStore.Saved? photo = null;
        if (await validator.ValidateIntoAsync(form, ModelState) && form.AfterPhoto is { Length: > 0 })
        {
            (photo, var problem) = await photos.SaveAsync(form.AfterPhoto, HttpContext.RequestAborted);
            if (problem != PhotoProblem.None) ModelState.AddModelError(nameof(form.AfterPhoto), problem.Explain(t, photos.Settings));
            else (task.AfterPhotoPath, task.AfterPhotoContentType) = (photo!.Path, photo.ContentType);
        }
        if (!ModelState.IsValid) return View(nameof(Show), new TaskPage(task, form));

        db.Entry(task).Property(x => x.Version).OriginalValue = form.Version;
        var wasAssigned = task.Status == FollowUpStatus.Assigned;
        task.ChangeStatus(form.Status, form.Note, TaskActor.Of(User), clock.GetUtcNow().UtcDateTime);
        // Set (back) to Assigned: the organisation's owners hear of it in the same save.
        if (form.Status == FollowUpStatus.Assigned && !wasAssigned) await mail.QueueAsync(task, TaskMail.Assigned);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            if (photo is not null) photos.Delete(photo); // not saved: its photo is not kept either
            ModelState.AddModelError(string.Empty, t["Någon annan har ändrat åtgärden medan du arbetade. Öppna den igen; din ändring har inte sparats."]);
            return View(nameof(Show), new TaskPage(task, form));
        }
        // The last task of a walk closed: its participants get their feedback now.
        if (task.IsClosed)
            await feedback.SendIfDueAsync(task.Findings.Select(f => f.EventId), StockholmTime.Today(clock));
        TempData["Message"] = t["Åtgärden har uppdaterats."].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>An organiser hands the task to another organisation, whose owners are told; it starts again as Assigned.</summary>
    [HttpPost("{id:int}/organisation")]
    [Authorize(Policy = IdentitySetup.OrganiserPolicy)]
    public async Task<IActionResult> Move(int id, int? organisationId, Guid version)
    {
        var task = await LoadAsync(id, tracked: true);
        if (task is null) return NotFound();
        var target = organisationId is null ? null
            : await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId && o.MunicipalityId == task.MunicipalityId);
        if (target is null || !task.CanMoveTo(target))
        {
            TempData["Message"] = t["Välj en annan organisation i samma kommun."].Value;
            return RedirectToAction(nameof(Show), new { id });
        }
        db.Entry(task).Property(x => x.Version).OriginalValue = version;
        task.MoveTo(target, t["Flyttad till {0}.", target.Name], TaskActor.Of(User), clock.GetUtcNow().UtcDateTime);
        var told = await mail.QueueAsync(task, TaskMail.Assigned);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Message"] = t["Någon annan har ändrat åtgärden medan du arbetade. Öppna den igen; din ändring har inte sparats."].Value;
            return RedirectToAction(nameof(Show), new { id });
        }
        TempData["Message"] = (told == 0
            ? t["Åtgärden har flyttats till {0}, men ingen där kan få e-post om den: lägg till en åtgärdsägare eller organisationens e-post.", target.Name]
            : t["Åtgärden har flyttats till {0}, som har fått e-post om den.", target.Name]).Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>An organiser gives the task a new due date; a later date also allows a new overdue notice when that one passes.</summary>
    [HttpPost("{id:int}/due-date")]
    [Authorize(Policy = IdentitySetup.OrganiserPolicy)]
    public async Task<IActionResult> DueDate(int id, string? dueDate, Guid version)
    {
        var task = await LoadAsync(id, tracked: true);
        if (task is null) return NotFound();
        var today = StockholmTime.Today(clock);
        string? problem = null;
        if (!DateOnly.TryParseExact(dueDate?.Trim(), "yyyy-MM-dd", out var date)) problem = t["Skriv datumet som ÅÅÅÅ-MM-DD."];
        else if (date < today) problem = t["Datumet har redan passerat."];
        if (problem is not null) TempData["Message"] = problem;
        if (problem is not null || date == task.DueDate) return RedirectToAction(nameof(Show), new { id });

        db.Entry(task).Property(x => x.Version).OriginalValue = version;
        var text = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var note = t["Nytt förfallodatum {0} (var {1}).", text, task.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
        task.Reschedule(date, note, TaskActor.Of(User), clock.GetUtcNow().UtcDateTime);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Message"] = t["Någon annan har ändrat åtgärden medan du arbetade. Öppna den igen; din ändring har inte sparats."].Value;
            return RedirectToAction(nameof(Show), new { id });
        }
        TempData["Message"] = t["Förfallodatumet är nu {0}.", text].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpGet("{id:int}/findings/{findingId:int}/photo")]
    public async Task<IActionResult> FindingPhoto(int id, int findingId, bool thumbnail = false)
    {
        var task = await LoadAsync(id);
        var finding = task?.Findings.SingleOrDefault(f => f.Id == findingId);
        return photos.Serve(finding?.PhotoPath, finding?.PhotoContentType, thumbnail);
    }

    [HttpGet("{id:int}/after-photo")]
    public async Task<IActionResult> AfterPhoto(int id, bool thumbnail = false)
    {
        var task = await LoadAsync(id);
        return photos.Serve(task?.AfterPhotoPath, task?.AfterPhotoContentType, thumbnail);
    }

    private async Task<FollowUpTask?> LoadAsync(int id, bool tracked = false)
    {
        var query = (await access.VisibleAsync()).Include(x => x.ResponsibleOrganisation).Include(x => x.Findings)
            .Include(x => x.History.OrderBy(h => h.AtUtc));
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(x => x.Id == id);
    }
}

public sealed record TaskPage(FollowUpTask Task, TaskUpdateForm Form);

/// <summary>The task board's filters, bound from the query string so that a filtered board can be bookmarked.</summary>
public sealed record TaskFilter(
    bool Closed = false, FollowUpStatus? Status = null, int? Organisation = null, TaskPriority? Priority = null, bool Overdue = false,
    int? Walk = null, string? Q = null, int? Page = null);

public sealed record TaskListRow(int Id, string Title, DateOnly DueDate, string Organisation, TaskPriority Priority, FollowUpStatus Status);

public sealed record OrganisationOption(int Id, string Name);

public sealed record TaskBoard(
    TaskFilter Filter, Paged<TaskListRow> Tasks, IReadOnlyDictionary<FollowUpStatus, int> Counts, IReadOnlyList<OrganisationOption> Organisations,
    string? WalkTitle, DateOnly Today)
{
    public int Count(FollowUpStatus status) => Counts.GetValueOrDefault(status);
    public int Open => FollowUpTask.OpenStatuses.Sum(Count);
    public int Closed => FollowUpTask.ClosedStatuses.Sum(Count);
}
