using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Notifications.GroupRobots;

namespace Rectification.Core.Data.Configurations;

public sealed class GroupRobotConfiguration : IEntityTypeConfiguration<GroupRobot>
{
    public void Configure(EntityTypeBuilder<GroupRobot> builder)
    {
        builder.Property(r => r.Host).HasMaxLength(253);
        // Data Protection output of an address of up to 2,000 characters, Base64 with its header.
        builder.Property(r => r.ProtectedAddress).HasMaxLength(4000);
        builder.Property(r => r.ProtectedSecret).HasMaxLength(1000);
        builder.Property(r => r.LastError).HasMaxLength(500);
        // One robot per unit.
        builder.HasIndex(r => r.UnitId).IsUnique();
        builder.HasOne(r => r.Unit).WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
