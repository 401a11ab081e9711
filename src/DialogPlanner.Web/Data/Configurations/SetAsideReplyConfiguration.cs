using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DialogPlanner.Web.Data.Configurations;

public sealed class SetAsideReplyConfiguration : IEntityTypeConfiguration<SetAsideReply>
{
    public const int FromLength = 320;
    public const int SubjectLength = 300;
    public const int MessageIdLength = 300;
    public const int DetailLength = 500;

    public void Configure(EntityTypeBuilder<SetAsideReply> b)
    {
        b.Property(x => x.FromAddress).HasMaxLength(FromLength);
        b.Property(x => x.Subject).HasMaxLength(SubjectLength);
        b.Property(x => x.MessageId).HasMaxLength(MessageIdLength);
        b.Property(x => x.Detail).HasMaxLength(DetailLength);
        b.HasIndex(x => x.ReceivedAtUtc);
        b.HasIndex(x => x.MessageId);
        b.HasOne(x => x.Event).WithMany().OnDelete(DeleteBehavior.SetNull);
    }
}
