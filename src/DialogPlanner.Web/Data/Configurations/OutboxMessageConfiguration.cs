using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(x => x.ToAddress).HasMaxLength(254);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.Property(x => x.ClaimedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
        b.HasIndex(x => x.InvitationId);
    }
}
