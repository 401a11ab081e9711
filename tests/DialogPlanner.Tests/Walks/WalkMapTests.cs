using System.Text.Json;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

/// <summary>What the walk pages hand to wwwroot/js/walk-map.js, and that they are whole without it.</summary>
public sealed class WalkMapTests
{
    private const string Tiles = "https://tiles.example.test/{z}/{x}/{y}.png";

    private static async Task<(int WalkId, string Token)> SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        var invitation = TestData.Invitation("anna@example.test");
        var walk = TestData.Walk(ljungby.Id, invitations: [invitation], stops:
        [
            TestData.Stop("Gångtunneln", 5, 56.8350, 13.9450),
            TestData.Stop("Torget", 2, 56.8330, 13.9400),
            TestData.Stop("Skolgården", 9),
        ]);
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        db.Findings.AddRange(
            TestData.Finding(walk.Id, FindingCategory.Lighting, "Trasig lampa </script>", latitude: 56.8341, longitude: 13.9421),
            TestData.Finding(walk.Id, FindingCategory.Litter, "Skräp", latitude: 56.8342, longitude: 13.9422),
            TestData.Finding(walk.Id, FindingCategory.Lighting, "Mörkt utan position", "Parken"));
        await db.SaveChangesAsync();
        return (walk.Id, invitation.Token);
    }

    private static JsonElement MapData(IHtmlDocument page) =>
        JsonDocument.Parse(page.QuerySelector("script#walk-map-data[type='application/json']")!.TextContent).RootElement;

    [Fact]
    public async Task WalkPage_GivesTheMapTheNumberedRoute_TheFindingsWithCoordinates_AndTheConfiguredTiles()
    {
        await using var app = await AppFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Maps:TileUrl"] = Tiles, ["Maps:Attribution"] = "Testkartor" });
        var (walkId, token) = await SeedAsync(app);
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await organiser.GetDocumentAsync($"/walks/{walkId}");
        var map = MapData(page);
        Assert.Equal((Tiles, "Testkartor"), (map.GetProperty("tileUrl").GetString(), map.GetProperty("attribution").GetString()));
        Assert.Equal("/lib/leaflet/leaflet.js", map.GetProperty("leafletJs").GetString());
        Assert.Equal("route", map.GetProperty("pick").GetString());
        Assert.False(string.IsNullOrWhiteSpace(map.GetProperty("label").GetString()));
        var stops = map.GetProperty("stops").EnumerateArray().Select(x => (x.GetProperty("number").GetInt32(), x.GetProperty("name").GetString(),
            x.GetProperty("lat").ValueKind == JsonValueKind.Null ? (double?)null : x.GetProperty("lat").GetDouble())).ToList();
        Assert.Equal([(1, "Torget", 56.8330), (2, "Gångtunneln", 56.8350), (3, "Skolgården", null)], stops);
        var findings = map.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["Trasig lampa </script>", "Skräp"], findings.Select(f => f.GetProperty("description").GetString()));
        Assert.Equal((56.8341, 13.9421, "Lighting", "Belysning"), (findings[0].GetProperty("lat").GetDouble(), findings[0].GetProperty("lon").GetDouble(),
            findings[0].GetProperty("category").GetString(), findings[0].GetProperty("categoryText").GetString()));

        // The category filter of the list filters the map too.
        var lighting = MapData(await organiser.GetDocumentAsync($"/walks/{walkId}?category=Lighting")).GetProperty("findings");
        Assert.Equal(["Trasig lampa </script>"], lighting.EnumerateArray().Select(f => f.GetProperty("description").GetString()));

        // The phone's recorder: the route, a tap to set the position, the same tiles.
        var recorder = MapData(await app.CreateBrowser().GetDocumentAsync($"/w/{token}"));
        Assert.Equal((Tiles, "record", 3, 0), (recorder.GetProperty("tileUrl").GetString(), recorder.GetProperty("pick").GetString(),
            recorder.GetProperty("stops").GetArrayLength(), recorder.GetProperty("findings").GetArrayLength()));
    }

    [Fact]
    public async Task TileServer_DefaultsToOpenStreetMap_AndAnEmptyUrlMeansNoTiles()
    {
        await using (var app = await AppFactory.StartAsync("Sqlite"))
        {
            var (walkId, _) = await SeedAsync(app);
            var map = MapData(await (await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword)).GetDocumentAsync($"/walks/{walkId}"));
            Assert.Equal(MapSettings.DefaultTileUrl, map.GetProperty("tileUrl").GetString());
            Assert.Contains("OpenStreetMap", map.GetProperty("attribution").GetString());
        }
        await using (var app = await AppFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Maps:TileUrl"] = "" }))
        {
            var (walkId, _) = await SeedAsync(app);
            var map = MapData(await (await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword)).GetDocumentAsync($"/walks/{walkId}"));
            Assert.Equal("", map.GetProperty("tileUrl").GetString());
            Assert.Equal(2, map.GetProperty("findings").GetArrayLength());
        }
    }

    [Fact]
    public async Task WalkPage_IsWholeWithoutTheMap_RouteAndFindingsAreLists()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (walkId, token) = await SeedAsync(app);
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await organiser.GetDocumentAsync($"/walks/{walkId}");
        // No map container in the HTML: only the script draws one, after Leaflet loaded.
        Assert.Null(page.QuerySelector(".walk-map, .leaflet-container"));
        Assert.Empty(page.QuerySelector("#walk-map-slot")!.Children);
        Assert.Null(page.QuerySelector("link[href*='leaflet'], script[src*='leaflet']"));
        Assert.Equal(["Torget", "Gångtunneln", "Skolgården"], page.QuerySelectorAll("ol.stops li").Select(li => li.ChildNodes[0].TextContent.Trim()));
        Assert.Equal(3, page.QuerySelectorAll(".findings-table tbody tr").Length);
        Assert.NotNull(page.QuerySelector("script[src^='/js/walk-map.js']"));
        var recorder = await app.CreateBrowser().GetDocumentAsync($"/w/{token}");
        Assert.Null(recorder.QuerySelector(".walk-map"));
        Assert.NotNull(recorder.QuerySelector("form.finding-form #Latitude"));
    }

    [Fact]
    public async Task StopPositions_AreTypedWithPointOrComma_AndRefusedOutOfRange()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (walkId, _) = await SeedAsync(app);
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        int school;
        await using (var db = app.CreateDbContext()) school = (await db.WalkStops.SingleAsync(x => x.Name == "Skolgården")).Id;

        await organiser.PostFormAsync($"/walks/{walkId}/stops", new() { ["name"] = "Busshållplatsen", ["latitude"] = "56.8361", ["longitude"] = "13.9477" }, $"/walks/{walkId}");
        await organiser.PostFormAsync($"/walks/{walkId}/stops/position", new() { ["stopId"] = school.ToString(), ["latitude"] = "56,8372", ["longitude"] = "13,9488" }, $"/walks/{walkId}");
        await organiser.PostFormAsync($"/walks/{walkId}/stops", new() { ["name"] = "Fel", ["latitude"] = "99", ["longitude"] = "13" }, $"/walks/{walkId}");

        await using var check = app.CreateDbContext();
        var stops = await check.WalkStops.Where(x => x.EventId == walkId).ToDictionaryAsync(x => x.Name, x => (x.Latitude, x.Longitude));
        Assert.Equal((56.8361, 13.9477), stops["Busshållplatsen"]);
        Assert.Equal((56.8372, 13.9488), stops["Skolgården"]);
        Assert.False(stops.ContainsKey("Fel"));
        var page = await organiser.GetDocumentAsync($"/walks/{walkId}");
        Assert.Equal(["Torget", "Gångtunneln", "Skolgården", "Busshållplatsen"], page.QuerySelectorAll("#position-stop option[value]:not([value=''])").Select(o => o.TextContent));
    }
}
