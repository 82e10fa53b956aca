using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Evidence;

namespace Rectification.Core.Data.Configurations;

public sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.Property(e => e.Description).HasMaxLength(Limits.EvidenceDescription);
        builder.Property(e => e.ReviewNote).HasMaxLength(Limits.EvidenceNote);
        builder.Property(e => e.DeleteReason).HasMaxLength(Limits.EvidenceNote);
        builder.HasOne(e => e.Finding).WithMany(f => f.Evidence).HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Restrict);
        // Removing a measure unlinks its evidence in code (FindingEditor): SQL Server allows no second cascade path here.
        builder.HasOne(e => e.Measure).WithMany().HasForeignKey(e => e.MeasureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.SiteVisit).WithMany().HasForeignKey(e => e.SiteVisitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.FollowUp).WithMany().HasForeignKey(e => e.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.ReviewedBy).WithMany().HasForeignKey(e => e.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.FindingId, e.IsDeleted });
    }
}
