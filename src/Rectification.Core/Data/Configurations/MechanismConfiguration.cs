using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Mechanisms;

namespace Rectification.Core.Data.Configurations;

public sealed class MechanismConfiguration : IEntityTypeConfiguration<Mechanism>
{
    public const int TitleLength = 200;
    public const int DocumentNumberLength = 100;
    public const int SummaryLength = 4000;

    public void Configure(EntityTypeBuilder<Mechanism> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(TitleLength);
        builder.Property(m => m.DocumentNumber).HasMaxLength(DocumentNumberLength);
        builder.Property(m => m.Summary).HasMaxLength(SummaryLength);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne(m => m.Inspection).WithMany().HasForeignKey(m => m.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.IssuingUnit).WithMany().HasForeignKey(m => m.IssuingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.InspectionId, m.IssueDate });
        builder.HasIndex(m => m.IssuingUnitId);
    }
}
