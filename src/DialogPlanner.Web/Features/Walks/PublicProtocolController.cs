using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Photos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>A published walk protocol for residents: no login, no names, only photos that were cleaned of their metadata.</summary>
[AllowAnonymous]
[Route("kommun/{slug}/vandringar/{id:int}")]
public sealed class PublicProtocolController(AppDbContext db, PhotoStore photos) : Controller
{
    [HttpGet(""), OutputCache(PolicyName = PublicCache.Policy)]
    public async Task<IActionResult> Show(string slug, int id)
    {
        var protocol = await LoadAsync(slug, id);
        ViewData[PublicCache.Policy] = true; // cached for everyone: no per-visitor form token in it
        return protocol is null ? NotFound() : View("../Protocol/Show", new ProtocolView(protocol, IsPublic: true));
    }

    [HttpGet("photos/{findingId:int}")]
    public async Task<IActionResult> Photo(string slug, int id, int findingId, bool thumbnail = false)
    {
        var protocol = await LoadAsync(slug, id);
        var finding = protocol?.Items.Select(i => i.Finding).SingleOrDefault(f => f.Id == findingId);
        if (finding?.VisiblePhotoPath is null || !PhotoStore.CanBeShownPublicly(finding.PhotoContentType)) return NotFound();
        return photos.Serve(finding.VisiblePhotoPath, finding.PhotoContentType, thumbnail);
    }

    private async Task<WalkProtocol?> LoadAsync(string slug, int id)
    {
        var protocol = await WalkProtocol.LoadAsync(db, id);
        return protocol is { Walk.ProtocolPublishedAtUtc: not null } && string.Equals(protocol.Walk.Municipality.Slug, slug, StringComparison.OrdinalIgnoreCase)
            ? protocol : null;
    }
}
