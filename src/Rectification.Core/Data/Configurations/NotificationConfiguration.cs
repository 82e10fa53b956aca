using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Notifications;

namespace Rectification.Core.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Subject).HasMaxLength(200);
        builder.Property(n => n.Detail).HasMaxLength(2000);
        builder.Property(n => n.EmailError).HasMaxLength(500);
        builder.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.Finding).WithMany().HasForeignKey(n => n.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        // The outbox looks for e-mails still to send.
        builder.HasIndex(n => new { n.EmailWanted, n.EmailSentAt, n.EmailClaimedAt });
    }
}
