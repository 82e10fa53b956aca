using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Findings;

namespace Rectification.Core.Data.Configurations;

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.AnswerNote).HasMaxLength(Limits.TimelineComment);
        builder.Property(f => f.ReviewComment).HasMaxLength(Limits.TimelineComment);
        builder.HasOne(f => f.Finding).WithMany(f => f.FollowUps).HasForeignKey(f => f.FindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.AnsweredBy).WithMany().HasForeignKey(f => f.AnsweredById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.ReviewedBy).WithMany().HasForeignKey(f => f.ReviewedById).OnDelete(DeleteBehavior.Restrict);

        // The 回头看 list, the dashboard's counts and the reminder job: open ones by due day.
        builder.HasIndex(f => new { f.Status, f.DueOn });
        builder.HasIndex(f => new { f.FindingId, f.DueOn }).IsUnique();
    }
}
