using DialogPlanner.Web.Features.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Language).HasMaxLength(5);
        b.Property(x => x.NormalizedEmail).HasMaxLength(254);
        b.HasIndex(x => new { x.MunicipalityId, x.NormalizedEmail }).IsUnique();
        b.HasOne(x => x.Municipality).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Organisation).WithMany().OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Groups).WithMany(x => x.Contacts).UsingEntity("ContactGroupMembers");
    }
}
