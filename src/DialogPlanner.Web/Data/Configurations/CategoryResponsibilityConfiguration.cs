using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class CategoryResponsibilityConfiguration : IEntityTypeConfiguration<CategoryResponsibility>
{
    public void Configure(EntityTypeBuilder<CategoryResponsibility> b)
    {
        b.HasIndex(x => new { x.MunicipalityId, x.Category }).IsUnique();
        b.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Organisation).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
