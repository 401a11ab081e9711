using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class CitizenPromiseConfiguration : IEntityTypeConfiguration<CitizenPromise>
{
    public void Configure(EntityTypeBuilder<CitizenPromise> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Introduction).HasMaxLength(4000);
        b.HasIndex(x => new { x.MunicipalityId, x.Year }).IsUnique();
        b.HasMany(x => x.FocusAreas).WithOne(x => x.CitizenPromise).OnDelete(DeleteBehavior.Cascade);
    }
}
