using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>One finding as the protocol reports it: what, where, and what became of it.</summary>
public sealed record ProtocolItem(Finding Finding, FollowUpTask? Task)
{
    /// <summary>The state shown for the finding; the same words as the task board.</summary>
    public FollowUpStatus? Status => Task?.Status;
}

/// <summary>
/// The walk protocol: the one reading of a walk's outcome used by the organiser's page, the public
/// page, the CSV and the feedback e-mail, so that they can never disagree with the task board.
/// Participants appear only as counts per organisation: private individuals are never named. Only findings an
/// organiser has reviewed are in it (<see cref="Finding.Publishable"/>); <see cref="Unreviewed"/> counts those waiting.
/// </summary>
public sealed record WalkProtocol(
    Event Walk, IReadOnlyList<WalkStop> Route, IReadOnlyList<(string Organisation, int Count)> Participants, IReadOnlyList<ProtocolItem> Items, int Unreviewed)
{
    public const string PrivateIndividuals = "Privatpersoner";

    public bool AllClosed => Items.All(i => i.Finding.Triage == FindingTriage.NoAction || (i.Task is not null && i.Task.IsClosed));

    public static async Task<WalkProtocol?> LoadAsync(AppDbContext db, int walkId, CancellationToken ct = default)
    {
        var walk = await db.Events.AsNoTracking().Include(e => e.Municipality).Include(e => e.Stops)
            .SingleOrDefaultAsync(e => e.Id == walkId && WalkLookup.Types.Contains(e.Type), ct);
        if (walk is null) return null;
        var findings = await db.Findings.AsNoTracking().Include(f => f.FollowUpTask).ThenInclude(t => t!.ResponsibleOrganisation)
            .Where(f => f.EventId == walkId).Where(Finding.Publishable).OrderBy(f => f.Id).ToListAsync(ct);
        var unreviewed = await db.Findings.CountAsync(f => f.EventId == walkId && f.ReviewedAtUtc == null && f.RemovedAtUtc == null, ct);
        var participants = await db.Invitations.AsNoTracking()
            .Where(i => i.EventId == walkId && i.RemovedAtUtc == null && i.Rsvp == RsvpStatus.Accepted)
            // A drop-in who checked in counts under the organisation they typed (see Invitation.Organisation).
            .Select(i => i.Contact != null && i.Contact.Organisation != null ? i.Contact.Organisation.Name : i.Organisation ?? PrivateIndividuals)
            .ToListAsync(ct);
        var counts = participants.GroupBy(p => p).Select(g => (g.Key, g.Count()))
            .OrderBy(p => p.Key == PrivateIndividuals).ThenBy(p => p.Key).ToList();
        return new WalkProtocol(walk, walk.Stops.OrderBy(s => s.Order).ToList(), counts, findings.Select(f => new ProtocolItem(f, f.FollowUpTask)).ToList(), unreviewed);
    }
}
