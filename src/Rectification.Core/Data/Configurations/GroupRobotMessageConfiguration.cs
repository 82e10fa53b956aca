using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Notifications.GroupRobots;

namespace Rectification.Core.Data.Configurations;

public sealed class GroupRobotMessageConfiguration : IEntityTypeConfiguration<GroupRobotMessage>
{
    public void Configure(EntityTypeBuilder<GroupRobotMessage> builder)
    {
        builder.Property(m => m.Error).HasMaxLength(500);
        // A notification goes to a robot once.
        builder.HasIndex(m => new { m.GroupRobotId, m.NotificationId }).IsUnique();
        builder.HasIndex(m => m.NotificationId);
        // The outbox looks for messages still to send.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.HasOne(m => m.GroupRobot).WithMany().HasForeignKey(m => m.GroupRobotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Notification).WithMany().HasForeignKey(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}
