using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Reports;

namespace Rectification.Core.Data.Configurations;

public sealed class ReportCommentConfiguration : IEntityTypeConfiguration<ReportComment>
{
    public void Configure(EntityTypeBuilder<ReportComment> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.CommentName);
        builder.Property(c => c.Phone).HasMaxLength(Limits.CommentPhone);
        builder.Property(c => c.Content).HasMaxLength(Limits.CommentContent);
        builder.Property(c => c.Response).HasMaxLength(Limits.CommentResponse);
        builder.Property(c => c.HandledByName).HasMaxLength(Limits.PersonName);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Report).WithMany(r => r.Comments).HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.HandledBy).WithMany().HasForeignKey(c => c.HandledById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ReportId, c.Status, c.SubmittedAt });
        builder.HasIndex(c => new { c.Status, c.SubmittedAt });
    }
}
