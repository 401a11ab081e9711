using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Promises;

public enum ImportOutcome
{
    Created,
    Replaced,
    /// <summary>The municipality already has a promise for the year and replacing was not confirmed; nothing changed.</summary>
    ExistsAlready,
}

/// <summary>
/// Puts a checked template into the database in one transaction. Replacing a year's promise keeps
/// focus areas and pledges whose text is unchanged (so events counted toward them stay linked),
/// updates the rest and removes what the new file no longer has.
/// </summary>
public sealed class PromiseImporter(AppDbContext db)
{
    /// <param name="NewMunicipality">The template named a municipality not served before: it was added, with its settings still to fill in.</param>
    public sealed record Summary(ImportOutcome Outcome, int PromiseId, int FocusAreas, int Pledges, int MunicipalityId = 0, bool NewMunicipality = false);

    public async Task<Summary> ImportAsync(PromiseTemplate template, bool replace, CancellationToken ct = default)
    {
        var name = template.Municipality!.Trim();
        var existing = await db.Municipalities.SingleOrDefaultAsync(m => m.Name == name, ct);
        var municipality = existing ?? db.Municipalities.Add(new Municipality { Name = name, Slug = Slugs.From(name) }).Entity;
        var promise = municipality.Id == 0 ? null : await db.CitizenPromises
            .Include(p => p.FocusAreas).ThenInclude(f => f.Pledges)
            .SingleOrDefaultAsync(p => p.MunicipalityId == municipality.Id && p.Year == template.Year, ct);
        var pledgeCount = template.FocusAreas!.Sum(f => f.Pledges!.Count);
        if (promise is not null && !replace)
            return new Summary(ImportOutcome.ExistsAlready, promise.Id, promise.FocusAreas.Count, promise.FocusAreas.Sum(f => f.Pledges.Count));

        var outcome = promise is null ? ImportOutcome.Created : ImportOutcome.Replaced;
        promise ??= db.CitizenPromises.Add(new CitizenPromise { Municipality = municipality, Year = template.Year!.Value, Title = "" }).Entity;
        promise.Title = template.Title!.Trim();
        promise.Introduction = Blank(template.Introduction);

        var oldAreas = promise.FocusAreas.ToList();
        var oldPledges = oldAreas.SelectMany(a => a.Pledges).ToList();
        promise.FocusAreas.Clear();
        for (var i = 0; i < template.FocusAreas!.Count; i++)
        {
            var t = template.FocusAreas[i];
            var area = Take(oldAreas, a => a.Title == t.Title!.Trim()) ?? new FocusArea { Title = t.Title!.Trim() };
            area.Description = Blank(t.Description);
            area.SortOrder = i + 1;
            area.Pledges.Clear();
            for (var j = 0; j < t.Pledges!.Count; j++)
            {
                var p = t.Pledges[j];
                var pledge = Take(oldPledges, x => x.Text == p.Text!.Trim()) ?? new Pledge { Text = p.Text!.Trim() };
                pledge.Responsible = PledgeTemplate.Parties[p.Responsible!];
                pledge.EventType = p.EventType is null ? null : Enum.Parse<EventType>(p.EventType);
                pledge.YearlyTarget = p.YearlyTarget;
                pledge.TargetIsMinimum = p.TargetIsMinimum ?? false;
                pledge.SortOrder = j + 1;
                area.Pledges.Add(pledge);
            }
            promise.FocusAreas.Add(area);
        }
        db.Pledges.RemoveRange(oldPledges);
        db.FocusAreas.RemoveRange(oldAreas);
        await db.SaveChangesAsync(ct);
        return new Summary(outcome, promise.Id, template.FocusAreas.Count, pledgeCount, municipality.Id, existing is null);
    }

    private static T? Take<T>(List<T> pool, Func<T, bool> match) where T : class
    {
        var found = pool.FirstOrDefault(match);
        if (found is not null) pool.Remove(found);
        return found;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
