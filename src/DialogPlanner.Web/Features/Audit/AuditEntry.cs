using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// One line of the audit log: who did what to which entity, and which fields changed from what to what.
/// Append-only: <see cref="AuditTrail"/> refuses to save a change to or removal of an entry. Values of personal
/// fields (names, addresses, free text) are never stored here, only that they changed, so erasing a person
/// (GDPR) never needs to rewrite the log.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }

    /// <summary>The signed-in user who acted, or null for a token holder, a background job or the command line.</summary>
    public string? UserId { get; set; }

    /// <summary>The invitation whose personal link was used (RSVP, recorder, check-in), when that is who acted.</summary>
    public int? InvitationId { get; set; }

    /// <summary>Which municipality the entry belongs to, so organisers see their part; null for users and global settings.</summary>
    public int? MunicipalityId { get; set; }

    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>JSON object: field name to [before, after]; personal fields appear with both values masked.</summary>
    public string? Changes { get; set; }
}

public enum AuditAction
{
    Created,
    Changed,
    Deleted,
    Scheduled,
    Cancelled,
    Held,
    Published,
    Unpublished,
    InviteeRemoved,
    AnswerSet,
    Exported,
    RoleAdded,
    RoleRemoved,
    SignedIn,
    SignInFailed,
    LockedOut,
    TwoFactorFailed,
    Erased,
    Invited,
    PasswordSet,
    PasswordChanged,
    PasswordReset,
    TwoFactorEnabled,
    TwoFactorDisabled,
    Disabled,
    Enabled,
    MunicipalityAdded,
    MunicipalityRemoved,
    /// <summary>A finding approved by an organiser for the public protocol and the feedback mail.</summary>
    Approved,
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.Entity).HasMaxLength(60);
        b.Property(e => e.EntityId).HasMaxLength(100);
        // The page filters by time (newest first), by user, and by entity within a municipality.
        b.HasIndex(e => e.AtUtc);
        b.HasIndex(e => new { e.UserId, e.AtUtc });
        b.HasIndex(e => new { e.MunicipalityId, e.AtUtc });
        b.HasIndex(e => new { e.Entity, e.EntityId });
    }
}
