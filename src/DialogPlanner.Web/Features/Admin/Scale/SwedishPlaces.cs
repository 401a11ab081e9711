namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>A real Swedish municipality: its name, county and the centre of its main town.</summary>
public sealed record ScaleMunicipality(string Name, string County, double Latitude, double Longitude);

/// <summary>
/// The words the scale data is made of: real municipalities (the neighbours of Ljungby first, so that a
/// small run looks like one police region), Swedish names, places and what people note on a walk.
/// </summary>
public static class SwedishPlaces
{
    /// <summary>In the order <c>seed-scale --municipalities N</c> takes them. Names with å, ä and ö on purpose.</summary>
    public static readonly ScaleMunicipality[] Municipalities =
    [
        new("Ljungby", "Kronobergs län", 56.8330, 13.9408),
        new("Växjö", "Kronobergs län", 56.8777, 14.8091),
        new("Alvesta", "Kronobergs län", 56.8990, 14.5560),
        new("Älmhult", "Kronobergs län", 56.5510, 14.1370),
        new("Markaryd", "Kronobergs län", 56.4610, 13.5960),
        new("Tingsryd", "Kronobergs län", 56.5250, 14.9790),
        new("Uppvidinge", "Kronobergs län", 57.1680, 15.3420),
        new("Lessebo", "Kronobergs län", 56.7510, 15.2700),
        new("Värnamo", "Jönköpings län", 57.1860, 14.0400),
        new("Gislaved", "Jönköpings län", 57.3040, 13.5400),
        new("Halmstad", "Hallands län", 56.6745, 12.8578),
        new("Laholm", "Hallands län", 56.5120, 13.0440),
        new("Hässleholm", "Skåne län", 56.1589, 13.7668),
        new("Ängelholm", "Skåne län", 56.2428, 12.8622),
        new("Kristianstad", "Skåne län", 56.0294, 14.1567),
        new("Karlshamn", "Blekinge län", 56.1700, 14.8630),
        new("Karlskrona", "Blekinge län", 56.1612, 15.5869),
        new("Kalmar", "Kalmar län", 56.6634, 16.3568),
        new("Nybro", "Kalmar län", 56.7440, 15.9080),
        new("Vetlanda", "Jönköpings län", 57.4280, 15.0780),
        new("Jönköping", "Jönköpings län", 57.7826, 14.1618),
        new("Borås", "Västra Götalands län", 57.7210, 12.9401),
        new("Linköping", "Östergötlands län", 58.4108, 15.6214),
        new("Norrköping", "Östergötlands län", 58.5877, 16.1924),
        new("Örebro", "Örebro län", 59.2753, 15.2134),
        new("Västerås", "Västmanlands län", 59.6099, 16.5448),
        new("Eskilstuna", "Södermanlands län", 59.3666, 16.5077),
        new("Upplands Väsby", "Stockholms län", 59.5180, 17.9110),
        new("Södertälje", "Stockholms län", 59.1955, 17.6253),
        new("Uppsala", "Uppsala län", 59.8586, 17.6389),
        new("Gävle", "Gävleborgs län", 60.6749, 17.1413),
        new("Falun", "Dalarnas län", 60.6065, 15.6355),
        new("Karlstad", "Värmlands län", 59.3793, 13.5036),
        new("Sundsvall", "Västernorrlands län", 62.3908, 17.3069),
        new("Östersund", "Jämtlands län", 63.1792, 14.6357),
        new("Åre", "Jämtlands län", 63.3990, 13.0810),
        new("Umeå", "Västerbottens län", 63.8258, 20.2630),
        new("Luleå", "Norrbottens län", 65.5848, 22.1547),
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Ingrid", "Marie", "Malin",
        "Jenny", "Annika", "Hanna", "Linda", "Birgitta", "Susanne", "Elin", "Åsa", "Sofia", "Ida", "Maja", "Ebba",
        "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Thomas", "Jan", "Daniel", "Fredrik",
        "Hans", "Bengt", "Mats", "Magnus", "Andreas", "Stefan", "Björn", "Göran", "Oskar", "Nils", "Åke", "Örjan",
        "Ahmed", "Fatima", "Mohammed", "Amina", "Ali", "Leyla", "Jonas", "Sven", "Ulla", "Gunnar", "Linnéa", "Inger",
    ];

