using DialogPlanner.Web;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>Builders for the data most tests need: municipalities and users in each role.</summary>
public static partial class TestData
{
    public const string Password = "Test-password-1";

    public static async Task<Municipality> AddMunicipalityAsync(this AppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        var municipality = Municipality(name);
        db.Municipalities.Add(municipality);
        await db.SaveChangesAsync();
        return municipality;
    }

    public static async Task<Organisation> AddOrganisationAsync(this AppFactory app, int municipalityId, string name)
    {
        await using var db = app.CreateDbContext();
        var organisation = Organisation(municipalityId, name);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    /// <summary>Creates a user in a role; an Organiser is made a member of the given municipality.</summary>
    public static async Task<string> AddUserAsync(this AppFactory app, string email, string role, int? municipalityId = null, int? organisationId = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var municipality = municipalityId is null ? null : await db.Municipalities.SingleAsync(m => m.Id == municipalityId);
        var errors = await AdminBootstrap.CreateUserAsync(users, email, Password, role, null, u =>
        {
            u.OrganisationId = organisationId;
            if (municipality is not null) u.Municipalities.Add(municipality);
        });
        if (errors is not null) throw new InvalidOperationException(errors);
        return email;
    }

    public static DateTime Stockholm(int year, int month, int day, int hour, int minute = 0) =>
        StockholmTime.ToUtc(new DateTime(year, month, day, hour, minute, 0));
}
