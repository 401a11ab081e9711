using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.Token).HasMaxLength(64);
        b.HasIndex(x => x.Token).IsUnique();
        b.Property(x => x.NormalizedEmail).HasMaxLength(254);
        // One invitation per person and event, whatever the case of the address; also finds a person's invitations.
        // Drop-ins who checked in without an address share the empty one: only real addresses are unique.
        b.HasIndex(x => new { x.NormalizedEmail, x.EventId }).IsUnique().HasFilter("\"NormalizedEmail\" <> ''");
        b.Property(x => x.Organisation).HasMaxLength(200);
        b.HasOne(x => x.Contact).WithMany().OnDelete(DeleteBehavior.SetNull);
    }
}
