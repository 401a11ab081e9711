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
}
