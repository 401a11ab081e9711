using DialogPlanner.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.AssignedPerson).HasMaxLength(200);
        b.Property(x => x.Resolution).HasMaxLength(4000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.AfterPhotoPath).HasMaxLength(300);
        b.Property(x => x.AfterPhotoContentType).HasMaxLength(40);
        b.HasMany(x => x.History).WithOne(x => x.FollowUpTask).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ResponsibleOrganisationId, x.DueDate });
        // The organiser's board and the start page ask for a municipality's open (or overdue) tasks by due date.
        b.HasIndex(x => new { x.MunicipalityId, x.Status, x.DueDate });
        b.HasOne(x => x.Municipality).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ResponsibleOrganisation).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}
