using DialogPlanner.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Municipalities;

/// <summary>
/// The municipality's privacy notice for residents, linked from its public pages and from mail: its own text from the
/// settings, or, until it has written one, what the app itself keeps and how to ask about it.
/// </summary>
[AllowAnonymous]
public sealed class PrivacyNoticeController(AppDbContext db) : Controller
{
    [HttpGet("kommun/{slug}/personuppgifter")]
    public async Task<IActionResult> Show(string slug, CancellationToken ct)
    {
        var normalised = slug.ToLowerInvariant();
        var m = await db.Municipalities.AsNoTracking().SingleOrDefaultAsync(x => x.Slug == normalised, ct);
        return m is null ? NotFound() : View(m);
    }

    /// <summary>
    /// The app's own notice, linked from account mail (an account is not one municipality's): what an account holds, and
    /// each municipality's notice for the rest.
    /// </summary>
    [HttpGet("personuppgifter")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).Select(m => new PrivacyNoticeLink(m.Name, m.Slug)).ToListAsync(ct));
}

/// <summary>A municipality's name and where its notice is.</summary>
public sealed record PrivacyNoticeLink(string Name, string Slug);
