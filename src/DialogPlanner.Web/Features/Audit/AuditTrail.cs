using System.Runtime.CompilerServices;
using System.Text.Json;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change that a person makes, in a request, to the entities the
/// log covers, in the same transaction as the change: if the change is saved, so is its entry, and neither
/// without the other. Entries need the ids of new rows, so the entries are saved right after the change, inside a
/// transaction this interceptor opens when the caller has none. Changes made outside a request (jobs, seeding,
/// the command line) are not audited here. Entries themselves can only be added.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly Dictionary<Type, string> Covered = new()
    {
        [typeof(Event)] = "Event", [typeof(Invitation)] = "Invitation", [typeof(CitizenPromise)] = "Promise",
        [typeof(FocusArea)] = "FocusArea", [typeof(Pledge)] = "Pledge", [typeof(Finding)] = "Finding",
        [typeof(FollowUpTask)] = "Task", [typeof(Municipality)] = "Municipality", [typeof(Organisation)] = "Organisation",
        [typeof(Contact)] = "Contact", [typeof(ContactGroup)] = "ContactGroup", [typeof(WalkStop)] = "WalkStop",
        [typeof(CategoryResponsibility)] = "Responsibility", [typeof(AppUser)] = "User", [typeof(IdentityUserRole<string>)] = "UserRole",
    };

    // Shared-type entities (a many-to-many join without a class of its own), by their name in the model.
    private static readonly Dictionary<string, string> CoveredJoins = new() { ["UserMunicipalities"] = "UserMunicipality" };

    private static string? EntityName(EntityEntry entry) =>
        Covered.TryGetValue(entry.Metadata.ClrType, out var name) && !entry.Metadata.HasSharedClrType ? name
        : CoveredJoins.GetValueOrDefault(entry.Metadata.Name);

    // Bookkeeping that says nothing about what a person did.
    private static readonly HashSet<string> Ignored =
        ["Version", "CreatedAtUtc", "UpdatedAtUtc", "ConcurrencyStamp", "NormalizedEmail", "NormalizedUserName", "CalendarSequence", "SentSequence", "MailOwedSinceUtc"];

    // Personal data and secrets: the log says that they changed, never what they were.
    private static readonly HashSet<string> Personal =
        ["Name", "DisplayName", "Email", "UserName", "Phone", "PhoneNumber", "Description", "Place", "Latitude", "Longitude", "PhotoPath", "Notes",
         "Organisation"]; // what a drop-in typed at check-in: free text from a resident

    private static readonly HashSet<Type> PersonalHolders = [typeof(Contact), typeof(Invitation), typeof(AppUser), typeof(Finding)];

    private const string Masked = "•••";

    private static readonly ConditionalWeakTable<DbContext, Pending> PendingSaves = new();

    private sealed class Pending
    {
        public required List<Change> Changes { get; init; }
        public required string? UserId { get; init; }
        public required int? InvitationId { get; init; }
        public IDbContextTransaction? OwnTransaction { get; set; }
    }

    private sealed record Change(EntityEntry Entry, string Entity, AuditAction Action, Dictionary<string, string?[]> Fields, string? KeyBefore);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Begin(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
            pending.OwnTransaction = eventData.Context.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Begin(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
            pending.OwnTransaction = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is not { } context || !PendingSaves.TryGetValue(context, out var pending)) return result;
        PendingSaves.Remove(context);
        context.AddRange(Entries(context, pending));
        context.SaveChanges();
        pending.OwnTransaction?.Commit();
        pending.OwnTransaction?.Dispose();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !PendingSaves.TryGetValue(context, out var pending)) return result;
        PendingSaves.Remove(context);
        context.AddRange(Entries(context, pending));
        await context.SaveChangesAsync(cancellationToken);
        if (pending.OwnTransaction is { } own)
        {
            await own.CommitAsync(cancellationToken);
            await own.DisposeAsync();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Refuses changes to entries, and notes the audited changes of this save when a person is acting.</summary>
    private Pending? Begin(DbContext? context)
    {
        if (context is null) return null;
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit log is append-only: an entry cannot be changed or removed.");
        }
        if (PendingSaves.TryGetValue(context, out _)) return null;
        if (!AuditActor.IsActing(http.HttpContext)) return null;
        var (userId, invitationId) = AuditActor.Of(http.HttpContext);
        var changes = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && EntityName(e) is not null)
            .Select(e => Describe(e, invitationId is not null && userId is null))
            .OfType<Change>().ToList();
        if (changes.Count == 0) return null;
        var pending = new Pending { Changes = changes, UserId = userId, InvitationId = invitationId };
        PendingSaves.AddOrUpdate(context, pending);
        return pending;
    }

    /// <summary>A failed save rolls back the transaction opened for it; the caller may try again with a fresh one.</summary>
    private static void Abandon(DbContext? context)
    {
        if (context is null || !PendingSaves.TryGetValue(context, out var pending)) return;
        PendingSaves.Remove(context);
        pending.OwnTransaction?.Dispose();
    }

    private static Change? Describe(EntityEntry entry, bool byTokenHolder)
    {
        var personal = PersonalHolders.Contains(entry.Metadata.ClrType);
        var fields = new Dictionary<string, string?[]>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Ignored.Contains(name) || property.Metadata.IsPrimaryKey() && entry.State != EntityState.Deleted) continue;
            object? before = entry.State == EntityState.Added ? null : property.OriginalValue;
            object? after = entry.State == EntityState.Deleted ? null : property.CurrentValue;
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(before, after))) continue;
            if (entry.State == EntityState.Added && after is null) continue;
            if (entry.State == EntityState.Deleted) continue;
            var secret = name.Contains("Token") || name.Contains("Password") || name.Contains("Stamp") || personal && Personal.Contains(name);
            fields[name] = secret ? [before is null ? null : Masked, after is null ? null : Masked] : [Text(before), Text(after)];
        }
        if (entry.State == EntityState.Modified && fields.Count == 0) return null;
        var membership = entry.Metadata.HasSharedClrType;
        var action = entry.State switch
        {
            EntityState.Added => entry.Entity is IdentityUserRole<string> ? AuditAction.RoleAdded : membership ? AuditAction.MunicipalityAdded : AuditAction.Created,
            EntityState.Deleted => entry.Entity is IdentityUserRole<string> ? AuditAction.RoleRemoved : membership ? AuditAction.MunicipalityRemoved : AuditAction.Deleted,
            _ => ActionOf(entry.Entity, fields, byTokenHolder),
        };
        return new Change(entry, EntityName(entry)!, action, fields, entry.State == EntityState.Added ? null : Key(entry));
    }

    /// <summary>The changes people look for by name: a cancelled event, a published protocol, an answer set by the organiser.</summary>
    private static AuditAction ActionOf(object entity, Dictionary<string, string?[]> fields, bool byTokenHolder) => entity switch
    {
        Event when fields.TryGetValue(nameof(Event.Status), out var s) => s[1] switch
        {
            nameof(EventStatus.Cancelled) => AuditAction.Cancelled,
            nameof(EventStatus.Held) => AuditAction.Held,
            nameof(EventStatus.Scheduled) => AuditAction.Scheduled,
            _ => AuditAction.Changed,
        },
        Event when fields.TryGetValue(nameof(Event.ProtocolPublishedAtUtc), out var p) => p[1] is null ? AuditAction.Unpublished : AuditAction.Published,
        CitizenPromise when fields.TryGetValue(nameof(CitizenPromise.PublishedAtUtc), out var p) => p[1] is null ? AuditAction.Unpublished : AuditAction.Published,
        AppUser when fields.TryGetValue(nameof(AppUser.DisabledAtUtc), out var d) => d[1] is null ? AuditAction.Enabled : AuditAction.Disabled,
        AppUser when fields.TryGetValue(nameof(AppUser.TwoFactorEnabled), out var f) => f[1] == bool.TrueString ? AuditAction.TwoFactorEnabled : AuditAction.TwoFactorDisabled,
        AppUser when fields.ContainsKey(nameof(AppUser.PasswordHash)) => AuditAction.PasswordChanged,
        Finding when fields.TryGetValue(nameof(Finding.RemovedAtUtc), out var r) && r[1] is not null => AuditAction.Deleted,
        Finding when fields.TryGetValue(nameof(Finding.ReviewedAtUtc), out var v) && v[1] is not null => AuditAction.Approved,
        Invitation when fields.TryGetValue(nameof(Invitation.RemovedAtUtc), out var r) && r[1] is not null => AuditAction.InviteeRemoved,
        Invitation when fields.ContainsKey(nameof(Invitation.Rsvp)) && !byTokenHolder => AuditAction.AnswerSet,
        _ => AuditAction.Changed,
    };

    private List<AuditEntry> Entries(DbContext context, Pending pending)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var municipalities = new MunicipalityOf(context, pending.Changes.Select(c => c.Entry));
        var roleNames = RoleNames(context, pending.Changes);
        return pending.Changes.Select(c =>
        {
            if (c.Entry.Entity is IdentityUserRole<string> link && roleNames.TryGetValue(link.RoleId, out var role))
                c.Fields["Role"] = c.Action == AuditAction.RoleAdded ? [null, role] : [role, null];
            return new AuditEntry
            {
                AtUtc = now, UserId = pending.UserId, InvitationId = pending.InvitationId ?? AuditActor.CheckingIn(http.HttpContext)?.Id,
                MunicipalityId = municipalities.Of(c.Entry), Entity = c.Entity, EntityId = c.KeyBefore ?? Key(c.Entry), Action = c.Action,
                Changes = c.Fields.Count == 0 ? null : JsonSerializer.Serialize(c.Fields),
            };
        }).ToList();
    }

    private static Dictionary<string, string> RoleNames(DbContext context, List<Change> changes)
    {
        var ids = changes.Select(c => c.Entry.Entity).OfType<IdentityUserRole<string>>().Select(l => l.RoleId).Distinct().ToList();
        if (ids.Count == 0) return [];
        return context.Set<IdentityRole>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id, r => r.Name ?? r.Id);
    }

    private static string Key(EntityEntry entry) =>
        string.Join(":", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
