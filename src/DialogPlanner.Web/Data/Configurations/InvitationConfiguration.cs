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
        b.HasIndex(x => new { x.NormalizedEmail, x.EventId }).IsUnique();
        b.HasOne(x => x.Contact).WithMany().OnDelete(DeleteBehavior.SetNull);
    }
}
