using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Extensions;

namespace Rectification.Core.Data.Configurations;

public sealed class DeadlineExtensionConfiguration : IEntityTypeConfiguration<DeadlineExtension>
{
    public void Configure(EntityTypeBuilder<DeadlineExtension> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(Limits.ExtensionText);
        builder.Property(e => e.DecisionNote).HasMaxLength(Limits.ExtensionText);
        builder.Property(e => e.RequestedByName).HasMaxLength(Limits.PersonName);
        builder.Property(e => e.DecidedByName).HasMaxLength(Limits.PersonName);
        builder.HasOne(e => e.Finding).WithMany().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.FindingId, e.Status });
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
    }
}
