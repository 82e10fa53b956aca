using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Urging;

namespace Rectification.Core.Data.Configurations;

public sealed class UrgeConfiguration : IEntityTypeConfiguration<Urge>
{
    public const int MessageLength = 1000;

    public void Configure(EntityTypeBuilder<Urge> builder)
    {
        builder.Property(u => u.Message).HasMaxLength(MessageLength);
        builder.Property(u => u.CreatedByName).HasMaxLength(50);
        builder.Property(u => u.AcknowledgedByName).HasMaxLength(50);
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Finding).WithMany().HasForeignKey(u => u.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.UnitId, u.AcknowledgedAt });
        builder.HasIndex(u => u.FindingId);
    }
}
