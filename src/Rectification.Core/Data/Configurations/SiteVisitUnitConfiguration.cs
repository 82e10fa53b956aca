using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Visits;

namespace Rectification.Core.Data.Configurations;

public sealed class SiteVisitUnitConfiguration : IEntityTypeConfiguration<SiteVisitUnit>
{
    public void Configure(EntityTypeBuilder<SiteVisitUnit> builder)
    {
        builder.HasKey(u => new { u.SiteVisitId, u.UnitId });
        builder.HasOne(u => u.SiteVisit).WithMany(v => v.Units).HasForeignKey(u => u.SiteVisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.UnitId);
    }
}
