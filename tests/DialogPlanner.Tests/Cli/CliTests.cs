using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Cli;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Cli;

public sealed class CliTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("migrate", "--now")]
    [InlineData("user", "add", "--email", "a@b.example")]
    [InlineData("user", "add", "--email", "a@b.example", "--role", "Boss")]
    [InlineData("user", "add", "--email", "a@b.example", "--role", "Organiser", "--colour", "red")]
    [InlineData("user", "remove")]
    public void BadArguments_PrintUsage_AndAreInvalid(params string[] args)
    {
        var output = new StringWriter();
        var command = CliCommand.Parse(args, output);
        Assert.IsType<CliCommand.Invalid>(command);
        Assert.Contains("Usage:", output.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--urls", "http://localhost:5999")]
    public void HostArguments_StartTheWebApp(params string[] args) => Assert.Null(CliCommand.Parse(args, TextWriter.Null));

    [Fact]
    public void UserAdd_ParsesAllOptions()
    {
        var command = CliCommand.Parse(["user", "add", "--email", "g@ljungby.example", "--role", "taskowner", "--organisation", "Gatuavdelningen"], TextWriter.Null);
        Assert.Equal(new UserAddCommand("g@ljungby.example", Roles.TaskOwner, null, "Gatuavdelningen", null, null), command);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task UserAdd_TaskOwner_IsBoundToTheOrganisation(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");

        var code = await new UserAddCommand("gata@ljungby.example", Roles.TaskOwner, "Gata-password-1", "Gatuavdelningen", null, null).RunAsync(app.Services);
        var missingOrganisation = await new UserAddCommand("x@ljungby.example", Roles.TaskOwner, null, null, null, null).RunAsync(app.Services);
        var unknownMunicipality = await new UserAddCommand("y@ljungby.example", Roles.Organiser, null, null, "Atlantis", null).RunAsync(app.Services);

        Assert.Equal((0, 1, 1), (code, missingOrganisation, unknownMunicipality));
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.Users.SingleAsync(u => u.Email == "gata@ljungby.example");
        Assert.Equal(street.Id, user.OrganisationId);
        Assert.True(await users.IsInRoleAsync(user, Roles.TaskOwner));
        Assert.Equal(2, await users.Users.CountAsync()); // the administrator and the task owner, nobody else
        await app.SignInAsync("gata@ljungby.example", "Gata-password-1");
    }

    [Fact]
    public async Task SeedDemo_AddsLjungbyOnce()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        Assert.Equal(0, await new SeedDemoCommand().RunAsync(app.Services));
        Assert.Equal(0, await new SeedDemoCommand().RunAsync(app.Services));

        await using var db = app.CreateDbContext();
        Assert.Equal("Ljungby", (await db.Municipalities.SingleAsync()).Name);
        Assert.Equal(8, await db.Organisations.CountAsync());
        Assert.Contains(await db.ContactGroups.Select(g => g.Name).ToListAsync(), n => n == "Grannsamverkan Lagan");
        Assert.True(await db.Events.CountAsync() >= 3);
        var promise = await db.CitizenPromises.Include(p => p.FocusAreas).ThenInclude(f => f.Pledges).SingleAsync();
        Assert.Equal((6, 21), (promise.FocusAreas.Count, promise.FocusAreas.Sum(f => f.Pledges.Count)));
        Assert.Equal(DialogPlanner.Web.StockholmTime.Now(TimeProvider.System).Year, promise.Year);
        Assert.True(await db.Events.CountAsync(e => e.PledgeId != null && e.Pledge!.EventType == e.Type) >= 3);
    }

    [Fact]
    public async Task FirstStart_CreatesTheAdministratorFromConfiguration()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(AppFactory.AdminEmail);
        Assert.True(await users.IsInRoleAsync(admin!, Roles.Administrator));
        Assert.True(admin!.LockoutEnabled);
    }
}
