using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(8000);
        b.Property(x => x.Location).HasMaxLength(300);
        b.Property(x => x.Minutes).HasMaxLength(16000);
        b.Property(x => x.CancellationReason).HasMaxLength(Event.CancellationReasonMaxLength);
        b.Property(x => x.CalendarUid).HasMaxLength(100);
        b.HasIndex(x => x.CalendarUid).IsUnique();
        b.Property(x => x.CheckInCode).HasMaxLength(12);
        b.HasIndex(x => x.CheckInCode).IsUnique();
        b.HasIndex(x => new { x.MunicipalityId, x.StartsAtUtc });
        // The invitation mail job polls for the few events that owe mail; without this it read every event each time.
        b.HasIndex(x => x.MailOwedSinceUtc).HasFilter("\"MailOwedSinceUtc\" IS NOT NULL");
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Municipality).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Pledge).WithMany().OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Invitations).WithOne(x => x.Event).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Stops).WithOne(x => x.Event).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.WalkEventId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Event>().WithMany().HasForeignKey(x => x.PreviousWalkId).OnDelete(DeleteBehavior.SetNull);
    }
}
