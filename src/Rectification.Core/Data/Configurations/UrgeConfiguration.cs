using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Urging;

namespace Rectification.Core.Data.Configurations;

public sealed class UrgeConfiguration : IEntityTypeConfiguration<Urge>
{
    public void Configure(EntityTypeBuilder<Urge> builder)
    {
        builder.Property(u => u.Message).HasMaxLength(Limits.UrgeMessage);
        builder.Property(u => u.CreatedByName).HasMaxLength(Limits.PersonName);
        builder.Property(u => u.AcknowledgedByName).HasMaxLength(Limits.PersonName);
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Finding).WithMany().HasForeignKey(u => u.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.UnitId, u.AcknowledgedAt });
        builder.HasIndex(u => u.FindingId);
    }
}
