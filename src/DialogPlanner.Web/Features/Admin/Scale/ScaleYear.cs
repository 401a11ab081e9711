using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Promises.Planning;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using static DialogPlanner.Web.Features.Admin.Scale.ScaleEntities;

namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>How many rows of each kind one municipality-year wrote.</summary>
public sealed record ScaleCounts(int Events, int Invitations, int Findings, int Tasks, int Outbox, int Rows)
{
    public static readonly ScaleCounts Zero = new(0, 0, 0, 0, 0, 0);

    public static ScaleCounts operator +(ScaleCounts a, ScaleCounts b) =>
        new(a.Events + b.Events, a.Invitations + b.Invitations, a.Findings + b.Findings, a.Tasks + b.Tasks, a.Outbox + b.Outbox, a.Rows + b.Rows);
}

/// <summary>
/// One municipality's year of heavy activity: the promise (the Ljungby template's shape), about 170 events of
/// every type spread over the year the way organisers plan them (walks after dark in spring and autumn, no
/// meetings in the summer or on holidays), about 40 invitees each with their answers and mail, and what the
/// walks found and became. Written in two saves: the events first (the rest needs their ids).
/// </summary>
public sealed class ScaleYear(AppDbContext db, ScaleCast cast, PromiseTemplate template, int seed, int municipalityIndex, int year, DateTime todayUtc)
{
    /// <summary>Events per type and year; walks add their follow-up and preparatory meetings (about 15 more).</summary>
    public static readonly (EventType Type, int Count)[] Mix =
    [
        (EventType.DialogueMeeting, 30), (EventType.SafetyWalk, 30), (EventType.NeighbourhoodWatchMeeting, 48),
        (EventType.LandlordMeeting, 16), (EventType.CentreAssociationMeeting, 16), (EventType.FarmWalk, 18),
    ];

    private readonly HashSet<DateOnly> _daysOff = SwedishHolidays.For(year).Select(h => h.Date).ToHashSet();
    private readonly List<Planned> _events = [];

    /// <summary>An event with the randomness that decides everything about it, and what the second save needs.</summary>
    private sealed record Planned(Event Event, Random Random, string District)
    {
        public List<(Invitation Invitation, bool Failed)> Sent { get; } = [];
        public Planned? Walk { get; init; }
        public WalkMeetingRole? Role { get; init; }
        public Planned? Rewalks { get; set; }
    }

    public async Task<ScaleCounts> WriteAsync(CancellationToken ct)
    {
        var random = ScaleRandom.For(seed, municipalityIndex, year);
        var pledges = AddPromise(random);
        var index = 0;
        foreach (var (type, count) in Mix)
            for (var i = 0; i < count; i++)
                _events.Add(PlanEvent(type, ScaleRandom.For(seed, municipalityIndex, year, index++), pledges));
        foreach (var walk in _events.Where(p => p.Event.Type == EventType.SafetyWalk).ToList())
        {
            var r = ScaleRandom.For(seed, municipalityIndex, year, index++);
            if (r.Chance(0.4)) _events.Add(PlanWalkMeeting(walk, WalkMeetingRole.FollowUp, r, pledges));
            else if (r.Chance(0.15)) _events.Add(PlanWalkMeeting(walk, WalkMeetingRole.Preparatory, r, pledges));
            if (StockholmTime.FromUtc(walk.Event.StartsAtUtc).Month >= 8 && r.Chance(0.3))
                walk.Rewalks = _events.LastOrDefault(p => p.Event.Type == EventType.SafetyWalk && p.District == walk.District
                                                          && p.Event.StartsAtUtc < walk.Event.StartsAtUtc.AddDays(-60));
        }
        db.Events.AddRange(_events.Select(p => p.Event));
        var rows = db.ChangeTracker.Entries().Count();
        await db.SaveChangesAsync(ct);

        foreach (var p in _events)
        {
            if (p.Walk is not null) MeetingOfWalk(p.Event, p.Walk.Event, p.Role!.Value);
            if (p.Rewalks is not null) Rewalk(p.Event, p.Rewalks.Event);
        }
        var (findings, tasks) = (0, 0);
        foreach (var p in _events.Where(p => WalkLookup.Types.Contains(p.Event.Type) && p.Event.Status == EventStatus.Held))
        {
            var outcome = new ScaleWalk(db, cast, p.Event, p.Random, todayUtc).Write(p.Sent.Where(s => !s.Failed).Select(s => s.Invitation).ToList());
            findings += outcome.Findings;
            tasks += outcome.Tasks;
        }
        foreach (var p in _events)
            foreach (var (invitation, failed) in p.Sent)
                db.OutboxMessages.Add(InvitationMail(p.Event, invitation, failed));
        var outbox = db.ChangeTracker.Entries<OutboxMessage>().Count(); // with the walks' task mail
        db.ChangeTracker.DetectChanges(); // the walk links set above on saved events
        rows += db.ChangeTracker.Entries().Count(e => e.State != EntityState.Unchanged);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new ScaleCounts(_events.Count, _events.Sum(p => p.Event.Invitations.Count), findings, tasks, outbox, rows);
    }

