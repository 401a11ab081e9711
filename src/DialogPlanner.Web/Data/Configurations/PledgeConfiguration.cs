using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> b)
    {
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.Notes).HasMaxLength(4000);
    }
}
