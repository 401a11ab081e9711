using DialogPlanner.Web.Features.Municipalities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> b)
    {
        b.Property(x => x.Name).HasMaxLength(Municipality.NameMaxLength);
        b.Property(x => x.Slug).HasMaxLength(Municipality.SlugMaxLength);
        b.Property(x => x.PublicIntroduction).HasMaxLength(Municipality.IntroductionMaxLength);
        b.Property(x => x.ContactEmail).HasMaxLength(254);
        b.Property(x => x.PrivacyNotice).HasMaxLength(Municipality.PrivacyNoticeMaxLength);
        b.HasIndex(x => x.Slug).IsUnique();
        b.HasIndex(x => x.Name).IsUnique();
    }
}