    /// <summary>The year's promise from the template, with the municipality's name, published in January; returns the pledges kept by events.</summary>
    private Dictionary<EventType, Pledge> AddPromise(Random random)
    {
        var name = cast.Place.Name;
        var isPast = year < StockholmTime.FromUtc(todayUtc).Year;
        string Local(string text) => text.Replace("Ljungby", name);
        var byType = new Dictionary<EventType, Pledge>();
        var areas = template.FocusAreas!.Select((area, a) => FocusArea(Local(area.Title!), area.Description is null ? null : Local(area.Description), a + 1,
            area.Pledges!.Select((p, i) =>
            {
                var type = p.EventType is null ? (EventType?)null : Enum.Parse<EventType>(p.EventType);
                int? done = type is null && p.YearlyTarget is { } target
                    ? isPast ? Math.Max(0, target + random.Next(-2, 2)) : target * StockholmTime.FromUtc(todayUtc).DayOfYear / 366
                    : null;
                var manual = type is not null || p.YearlyTarget is not null ? PledgeManualStatus.NotStarted
                    : isPast ? random.Weighted((PledgeManualStatus.Kept, 60), (PledgeManualStatus.NotKept, 15), (PledgeManualStatus.InProgress, 25))
                    : random.Weighted((PledgeManualStatus.InProgress, 60), (PledgeManualStatus.NotStarted, 20), (PledgeManualStatus.Kept, 20));
                var notes = random.Chance(0.3) ? $"Avstämt på samverkansmötet i {random.Pick(Months)}." : null;
                var pledge = Pledge(Local(p.Text!), PledgeTemplate.Parties[p.Responsible!], type, p.YearlyTarget, p.TargetIsMinimum ?? false,
                    done, manual, notes, i + 1);
                if (type is not null) byType.TryAdd(type.Value, pledge);
                return pledge;
            }).ToList())).ToList();
        db.CitizenPromises.Add(Promise(cast.Municipality.Id, year, $"Medborgarlöfte {year}", template.Introduction is null ? null : Local(template.Introduction),
            StockholmTime.ToUtc(new DateTime(year, 1, 15, 10, 0, 0)), areas));
        return byType;
    }

    private static readonly string[] Months = ["januari", "mars", "maj", "september", "november"];

