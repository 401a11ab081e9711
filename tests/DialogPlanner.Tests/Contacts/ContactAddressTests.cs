using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Contacts;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Contacts;

/// <summary>One contact per address and municipality, whatever the case the address is typed in.</summary>
public sealed class ContactAddressTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSameAddressInAnotherCase_IsRefused_ByTheFormAndByTheDatabase(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Dictionary<string, string> Form(int municipalityId, string name, string email) =>
            new() { ["MunicipalityId"] = municipalityId.ToString(), ["Name"] = name, ["Email"] = email, ["Language"] = "sv" };

        await client.PostFormAsync("/contacts/new", Form(ljungby.Id, "Maria Bergström", "Maria.Bergstrom@Bostader.example"), "/contacts/new");
        var again = await client.PostFormAsync("/contacts/new", Form(ljungby.Id, "Maria B", "maria.bergstrom@bostader.EXAMPLE"), "/contacts/new");
        // Another municipality keeps its own contacts.
        await client.PostFormAsync("/contacts/new", Form(alvesta.Id, "Maria Bergström", "maria.bergstrom@bostader.example"), "/contacts/new");

        Assert.Contains("Det finns redan en kontakt med den e-postadressen.", (await again.ReadDocumentAsync()).QuerySelector("#Email-error")!.TextContent);
        await using var db = app.CreateDbContext();
        var saved = await db.Contacts.OrderBy(c => c.MunicipalityId).ToListAsync();
        Assert.Equal([(ljungby.Id, "Maria.Bergstrom@Bostader.example"), (alvesta.Id, "maria.bergstrom@bostader.example")], saved.Select(c => (c.MunicipalityId, c.Email)));
        Assert.All(saved, c => Assert.Equal("maria.bergstrom@bostader.example", c.NormalizedEmail));

        // The rule holds below the form too: the unique index is on the normalised address.
        db.Contacts.Add(new Contact { MunicipalityId = ljungby.Id, Name = "Dubblett", Email = "MARIA.BERGSTROM@BOSTADER.EXAMPLE" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task AnAddressMailCannotReach_IsRefused()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync("/contacts/new", new()
        {
            ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "Anna", ["Email"] = "Anna <anna@localhost>", ["Language"] = "sv",
        });

        Assert.Contains("giltig e-postadress", (await response.ReadDocumentAsync()).QuerySelector("#Email-error")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Contacts.CountAsync());
    }
}
