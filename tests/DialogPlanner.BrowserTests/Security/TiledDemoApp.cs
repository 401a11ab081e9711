using System.Net;
using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DialogPlanner.BrowserTests.Security;

/// <summary>
/// The demo year with its walk's protocol published, and walk maps drawn from a tile server of its own on
/// another origin (<c>http://{s}.localhost:PORT</c>: Chromium sends every *.localhost to this machine), so
/// that the Content-Security-Policy must let the configured tile host, with its subdomains, through.
/// </summary>
public sealed class TiledDemoApp : DemoYearApp
{
    // A real 1 × 1 PNG: Leaflet stretches it over the tile.
    private static readonly byte[] Tile = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private WebApplication? _tiles;
    private int _tilesServed;

    public int TilesServed => _tilesServed;
    public string RecorderToken { get; private set; } = "";

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _tiles = builder.Build();
        _tiles.MapGet("/{z:int}/{x:int}/{y:int}.png", () =>
        {
            Interlocked.Increment(ref _tilesServed);
            return Results.Bytes(Tile, "image/png");
        });
        await _tiles.StartAsync();
        var port = new Uri(_tiles.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single()).Port;
        var settings = await base.SettingsAsync();
        settings["Maps:TileUrl"] = $"http://{{s}}.localhost:{port}/{{z}}/{{x}}/{{y}}.png";
        settings["Maps:Attribution"] = "Testkartor";
        return settings;
    }

    protected override async Task SeedAsync(AppFactory app)
    {
        await base.SeedAsync(app);
        await using var db = app.CreateDbContext();
        var walk = await db.Events.Include(e => e.Invitations).SingleAsync(e => e.Id == SafetyWalkId);
        walk.ProtocolPublishedAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
        RecorderToken = walk.Invitations.Where(i => i.RemovedAtUtc == null).OrderBy(i => i.Id).Last().Token;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_tiles is not null) await _tiles.DisposeAsync();
    }
}