    private Planned PlanEvent(EventType type, Random r, Dictionary<EventType, Pledge> pledges)
    {
        var name = cast.Place.Name;
        var district = r.Pick(SwedishPlaces.Districts);
        var (months, hour, minutes) = type switch
        {
            EventType.SafetyWalk => (new[] { 3, 4, 9, 10, 11 }, 19, 120),
            EventType.FarmWalk => ([2, 3, 10, 11], 18, 150),
            EventType.LandlordMeeting or EventType.CentreAssociationMeeting => ([1, 2, 3, 4, 5, 9, 10, 11], 8, 120),
            _ => ([1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12], 18, 120),
        };
        var month = r.Pick(months);
        var dayOfMonth = r.Next(1, 29);
        // Not in the holidays: June before midsummer, August after the summer break, December before Christmas, January after Epiphany.
        dayOfMonth = month switch { 6 => 1 + dayOfMonth / 2, 8 or 1 => 14 + dayOfMonth / 2, 12 => 1 + dayOfMonth / 2, _ => dayOfMonth };
        var day = WorkingDay(new DateOnly(year, month, dayOfMonth));
        var start = StockholmTime.ToUtc(day.ToDateTime(new TimeOnly(hour, type == EventType.NeighbourhoodWatchMeeting ? 30 : 0)));
        var village = r.Pick(SwedishPlaces.Villages);
        var title = type switch
        {
            EventType.DialogueMeeting => string.Format(r.Pick(["Dialogmöte om tryggheten i {0}", "Öppet dialogmöte: {0}", "Trygghetsdialog {0}"]), district),
            EventType.SafetyWalk => $"Trygghetsvandring {district}",
            EventType.NeighbourhoodWatchMeeting => $"Grannsamverkansmöte {district}",
            EventType.LandlordMeeting => "Dialogmöte med hyresvärdar",
            EventType.CentreAssociationMeeting => "Dialogmöte med centrumföreningen",
            _ => $"Gårdsvandring {village}",
        };
        var isWalk = WalkLookup.Types.Contains(type);
        var centre = DistrictCentre(district);
        var location = type switch
        {
            EventType.SafetyWalk => $"Samling vid {r.Pick(SwedishPlaces.Stops).ToLowerInvariant()}, {district}",
            EventType.FarmWalk => $"Samling vid {village} bygdegård",
            _ => string.Format(r.Pick(SwedishPlaces.MeetingPlaces), name),
        };
        var description = type switch
        {
            EventType.DialogueMeeting => $"Välkommen till ett öppet möte om tryggheten i {district}. Polisen och {name} kommun berättar om läget och vill höra vad du tycker.",
            EventType.SafetyWalk => "Vi går tillsammans genom området när det är mörkt och noterar platser som känns otrygga. Ta med varma kläder och en telefon.",
            EventType.FarmWalk => "Brottsförebyggande gårdsvandring med länsstyrelsen och LRF: stöldbegärlig utrustning, belysning och grannsamverkan på landet.",
            _ => r.Chance(0.5) ? "Dagordning skickas ut en vecka innan." : null,
        };
        var e = Event(cast.Municipality.Id, type, title, description, start, start.AddMinutes(minutes), location,
            isWalk || r.Chance(0.5) ? r.Near(centre.Latitude, centre.Longitude, 300) : null, Status(start, r),
            isWalk && r.Chance(0.3) ? 40 : null, type == EventType.DialogueMeeting || (type == EventType.NeighbourhoodWatchMeeting && r.Chance(0.5)),
            r.Chance(0.9) ? pledges.GetValueOrDefault(type) : null, $"{r.Guid():N}@dialogplanner", r.Weighted((0, 80), (1, 15), (2, 5)));
        var planned = new Planned(e, r, district);
        InviteGuests(planned, Guests(r, type));
        if (isWalk)
        {
            var stops = r.Sample(SwedishPlaces.Stops.Length, r.Next(4, 9));
            for (var i = 0; i < stops.Length; i++)
                Stop(e, i + 1, SwedishPlaces.Stops[stops[i]], r.Chance(0.85) ? r.Near(centre.Latitude, centre.Longitude, 600) : null);
        }
        if (e.Status == EventStatus.Held) Held(e, e.Invitations.Count(i => i.Rsvp == RsvpStatus.Accepted) + r.Next(-3, 8),
            r.Chance(0.7) ? $"Deltagarna tog upp {r.Pick(Topics)} och {r.Pick(Topics)}. Polisen berättade om läget i {district}." : null);
        return planned;
    }

