using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Reports;

namespace Rectification.Core.Data.Configurations;

public sealed class PublicReportConfiguration : IEntityTypeConfiguration<PublicReport>
{
    public const int SlugLength = 16;

    public void Configure(EntityTypeBuilder<PublicReport> builder)
    {
        builder.Property(r => r.Slug).HasMaxLength(SlugLength).IsUnicode(false);
        builder.Property(r => r.Title).HasMaxLength(Limits.ReportTitle);
        builder.Property(r => r.PublishedTitle).HasMaxLength(Limits.ReportTitle);
        builder.Property(r => r.Opening).HasMaxLength(Limits.ReportOpening);

        // The sections and the published snapshot stay unbounded (nvarchar(max) / text): a report may run to a
        // hundred findings. Input is held to Limits.ReportSection per section.
        builder.Property(r => r.ContactPhone).HasMaxLength(Limits.ReportPhone);
        builder.Property(r => r.ContactEmail).HasMaxLength(Limits.ReportEmail);
        builder.Property(r => r.Signature).HasMaxLength(Limits.ReportSignature);
        builder.Property(r => r.PublishedByName).HasMaxLength(Limits.PersonName);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne(r => r.Inspection).WithMany().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.PublishedBy).WithMany().HasForeignKey(r => r.PublishedById).OnDelete(DeleteBehavior.Restrict);

        // One report per inspection; the slug is the public address.
        builder.HasIndex(r => r.InspectionId).IsUnique();
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.HasIndex(r => new { r.IsPublished, r.PublishedAt });
    }
}
