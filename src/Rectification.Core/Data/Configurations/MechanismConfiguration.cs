using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Mechanisms;

namespace Rectification.Core.Data.Configurations;

public sealed class MechanismConfiguration : IEntityTypeConfiguration<Mechanism>
{
    public void Configure(EntityTypeBuilder<Mechanism> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(Limits.MechanismTitle);
        builder.Property(m => m.DocumentNumber).HasMaxLength(Limits.DocumentNumber);
        builder.Property(m => m.Summary).HasMaxLength(Limits.MechanismSummary);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne(m => m.Inspection).WithMany().HasForeignKey(m => m.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.IssuingUnit).WithMany().HasForeignKey(m => m.IssuingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.InspectionId, m.IssueDate });
        builder.HasIndex(m => m.IssuingUnitId);
    }
}