    private static readonly string[] Topics =
    [
        "belysningen i parken", "ungdomar vid resecentrum", "fortkörning på genomfartsgatan", "klotter i gångtunneln",
        "inbrott i förråd", "bedrägerier mot äldre", "nedskräpning vid återvinningen", "narkotikaförsäljning", "grannsamverkan",
    ];

    /// <summary>A walk's preparatory meeting two weeks before, or its follow-up meeting three weeks after, with the walk's invitees.</summary>
    private Planned PlanWalkMeeting(Planned walk, WalkMeetingRole role, Random r, Dictionary<EventType, Pledge> pledges)
    {
        var walkDay = StockholmTime.DateOf(walk.Event.StartsAtUtc);
        var day = WorkingDay(walkDay.AddDays(role == WalkMeetingRole.Preparatory ? -14 : 21));
        var start = StockholmTime.ToUtc(day.ToDateTime(new TimeOnly(18, 0)));
        var title = (role == WalkMeetingRole.Preparatory ? "Förberedande möte: " : "Uppföljningsmöte: ") + walk.Event.Title;
        var e = Event(cast.Municipality.Id, EventType.DialogueMeeting, title, null, start, start.AddMinutes(90), walk.Event.Location, null,
            Status(start, r), null, false, r.Chance(0.5) ? pledges.GetValueOrDefault(EventType.DialogueMeeting) : null, $"{r.Guid():N}@dialogplanner", 0);
        var planned = new Planned(e, r, walk.District) { Walk = walk, Role = role };
        var ids = walk.Event.Invitations.Where(i => i.RemovedAtUtc is null).Select(i => i.ContactId).OfType<int>().ToHashSet();
        InviteGuests(planned, cast.Contacts.Select((c, index) => (c, index)).Where(x => ids.Contains(x.c.Id)).Select(x => x.index).ToArray());
        if (e.Status == EventStatus.Held) Held(e, e.Invitations.Count(i => i.Rsvp == RsvpStatus.Accepted), "Ansvariga redovisade vad som görs åt iakttagelserna.");
        return planned;
    }

    /// <summary>About 40 contacts: half from the group the event is for, the rest from everyone.</summary>
    private int[] Guests(Random r, EventType type)
    {
        var count = r.Next(32, 49);
        var group = cast.Groups[ScaleCast.GroupFor(type)];
        var chosen = r.Sample(group.Length, Math.Min(group.Length, count / 2)).Select(i => group[i]).ToHashSet();
        foreach (var i in r.Sample(cast.Contacts.Count, count))
            if (chosen.Count < count) chosen.Add(i);
        return [.. chosen];
    }

    private void InviteGuests(Planned p, int[] contactIndexes)
    {
        var (e, r) = (p.Event, p.Random);
        var sent = e.Status != EventStatus.Draft;
        var isPast = e.StartsAtUtc < todayUtc;
        var freeAddresses = new HashSet<string>();
        var guests = contactIndexes.Select(i => cast.Contacts[i]).Select(c => (c.Id as int?, c.Email, (string?)c.Name, c.Language)).ToList();
        for (var i = r.Next(0, 3); i > 0; i--)
        {
            var (name, email) = ScaleCast.Person(r, "webbpost.example", freeAddresses);
            guests.Add((null, email, r.Chance(0.5) ? name : null, "sv"));
        }
        foreach (var (contactId, email, name, language) in guests)
        {
            var failed = sent && r.Chance(0.03);
            var rsvp = !sent || failed ? RsvpStatus.NeedsAction
                : isPast ? r.Weighted((RsvpStatus.Accepted, 45), (RsvpStatus.Declined, 20), (RsvpStatus.Tentative, 10), (RsvpStatus.NeedsAction, 25))
                : r.Weighted((RsvpStatus.Accepted, 30), (RsvpStatus.Declined, 10), (RsvpStatus.Tentative, 5), (RsvpStatus.NeedsAction, 55));
            var answeredDaysBefore = r.Next(1, 20);
            DateTime? responded = rsvp == RsvpStatus.NeedsAction ? null : Before(e.StartsAtUtc.AddDays(-answeredDaysBefore));
            DateTime? removed = sent && r.Chance(0.02) ? Before(e.StartsAtUtc.AddDays(-r.Next(2, 10))) : null;
            // Reminders already went out for what has begun or is about to: the reminder job finds nothing left to do.
            DateTime? reminded = sent && removed is null && rsvp is (RsvpStatus.Accepted or RsvpStatus.NeedsAction) && e.StartsAtUtc < todayUtc.AddDays(4)
                ? Before(e.StartsAtUtc.AddDays(-2)) : null;
            var invitation = Invite(e, contactId, email, name, language, rsvp, responded, r.Token(), sent ? e.CalendarSequence : -1, removed, reminded);
            if (sent) p.Sent.Add((invitation, failed));
        }
    }

