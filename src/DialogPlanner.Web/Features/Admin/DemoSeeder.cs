using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Admin;

/// <summary>
/// A realistic demo year for Ljungby: the bodies of the 2024 promise, contacts in the usual
/// groups, and events spread over the current year. Addresses use the reserved .example domain.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, TimeProvider clock, PromiseImporter importer)
{
    public async Task<string> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Municipalities.AnyAsync(m => m.Slug == "ljungby", ct))
            return "Demo data for Ljungby is already present; nothing was added.";

        // All or nothing: a half-seeded database would be taken for a seeded one next time.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ljungby = new Municipality { Name = "Ljungby", Slug = "ljungby", Latitude = 56.8330, Longitude = 13.9408 };
        Organisation Org(string name, OrganisationKind kind, string email) =>
            new() { Municipality = ljungby, Name = name, Kind = kind, Email = email };
        var kommun = Org("Ljungby kommun", OrganisationKind.Municipality, "trygghet@ljungby.example");
        var gata = Org("Ljungby kommun, gatuavdelningen", OrganisationKind.Municipality, "gata@ljungby.example");
        var polis = Org("Polisen, lokalpolisområde Ljungby", OrganisationKind.Police, "ljungby@polisen.example");
        var bostader = Org("Ljungbybostäder AB", OrganisationKind.Landlord, "info@ljungbybostader.example");
        var privatvard = Org("Lagastrand Fastigheter", OrganisationKind.Landlord, "kontakt@lagastrand.example");
        var centrum = Org("Centrumföreningen Ljungby", OrganisationKind.Association, "styrelsen@centrum-ljungby.example");
        var lansstyrelsen = Org("Länsstyrelsen i Kronobergs län", OrganisationKind.CountyBoard, "brottsforebyggande@lst-kronoberg.example");
        var lrf = Org("LRF Ljungby", OrganisationKind.Association, "ljungby@lrf.example");
        db.Organisations.AddRange(kommun, gata, polis, bostader, privatvard, centrum, lansstyrelsen, lrf);

        ContactGroup Group(string name, string description) => new() { Municipality = ljungby, Name = name, Description = description };
        var hyresvardar = Group("Hyresvärdar", "Hyresvärdar som bjuds in till det årliga dialogmötet");
        var centrumGrupp = Group("Centrumföreningen", "Styrelse och handlare i centrum");
        var grannsamverkan = Group("Grannsamverkan Lagan", "Kontaktombud i grannsamverkan längs Lagan");
        var vandrare = Group("Trygghetsvandrare", "Boende och föreningar som brukar gå trygghetsvandringar");
        var landsbygd = Group("Gårdsvandring", "Länsstyrelsen och intresseorganisationer på landsbygden");

        Contact Person(string name, string email, Organisation? org, params ContactGroup[] groups) =>
            new() { Municipality = ljungby, Name = name, Email = email, Organisation = org, Groups = [.. groups] };
        db.Contacts.AddRange(
            Person("Anna Lindqvist", "anna.lindqvist@ljungby.example", kommun, vandrare),
            Person("Erik Johansson", "erik.johansson@polisen.example", polis, vandrare),
            Person("Maria Bergström", "maria.bergstrom@ljungbybostader.example", bostader, hyresvardar, vandrare),
            Person("Johan Nilsson", "johan@lagastrand.example", privatvard, hyresvardar),
            Person("Sara Ek", "sara.ek@centrum-ljungby.example", centrum, centrumGrupp),
            Person("Ahmed Hassan", "ahmed.hassan@centrum-ljungby.example", centrum, centrumGrupp),
            Person("Karin Åberg", "karin.aberg@posten.example", null, grannsamverkan, vandrare),
            Person("Lars Öhman", "lars.ohman@posten.example", null, grannsamverkan),
            Person("Birgitta Svensson", "birgitta.svensson@lst-kronoberg.example", lansstyrelsen, landsbygd),
            Person("Per Gustafsson", "per.gustafsson@lrf.example", lrf, landsbygd),
            Person("Emma Karlsson", "emma.karlsson@gata.ljungby.example", gata, vandrare));

        var year = StockholmTime.Now(clock).Year;
        await db.SaveChangesAsync(ct);
        await ImportPromiseAsync(year, ct);
        var pledges = await db.Pledges.Where(p => p.FocusArea.CitizenPromise.MunicipalityId == ljungby.Id && p.EventType != null)
            .ToDictionaryAsync(p => p.EventType!.Value, p => (int?)p.Id, ct);
        Event Meeting(EventType type, string title, int month, int day, int hour, int hours, string location, EventStatus status, bool isPublic) =>
            new()
            {
                Municipality = ljungby, Type = type, Title = title, Location = location, Status = status, IsPublic = isPublic,
                PledgeId = pledges.GetValueOrDefault(type),
                StartsAtUtc = StockholmTime.ToUtc(new DateTime(year, month, day, hour, 0, 0)),
                EndsAtUtc = StockholmTime.ToUtc(new DateTime(year, month, day, hour + hours, 0, 0)),
            };
        var spring = Meeting(EventType.DialogueMeeting, "Dialogmöte om tryggheten i centrum", 3, 18, 18, 2,
            "Ljungby bibliotek, Salen", EventStatus.Held, true);
        spring.AttendanceCount = 34;
        spring.Minutes = "Frågor om belysning vid Lagaholm och om ungdomar vid resecentrum.";
        var walk = Meeting(EventType.SafetyWalk, "Trygghetsvandring Replösa", 10, 14, 19, 2,
            "Samling vid Replösa centrum", EventStatus.Scheduled, false);
        walk.Capacity = 20;
        walk.Invitations = [.. db.Contacts.Local.Where(c => c.Groups.Contains(vandrare))
            .Select(c => new Invitation { Email = c.Email, Name = c.Name, Contact = c, Rsvp = RsvpStatus.NeedsAction })];
        db.Events.AddRange(spring, walk,
            Meeting(EventType.LandlordMeeting, "Dialogmöte med hyresvärdar", 5, 6, 9, 2, "Kommunhuset, Olofsgatan 9", EventStatus.Scheduled, false),
            Meeting(EventType.DialogueMeeting, "Dialogmöte hösten", 11, 11, 18, 2, "Ljungby bibliotek, Salen", EventStatus.Draft, true));

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return $"Demo data for Ljungby {year} added: the citizen promise (from the 2024 one), 8 organisations, 11 contacts in 5 groups, 4 events.";
    }

    /// <summary>The real 2024 promise of Ljungby, moved to the demo year so that the dashboard has something to show.</summary>
    private async Task ImportPromiseAsync(int year, CancellationToken ct)
    {
        var template = await LjungbyTemplateAsync(ct);
        await importer.ImportAsync(template with { Year = year, Title = $"Medborgarlöfte {year}" }, replace: false, ct);
    }

    /// <summary>The real 2024 promise of Ljungby as the app embeds it (templates/promises/ljungby-2024.json).</summary>
    public static async Task<PromiseTemplate> LjungbyTemplateAsync(CancellationToken ct = default)
    {
        await using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("ljungby-2024.json")
                                 ?? throw new InvalidOperationException("The embedded Ljungby template is missing.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return PromiseTemplateReader.Read(buffer.ToArray()).Template!;
    }
}
