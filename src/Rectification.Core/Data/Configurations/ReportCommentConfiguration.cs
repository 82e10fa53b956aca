using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Reports;

namespace Rectification.Core.Data.Configurations;

public sealed class ReportCommentConfiguration : IEntityTypeConfiguration<ReportComment>
{
    public const int NameLength = 50;
    public const int PhoneLength = 30;
    public const int ContentLength = 1000;
    public const int ResponseLength = 2000;

    public void Configure(EntityTypeBuilder<ReportComment> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(NameLength);
        builder.Property(c => c.Phone).HasMaxLength(PhoneLength);
        builder.Property(c => c.Content).HasMaxLength(ContentLength);
        builder.Property(c => c.Response).HasMaxLength(ResponseLength);
        builder.Property(c => c.HandledByName).HasMaxLength(50);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Report).WithMany(r => r.Comments).HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.HandledBy).WithMany().HasForeignKey(c => c.HandledById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ReportId, c.Status, c.SubmittedAt });
        builder.HasIndex(c => new { c.Status, c.SubmittedAt });
    }
}