    public static readonly string[] Surnames =
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson",
        "Magnusson", "Lindström", "Olofsson", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg",
        "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg",
        "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Håkansson", "Lundin", "Björk", "Åberg", "Öhman",
        "Hassan", "Ali", "Mohamed", "Ek", "Strand", "Holm", "Nyström", "Åkesson", "Söderberg", "Ström",
    ];

    /// <summary>Parts of a town that a walk or a meeting is about.</summary>
    public static readonly string[] Districts =
    [
        "Centrum", "Stationsområdet", "Norr", "Söder", "Öster", "Väster", "Hamnen", "Industriområdet", "Folkparken",
        "Idrottsplatsen", "Skolområdet", "Resecentrum", "Kvarnbacken", "Ekbacken", "Solhem", "Björkhagen", "Tallbacken",
        "Lugnet", "Ängsvägen", "Gamla stan",
    ];

    public static readonly string[] Villages =
    [
        "Lidhult", "Ryssby", "Lagan", "Vittaryd", "Agunnaryd", "Annerstad", "Bolmsö", "Torpa", "Angelstad", "Hamneda",
        "Södra Ljunga", "Dörarp", "Kånna", "Tannåker", "Odensjö",
    ];

    /// <summary>Where meetings are held; {0} is the municipality.</summary>
    public static readonly string[] MeetingPlaces =
    [
        "{0} bibliotek, Salen", "Kommunhuset, sammanträdesrum 1", "Medborgarhuset", "Polisstationen, konferensrummet",
        "Folkets hus", "Stadshotellet, Lilla salen", "Fritidsgården", "Församlingshemmet",
    ];

    /// <summary>Stops on a walk's route.</summary>
    public static readonly string[] Stops =
    [
        "Stortorget", "Gångtunneln vid stationen", "Busshållplatsen", "Parkeringen vid simhallen", "Skolgården",
        "Lekplatsen", "Cykelvägen längs ån", "Gångbron", "Återvinningsstationen", "Parken", "Idrottshallen",
        "Gatan bakom centrum", "Trappan vid kyrkan", "Infarten till bostadsområdet", "Pendelparkeringen", "Kiosken",
    ];

    public static readonly string[] Landlords = ["bostäder AB", "Fastigheter", "Hyresgästföreningen"];

    /// <summary>What participants write, per category, and what the responsible body is then asked to do.</summary>
    public static readonly IReadOnlyDictionary<Walks.FindingCategory, (string[] Findings, string Task)> Findings =
        new Dictionary<Walks.FindingCategory, (string[], string)>
        {
            [Walks.FindingCategory.Lighting] = (["Trasig gatlampa", "Mörkt längs gångvägen", "Belysningen i tunneln fungerar inte", "Lampan blinkar"], "Byt eller laga belysningen"),
            [Walks.FindingCategory.Vegetation] = (["Buskage skymmer gångvägen", "Häcken är för hög vid övergångsstället", "Träd skymmer gatlampan"], "Klipp ner buskage och häck"),
            [Walks.FindingCategory.Graffiti] = (["Klotter på väggen", "Klotter på elskåpet", "Taggar på busskuren"], "Sanera klottret"),
            [Walks.FindingCategory.Vandalism] = (["Krossad ruta i busskuren", "Sönderslagen parkbänk", "Trasigt staket"], "Laga det som är sönder"),
            [Walks.FindingCategory.Litter] = (["Mycket skräp vid återvinningen", "Överfulla papperskorgar", "Glassplitter på lekplatsen"], "Städa och töm papperskorgar oftare"),
            [Walks.FindingCategory.DrugHangout] = (["Ungdomar samlas här på kvällarna", "Sprutor hittade bakom förrådet", "Tillhåll i trapphuset"], "Se över platsen och öka närvaron kvällstid"),
            [Walks.FindingCategory.TrafficHazard] = (["Bilar kör fort förbi skolan", "Övergångsstället syns dåligt", "Cyklar och bilar möts i kurvan"], "Se över trafikmiljön"),
            [Walks.FindingCategory.Other] = (["Otrygg plats, svårt att säga varför", "Ingen skylt till närmaste hållplats", "Bänkarna är borttagna"], "Utred och återkom"),
        };
}
