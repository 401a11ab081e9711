using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class WalkStopConfiguration : IEntityTypeConfiguration<WalkStop>
{
    public void Configure(EntityTypeBuilder<WalkStop> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.EventId, x.Order });
    }
}
