using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Extensions;

namespace Rectification.Core.Data.Configurations;

public sealed class DeadlineExtensionConfiguration : IEntityTypeConfiguration<DeadlineExtension>
{
    public const int TextLength = 1000;

    public void Configure(EntityTypeBuilder<DeadlineExtension> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(TextLength);
        builder.Property(e => e.DecisionNote).HasMaxLength(TextLength);
        builder.Property(e => e.RequestedByName).HasMaxLength(50);
        builder.Property(e => e.DecidedByName).HasMaxLength(50);
        builder.HasOne(e => e.Finding).WithMany().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.FindingId, e.Status });
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
    }
}
