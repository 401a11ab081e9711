using DialogPlanner.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.CalendarFeedToken).HasMaxLength(64);
        b.HasIndex(x => x.CalendarFeedToken).IsUnique();
        b.HasOne(x => x.Organisation).WithMany().OnDelete(DeleteBehavior.SetNull);
        b.Ignore(x => x.IsDisabled);
        b.Ignore(x => x.IsPendingInvitation);
        b.HasMany(x => x.Municipalities).WithMany().UsingEntity("UserMunicipalities");
    }
}
