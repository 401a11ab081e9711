using System.Diagnostics;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>
/// Fills the database with years of realistic activity in several municipalities, for measuring the app at
/// scale (<c>seed-scale</c>, bench/pages.sh). The first N municipalities of <see cref="SwedishPlaces.Municipalities"/>,
/// each in one transaction; one that is already there is left alone, so a broken run can be repeated to finish.
/// Each year is written in batches of a few thousand rows without change detection, and the tracker is emptied after it.
/// Two accounts come with it: an organiser of all of them and the task owner of the first one's street department.
/// </summary>
public sealed class ScaleSeeder(AppDbContext db, UserManager<AppUser> users, AdminBootstrap bootstrap, TimeProvider clock)
{
    public const string OrganiserEmail = "samordnare@scale.example";
    public const string TaskOwnerEmail = "gata@scale.example";

    /// <param name="password">For the two accounts when they are created; null: one is generated and printed.</param>
    public async Task<ScaleCounts> SeedAsync(int municipalities, int years, int seed, string? password, TextWriter progress, CancellationToken ct = default)
    {
        var template = await DemoSeeder.LjungbyTemplateAsync(ct);
        var now = StockholmTime.Now(clock);
        // Past and coming are judged from the start of today, so that runs on one day give the same data.
        var todayUtc = StockholmTime.ToUtc(now.Date);
        var chosen = SwedishPlaces.Municipalities.Take(municipalities).ToList();
        var names = chosen.Select(m => m.Name).ToList();
        var existing = await db.Municipalities.Where(m => names.Contains(m.Name)).Select(m => m.Name).ToListAsync(ct);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var total = ScaleCounts.Zero;
        var watch = Stopwatch.StartNew();
        string? street = null;
        for (var m = 0; m < chosen.Count; m++)
        {
            if (existing.Contains(chosen[m].Name))
            {
                progress.WriteLine($"{chosen[m].Name}: already in the database, left as it is.");
                continue;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var cast = await ScaleCast.CreateAsync(db, chosen[m], ScaleRandom.For(seed, m), ct);
            db.ChangeTracker.Clear();
            street ??= cast.Street.Name;
            progress.WriteLine($"{cast.Place.Name}: {cast.Contacts.Count} contacts");
            for (var year = now.Year - years + 1; year <= now.Year; year++)
            {
                var part = Stopwatch.StartNew();
                var counts = await new ScaleYear(db, cast, template, seed, m, year, todayUtc).WriteAsync(ct);
                total += counts;
                progress.WriteLine($"  {cast.Place.Name} {year}: {counts.Events} events, {counts.Invitations} invitations, {counts.Findings} findings, " +
                                   $"{counts.Tasks} tasks, {counts.Outbox} mails; {counts.Rows} rows in {part.Elapsed.TotalSeconds:0.0} s " +
                                   $"({counts.Rows / part.Elapsed.TotalSeconds:0} rows/s)");
            }
            await transaction.CommitAsync(ct);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await AddAccountsAsync(names, street, password, progress, ct);
        progress.WriteLine($"Done: {total.Events} events, {total.Invitations} invitations, {total.Findings} findings, {total.Tasks} tasks, " +
                           $"{total.Outbox} mails; {total.Rows} rows in {watch.Elapsed.TotalSeconds:0} s ({total.Rows / watch.Elapsed.TotalSeconds:0} rows/s).");
        return total;
    }

    private async Task AddAccountsAsync(List<string> names, string? streetOrganisation, string? password, TextWriter progress, CancellationToken ct)
    {
        await bootstrap.EnsureRolesAsync();
        var municipalities = await db.Municipalities.Where(m => names.Contains(m.Name)).ToListAsync(ct);
        var generated = password is null ? AdminBootstrap.GeneratePassword() : null;
        var created = false;
        var organiser = await db.Users.Include(u => u.Municipalities).SingleOrDefaultAsync(u => u.Email == OrganiserEmail, ct);
        if (organiser is null)
        {
            await Created(AdminBootstrap.CreateUserAsync(users, OrganiserEmail, password ?? generated!, Roles.Organiser, "Samordnare i regionen",
                u => u.Municipalities.AddRange(municipalities)));
            progress.WriteLine($"Organiser {OrganiserEmail} created, for {string.Join(", ", names)}.");
            created = true;
        }
        else
        {
            organiser.Municipalities.AddRange(municipalities.Where(m => !organiser.Municipalities.Contains(m)));
            await db.SaveChangesAsync(ct);
        }

        var organisationId = await db.Organisations.Where(o => o.Name == streetOrganisation).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        if (organisationId is not null && !await db.Users.AnyAsync(u => u.Email == TaskOwnerEmail, ct))
        {
            await Created(AdminBootstrap.CreateUserAsync(users, TaskOwnerEmail, password ?? generated!, Roles.TaskOwner, "Arbetsledare, gatuavdelningen",
                u => u.OrganisationId = organisationId));
            progress.WriteLine($"Task owner {TaskOwnerEmail} created, for {streetOrganisation}.");
            created = true;
        }
        if (created && generated is not null) progress.WriteLine($"Password of new accounts (shown this once): {generated}");
    }

    private static async Task Created(Task<string?> creating)
    {
        if (await creating is { } errors) throw new InvalidOperationException(errors);
    }
}
