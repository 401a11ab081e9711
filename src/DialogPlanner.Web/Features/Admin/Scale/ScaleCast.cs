using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Walks;
using static DialogPlanner.Web.Features.Admin.Scale.ScaleEntities;

namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>A saved contact as the years refer to it.</summary>
public sealed record ScaleContact(int Id, string Name, string Email, string Language);

/// <summary>
/// Who takes part in one generated municipality: its organisations (with who answers for each finding
/// category), about 400 contacts in the usual groups, and the names of the people who act on tasks.
/// Saved once; the years refer to it by id.
/// </summary>
public sealed class ScaleCast
{
    public const int Residents = 370;

    public required Municipality Municipality { get; init; }
    public required ScaleMunicipality Place { get; init; }
    public required Organisation Street { get; init; }
    public required Organisation[] Landlords { get; init; }
    public required IReadOnlyDictionary<FindingCategory, Organisation> Responsible { get; init; }
    public required IReadOnlyList<ScaleContact> Contacts { get; init; }
    /// <summary>Indexes into <see cref="Contacts"/> of each group's members, by group key (see <see cref="GroupFor"/>).</summary>
    public required IReadOnlyDictionary<string, int[]> Groups { get; init; }
    /// <summary>The municipality's safety coordinator and the local police officer, who plan and triage.</summary>
    public required string[] Organisers { get; init; }

    public static string GroupFor(Events.EventType type) => type switch
    {
        Events.EventType.LandlordMeeting => "Hyresvärdar",
        Events.EventType.CentreAssociationMeeting => "Centrumföreningen",
        Events.EventType.NeighbourhoodWatchMeeting => "Grannsamverkan",
        Events.EventType.FarmWalk => "Gårdsvandring",
        _ => "Trygghetsvandrare",
    };

