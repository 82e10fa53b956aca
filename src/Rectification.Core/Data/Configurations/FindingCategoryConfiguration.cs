using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Inspections;

namespace Rectification.Core.Data.Configurations;

public sealed class FindingCategoryConfiguration : IEntityTypeConfiguration<FindingCategory>
{
    public void Configure(EntityTypeBuilder<FindingCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.CategoryName);
        builder.HasOne(c => c.Inspection).WithMany(i => i.Categories).HasForeignKey(c => c.InspectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.InspectionId, c.Ordinal });
    }
}
