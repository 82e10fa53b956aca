using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Visits;

namespace Rectification.Core.Data.Configurations;

public sealed class SiteVisitResultConfiguration : IEntityTypeConfiguration<SiteVisitResult>
{
    public void Configure(EntityTypeBuilder<SiteVisitResult> builder)
    {
        builder.Property(r => r.Note).HasMaxLength(Limits.VisitNote);
        builder.HasOne(r => r.SiteVisit).WithMany(v => v.Results).HasForeignKey(r => r.SiteVisitId).OnDelete(DeleteBehavior.Cascade);
        // A finding is never deleted while the ledger holds it; Restrict keeps SQL Server free of a second cascade path.
        builder.HasOne(r => r.Finding).WithMany().HasForeignKey(r => r.FindingId).OnDelete(DeleteBehavior.Restrict);
        // One result per finding and visit; a finding's page lists its results.
        builder.HasIndex(r => new { r.SiteVisitId, r.FindingId }).IsUnique();
        builder.HasIndex(r => r.FindingId);
    }
}
