using DialogPlanner.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>A published walk protocol for residents: no login, no names, photos only in formats cleaned of their position.</summary>
[AllowAnonymous]
[Route("kommun/{slug}/vandringar/{id:int}")]
public sealed class PublicProtocolController(AppDbContext db, PhotoStore photos) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string slug, int id)
    {
        var protocol = await LoadAsync(slug, id);
        return protocol is null ? NotFound() : View("../Protocol/Show", new ProtocolView(protocol, IsPublic: true));
    }

    [HttpGet("photos/{findingId:int}")]
    public async Task<IActionResult> Photo(string slug, int id, int findingId)
    {
        var protocol = await LoadAsync(slug, id);
        var finding = protocol?.Items.Select(i => i.Finding).SingleOrDefault(f => f.Id == findingId);
        if (finding is null || !PhotoFormat.CanBeShownPublicly(finding.PhotoContentType)) return NotFound();
        return photos.Serve(finding.PhotoPath, finding.PhotoContentType);
    }

    private async Task<WalkProtocol?> LoadAsync(string slug, int id)
    {
        var protocol = await WalkProtocol.LoadAsync(db, id);
        return protocol is { Walk.ProtocolPublishedAtUtc: not null } && string.Equals(protocol.Walk.Municipality.Slug, slug, StringComparison.OrdinalIgnoreCase)
            ? protocol : null;
    }
}
