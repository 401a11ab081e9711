using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// The printable A4 walk sheet (route, meeting point, QR code and typed code for check-in) and the organiser's
/// switch for walk-day check-in. The QR code is a PNG served by this app, so the CSP's img-src 'self' holds.
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}")]
public sealed class WalkSheetController(AppDbContext db, MunicipalityScope scope, Links links, IOptions<CheckInSettings> settings, TimeProvider clock) : Controller
{
    [HttpGet("sheet")]
    public async Task<IActionResult> Show(int id)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        await EnsureCodeAsync(walk);
        var closesAtUtc = walk.EndsAtUtc.AddHours(settings.Value.CheckInClosesHoursAfterEnd);
        return View(new WalkSheetPage(walk, links.CheckIn(walk.CheckInCode!), links.CheckInStart(),
            walk.TakesCheckInsAt(clock.GetUtcNow().UtcDateTime, settings.Value.CheckInClosesHoursAfterEnd), closesAtUtc));
    }

    [HttpGet("sheet/qr.png")]
    public async Task<IActionResult> Qr(int id)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        await EnsureCodeAsync(walk);
        // Medium error correction: a sheet taped to a lamp post gets creased and wet.
        using var data = QRCodeGenerator.GenerateQrCode(links.CheckIn(walk.CheckInCode!), QRCodeGenerator.ECCLevel.M);
        return File(new PngByteQRCode(data).GetGraphic(10), "image/png");
    }

    /// <summary>Turns walk-day check-in off or on again; it still closes by itself after the walk.</summary>
    [HttpPost("check-in")]
    public async Task<IActionResult> Toggle(int id, bool open)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        walk.CheckInClosed = !open;
        await db.SaveChangesAsync();
        return Redirect(Url.Action("Show", "Walks", new { id }) + "#check-in");
    }

    /// <summary>Made on first use, so walks planned before check-in existed get one too; unique by index (a clash is retried).</summary>
    private async Task EnsureCodeAsync(Event walk)
    {
        for (var attempt = 0; walk.CheckInCode is null; attempt++)
        {
            walk.CheckInCode = CheckInCodes.New();
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                walk.CheckInCode = null;
                await db.Entry(walk).ReloadAsync();
            }
        }
    }

    private Task<Event?> FindAsync(int id) => db.Events.Include(e => e.Stops).Include(e => e.Municipality).OwnWalkAsync(scope, id);
}

public sealed record WalkSheetPage(Event Walk, string CheckInUrl, string TypeCodeUrl, bool Open, DateTime ClosesAtUtc);
