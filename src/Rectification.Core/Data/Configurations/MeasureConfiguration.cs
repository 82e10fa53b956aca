using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Findings;

namespace Rectification.Core.Data.Configurations;

public sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> builder)
    {
        builder.Property(m => m.Description).HasMaxLength(Limits.MeasureDescription);
        builder.HasOne(m => m.Finding).WithMany(f => f.Measures).HasForeignKey(m => m.FindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Owner).WithMany().HasForeignKey(m => m.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.FindingId, m.Ordinal });
    }
}
