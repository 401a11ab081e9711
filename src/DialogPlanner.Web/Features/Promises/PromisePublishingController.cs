using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>Makes a promise visible on, or withdraws it from, the public page of its municipality and year.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises/{id:int}")]
public sealed class PromisePublishingController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpPost("publish")]
    public async Task<IActionResult> Publish(int id)
    {
        var promise = await FindAllowedAsync(id);
        if (promise is null) return NotFound();
        // Publishing again keeps the first date: the page has been public since then.
        promise.PublishedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        TempData["Message"] = t["Löftet är publicerat."].Value;
        return RedirectToAction(nameof(PromisesController.Show), "Promises", new { id });
    }

    [HttpPost("unpublish")]
    public async Task<IActionResult> Unpublish(int id)
    {
        var promise = await FindAllowedAsync(id);
        if (promise is null) return NotFound();
        promise.PublishedAtUtc = null;
        await db.SaveChangesAsync();
        TempData["Message"] = t["Löftet är inte längre publicerat."].Value;
        return RedirectToAction(nameof(PromisesController.Show), "Promises", new { id });
    }

    private async Task<CitizenPromise?> FindAllowedAsync(int id)
    {
        var promise = await db.CitizenPromises.SingleOrDefaultAsync(p => p.Id == id);
        return promise is not null && await scope.AllowsAsync(promise.MunicipalityId) ? promise : null;
    }
}
