using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.Property(x => x.Description).HasMaxLength(2000);
        b.Property(x => x.Place).HasMaxLength(300);
        b.Property(x => x.PhotoPath).HasMaxLength(300);
        b.Property(x => x.ReportedByUserId).HasMaxLength(450);
        b.Property(x => x.NoActionReason).HasMaxLength(1000);
        b.Property(x => x.PhotoContentType).HasMaxLength(40);
        b.Property(x => x.ReviewedByUserId).HasMaxLength(450);
        b.Property(x => x.RemovedByUserId).HasMaxLength(450);
        b.HasIndex(x => new { x.EventId, x.ClientId }).IsUnique();
        // The start page counts open findings: from these few rather than from every event of ten years.
        b.HasIndex(x => new { x.Triage, x.EventId });
        b.HasOne(x => x.Event).WithMany().OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.FollowUpTask).WithMany(x => x.Findings).OnDelete(DeleteBehavior.SetNull);
    }
}
