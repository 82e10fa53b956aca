using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Visits;

namespace Rectification.Core.Data.Configurations;

public sealed class SiteVisitConfiguration : IEntityTypeConfiguration<SiteVisit>
{
    public void Configure(EntityTypeBuilder<SiteVisit> builder)
    {
        builder.Property(v => v.Team).HasMaxLength(Limits.VisitTeam);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasOne(v => v.Inspection).WithMany().HasForeignKey(v => v.InspectionId).OnDelete(DeleteBehavior.Restrict);
        // An inspection's visits are listed by date.
        builder.HasIndex(v => new { v.InspectionId, v.VisitedOn });
    }
}
