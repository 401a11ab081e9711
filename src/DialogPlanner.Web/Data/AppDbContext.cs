using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DialogPlanner.Web.Data;

/// <summary>
/// The one context for Identity and application data. Each database provider has a thin subclass
/// (<see cref="SqliteDbContext"/>, <see cref="PostgresDbContext"/>) only so that each keeps its
/// own migrations; application code always asks for this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<CitizenPromise> CitizenPromises => Set<CitizenPromise>();
    public DbSet<FocusArea> FocusAreas => Set<FocusArea>();
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactGroup> ContactGroups => Set<ContactGroup>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WalkStop> WalkStops => Set<WalkStop>();
    public DbSet<CategoryResponsibility> CategoryResponsibilities => Set<CategoryResponsibility>();
    public DbSet<TaskHistoryEntry> TaskHistory => Set<TaskHistoryEntry>();
    public DbSet<SetAsideReply> SetAsideReplies => Set<SetAsideReply>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Jobs.JobLease> JobLeases => Set<Jobs.JobLease>();
    /// <summary>The keys that protect sign-in cookies and form tokens, shared by every instance (docs/decisions/0014).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC. SQLite hands values back as Unspecified; mark them so that
        // conversion to Europe/Stockholm for display is always right.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
        // Enums as text: readable in the database and safe when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options);

public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);