    public static async Task<ScaleCast> CreateAsync(AppDbContext db, ScaleMunicipality place, Random random, CancellationToken ct)
    {
        var municipality = Municipality(place);
        db.Municipalities.Add(municipality);
        await db.SaveChangesAsync(ct);
        var id = municipality.Id;
        var slug = municipality.Slug;
        var name = place.Name;

        var kommun = Organisation(id, $"{name} kommun", OrganisationKind.Municipality, $"trygghet@{slug}.example", Phone(random));
        var street = Organisation(id, $"{name} kommun, gatuavdelningen", OrganisationKind.Municipality, $"gata@{slug}.example", Phone(random));
        var park = Organisation(id, $"{name} kommun, park och natur", OrganisationKind.Municipality, $"park@{slug}.example", Phone(random));
        var police = Organisation(id, $"Polisen, lokalpolisområde {name}", OrganisationKind.Police, $"{slug}@polisen.example", "114 14");
        Organisation[] landlords =
        [
            Organisation(id, $"{name}bostäder AB", OrganisationKind.Landlord, $"info@{slug}bostader.example", Phone(random)),
            Organisation(id, $"{random.Pick(SwedishPlaces.Surnames)}s Fastigheter AB", OrganisationKind.Landlord, $"kontakt@fastigheter-{slug}.example", Phone(random)),
        ];
        var centre = Organisation(id, $"Centrumföreningen {name}", OrganisationKind.Association, $"styrelsen@centrum-{slug}.example", null);
        var county = Organisation(id, $"Länsstyrelsen i {place.County}", OrganisationKind.CountyBoard, $"brottsforebyggande@lst-{slug}.example", null);
        var farmers = Organisation(id, $"LRF {name}", OrganisationKind.Association, $"{slug}@lrf.example", null);
        db.Organisations.AddRange([kommun, street, park, police, .. landlords, centre, county, farmers]);
        await db.SaveChangesAsync(ct);

        var responsible = new Dictionary<FindingCategory, Organisation>
        {
            [FindingCategory.Lighting] = street, [FindingCategory.Vegetation] = park, [FindingCategory.Graffiti] = street,
            [FindingCategory.Vandalism] = street, [FindingCategory.Litter] = park, [FindingCategory.DrugHangout] = police,
            [FindingCategory.TrafficHazard] = street, [FindingCategory.Other] = kommun,
        };
        db.CategoryResponsibilities.AddRange(responsible.Select(r => Responsibility(id, r.Key, r.Value.Id)));

        var groups = new Dictionary<string, ContactGroup>
        {
            ["Hyresvärdar"] = Group(id, "Hyresvärdar", "Hyresvärdar som bjuds in till dialogmöten"),
            ["Centrumföreningen"] = Group(id, "Centrumföreningen", "Styrelse och handlare i centrum"),
            ["Grannsamverkan"] = Group(id, $"Grannsamverkan {random.Pick(SwedishPlaces.Districts)}", "Kontaktombud i grannsamverkan"),
            ["Trygghetsvandrare"] = Group(id, "Trygghetsvandrare", "Boende och föreningar som brukar gå trygghetsvandringar"),
            ["Gårdsvandring"] = Group(id, "Gårdsvandring", "Länsstyrelsen och intresseorganisationer på landsbygden"),
            ["Personal"] = Group(id, "Kommun och polis", "Medarbetare som planerar och deltar"),
        };

        var emails = new HashSet<string>();
        var contacts = new List<(Contact Contact, string Group)>();
        void Add(Organisation? org, string domain, string group, bool alsoWalker = false)
        {
            var (full, email) = Person(random, domain, emails);
            var member = alsoWalker ? new[] { groups[group], groups["Trygghetsvandrare"] } : [groups[group]];
            contacts.Add((Contact(id, full, email, random.Chance(0.3) ? Phone(random) : null, org?.Id, random.Chance(0.05) ? "en" : "sv", member), group));
        }
        for (var i = 0; i < 6; i++) Add(kommun, $"{slug}.example", "Personal", alsoWalker: true);
        for (var i = 0; i < 3; i++) Add(street, $"{slug}.example", "Personal", alsoWalker: true);
        for (var i = 0; i < 2; i++) Add(park, $"{slug}.example", "Personal");
        for (var i = 0; i < 5; i++) Add(police, "polisen.example", "Personal", alsoWalker: true);
        foreach (var landlord in landlords)
            for (var i = 0; i < 4; i++) Add(landlord, landlord.Email!.Split('@')[1], "Hyresvärdar", alsoWalker: i == 0);
        for (var i = 0; i < 6; i++) Add(centre, $"centrum-{slug}.example", "Centrumföreningen");
        for (var i = 0; i < 2; i++) Add(county, $"lst-{slug}.example", "Gårdsvandring");
        for (var i = 0; i < 3; i++) Add(farmers, "lrf.example", "Gårdsvandring");
        for (var i = 0; i < Residents; i++)
            Add(null, random.Pick(["post.example", "mejl.example", "brev.example"]), i % 4 == 0 ? "Grannsamverkan" : "Trygghetsvandrare");
        db.ContactGroups.AddRange(groups.Values);
        db.Contacts.AddRange(contacts.Select(c => c.Contact));
        await db.SaveChangesAsync(ct);

        var saved = contacts.Select(c => new ScaleContact(c.Contact.Id, c.Contact.Name, c.Contact.Email, c.Contact.Language)).ToList();
        var members = groups.Keys.ToDictionary(key => key,
            key => contacts.Select((c, index) => (c, index)).Where(x => x.c.Contact.Groups.Contains(groups[key])).Select(x => x.index).ToArray());
        return new ScaleCast
        {
            Municipality = municipality, Place = place, Street = street, Landlords = landlords, Responsible = responsible,
            Contacts = saved, Groups = members, Organisers = [contacts[0].Contact.Name, contacts[11].Contact.Name],
        };
    }

    /// <summary>A Swedish name and an address unique within the municipality.</summary>
    public static (string Name, string Email) Person(Random random, string domain, ISet<string> taken)
    {
        var first = random.Pick(SwedishPlaces.FirstNames);
        var last = random.Pick(SwedishPlaces.Surnames);
        var local = $"{Slugs.From(first)}.{Slugs.From(last)}";
        var email = $"{local}@{domain}";
        for (var n = 2; !taken.Add(email); n++) email = $"{local}{n}@{domain}";
        return ($"{first} {last}", email);
    }

    private static string Phone(Random random) => $"0{random.Next(10, 99)}-{random.Next(100, 999)} {random.Next(10, 99)} {random.Next(10, 99)}";
}