    private OutboxMessage InvitationMail(Event e, Invitation invitation, bool failed)
    {
        var (kind, subject, created) = e.Status == EventStatus.Cancelled || invitation.RemovedAtUtc is not null
            ? ("cancellation", $"Inställt: {e.Title}", Before(e.StartsAtUtc.AddDays(-3)))
            : e.CalendarSequence > 0 ? ("update", $"Ändrad tid eller plats: {e.Title}", Before(e.StartsAtUtc.AddDays(-10)))
            : ("invitation", $"Inbjudan: {e.Title}", Before(e.StartsAtUtc.AddDays(-21)));
        var when = StockholmTime.FromUtc(e.StartsAtUtc).ToString("d MMMM yyyy 'kl.' HH.mm", Swedish);
        var body = $"Hej {invitation.Name ?? ""}!\n\n{subject}\n{when}, {e.Location}.\n\nSvara här: https://dialogplanner.example/rsvp/{invitation.Token}\n";
        return Outbox(invitation.Email, invitation.Name, subject, body, kind, invitation.Id, failed ? OutboxStatus.Failed : OutboxStatus.Sent, 1, created,
            failed ? null : created.AddMinutes(1),
            failed ? $"550 5.1.1 <{invitation.Email}>: Recipient address rejected: User unknown in virtual mailbox table" : null);
    }

    private static readonly System.Globalization.CultureInfo Swedish = new("sv-SE");

    /// <summary>Past events were held (a few cancelled or never marked); coming ones are planned or still drafts.</summary>
    private EventStatus Status(DateTime startUtc, Random r) => startUtc < todayUtc
        ? r.Weighted((EventStatus.Held, 88), (EventStatus.Cancelled, 6), (EventStatus.Scheduled, 4), (EventStatus.Draft, 2))
        : r.Weighted((EventStatus.Scheduled, 72), (EventStatus.Draft, 25), (EventStatus.Cancelled, 3));

    /// <summary>A time that has happened by now: what was done for a coming event was done before today.</summary>
    private DateTime Before(DateTime utc) => Before(utc, todayUtc);

    public static DateTime Before(DateTime utc, DateTime todayUtc) => utc < todayUtc ? utc : todayUtc.AddHours(-1);

    private DateOnly WorkingDay(DateOnly day)
    {
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || _daysOff.Contains(day)) day = day.AddDays(1);
        return day.Year == year ? day : WorkingDay(new DateOnly(year, 12, 1));
    }

    /// <summary>Each district a fixed distance and direction from the town centre, so its walks and meetings gather there.</summary>
    private (double Latitude, double Longitude) DistrictCentre(string district)
    {
        var angle = Array.IndexOf(SwedishPlaces.Districts, district) * 2 * Math.PI / SwedishPlaces.Districts.Length;
        return (cast.Place.Latitude + 0.012 * Math.Cos(angle), cast.Place.Longitude + 0.02 * Math.Sin(angle));
    }
}
