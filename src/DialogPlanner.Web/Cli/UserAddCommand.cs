using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Cli;

public sealed record UserAddCommand(
    string Email, string Role, string? Password, string? Organisation, string? Municipality, string? Name) : CliCommand
{
    private static readonly HashSet<string> Known = ["email", "role", "password", "organisation", "municipality", "name"];

    public static CliCommand? ParseArguments(string[] args, TextWriter output)
    {
        var o = ParseOptions(args, Known, output);
        if (o is null) return null;
        if (!o.TryGetValue("email", out var email) || !o.TryGetValue("role", out var role))
        {
            output.WriteLine("user add needs --email and --role.");
            return null;
        }
        var canonical = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            output.WriteLine($"Unknown role '{role}': use one of {string.Join(", ", Roles.All)}.");
            return null;
        }
        return new UserAddCommand(email, canonical, o.GetValueOrDefault("password"), o.GetValueOrDefault("organisation"),
            o.GetValueOrDefault("municipality"), o.GetValueOrDefault("name"));
    }

    public override async Task<int> RunAsync(IServiceProvider services)
    {
        using var audited = AuditActor.CommandLine();
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        await sp.GetRequiredService<AdminBootstrap>().EnsureRolesAsync();

        int? organisationId = null;
        if (Organisation is not null)
        {
            var matches = await db.Organisations.Where(x => x.Name == Organisation).Select(x => x.Id).ToListAsync();
            if (matches.Count != 1)
                return Fail(matches.Count == 0 ? $"No organisation named '{Organisation}'." : $"Several organisations are named '{Organisation}'.");
            organisationId = matches[0];
        }
        else if (Role == Roles.TaskOwner)
        {
            return Fail("A TaskOwner acts for an organisation: add --organisation NAME.");
        }

        var municipality = Municipality is null ? null : await db.Municipalities.SingleOrDefaultAsync(m => m.Name == Municipality || m.Slug == Municipality);
        if (Municipality is not null && municipality is null) return Fail($"No municipality named '{Municipality}'.");
        if (Role == Roles.Organiser && municipality is null)
            return Fail("An Organiser works for a municipality: add --municipality NAME.");

        var password = Password ?? AdminBootstrap.GeneratePassword();
        var errors = await AdminBootstrap.CreateUserAsync(sp.GetRequiredService<UserManager<AppUser>>(), Email, password, Role, Name,
            user =>
            {
                user.OrganisationId = organisationId;
                if (municipality is not null)
                {
                    db.Attach(municipality);
                    user.Municipalities.Add(municipality);
                }
            });
        if (errors is not null) return Fail(errors);
        Console.WriteLine($"Created {Role} {Email}.");
        if (Password is null) Console.WriteLine($"Password (shown this once): {password}");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
