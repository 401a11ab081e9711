using System.Security.Cryptography;
using DialogPlanner.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>Creates the roles and, on first start with no users, the first administrator.</summary>
public sealed class AdminBootstrap(
    AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IConfiguration config, IHostEnvironment env, ILogger<AdminBootstrap> log)
{
    public const string DemoAdminEmail = "admin@dialogplanner.local";

    /// <summary>
    /// Creates the missing roles. Instances started together on one empty database race here: a role another
    /// instance created in the meantime (a unique-index violation) is what was wanted, so it is not an error.
    /// </summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            try
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
            catch (DbUpdateException)
            {
                if (!await RoleSavedElsewhereAsync(role)) throw;
            }
        }
    }

    private async Task<bool> RoleSavedElsewhereAsync(string role)
    {
        db.ChangeTracker.Clear();
        return await db.Roles.AsNoTracking().AnyAsync(r => r.NormalizedName == role.ToUpperInvariant());
    }

    public async Task EnsureAdministratorAsync(CancellationToken ct)
    {
        await EnsureRolesAsync();

        if (await db.Users.AnyAsync(ct)) return;

        var email = config["Admin:Email"];
        var password = config["Admin:Password"];
        var printPassword = false;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            if (!env.IsDevelopment())
            {
                log.LogWarning("No users and no Admin:Email/Admin:Password set. Create the first administrator with " +
                               "'dotnet DialogPlanner.Web.dll user add --email ADDRESS --role Administrator'.");
                return;
            }
            email = DemoAdminEmail;
            password = GeneratePassword();
            printPassword = true;
        }

        var errors = await CreateUserAsync(users, email, password, Roles.Administrator, "Administratör");
        if (errors is not null)
            throw new InvalidOperationException($"Could not create the administrator {email}: {errors}");
        if (printPassword)
        {
            // Printed once, to the console only: it is not logged anywhere that is kept.
            Console.WriteLine();
            Console.WriteLine("  Demo administrator created (Development only):");
            Console.WriteLine($"    e-post/e-mail:      {email}");
            Console.WriteLine($"    lösenord/password:  {password}");
            Console.WriteLine("  The password is shown this once.");
            Console.WriteLine();
        }
        else
        {
            // By id: logs name nobody by address.
            log.LogInformation("Administrator {UserId} created from configuration.", (await users.FindByEmailAsync(email))?.Id);
        }
    }

    /// <summary>Creates a confirmed user in one role; returns the errors joined, or null on success.</summary>
    public static async Task<string?> CreateUserAsync(
        UserManager<AppUser> users, string email, string password, string role, string? displayName,
        Action<AppUser>? configure = null)
    {
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        configure?.Invoke(user);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return string.Join(" ", created.Errors.Select(e => e.Description));
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? null : string.Join(" ", added.Errors.Select(e => e.Description));
    }

    public static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y') + "7a";
}
