using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Reports;

namespace Rectification.Core.Data.Configurations;

public sealed class PublicReportConfiguration : IEntityTypeConfiguration<PublicReport>
{
    public const int SlugLength = 16;
    public const int TitleLength = 200;
    public const int OpeningLength = 2000;

    /// <summary>Each section's limit: ten times the reference report's section 二, whose text is about 9,000 characters.</summary>
    public const int SectionLength = 100_000;
    public const int PhoneLength = 50;
    public const int EmailLength = 100;
    public const int SignatureLength = 100;

    public void Configure(EntityTypeBuilder<PublicReport> builder)
    {
        builder.Property(r => r.Slug).HasMaxLength(SlugLength).IsUnicode(false);
        builder.Property(r => r.Title).HasMaxLength(TitleLength);
        builder.Property(r => r.PublishedTitle).HasMaxLength(TitleLength);
        builder.Property(r => r.Opening).HasMaxLength(OpeningLength);

        // The sections and the published snapshot stay unbounded (nvarchar(max) / text): a report may run to a
        // hundred findings. Input is held to SectionLength per section.
        builder.Property(r => r.ContactPhone).HasMaxLength(PhoneLength);
        builder.Property(r => r.ContactEmail).HasMaxLength(EmailLength);
        builder.Property(r => r.Signature).HasMaxLength(SignatureLength);
        builder.Property(r => r.PublishedByName).HasMaxLength(50);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne(r => r.Inspection).WithMany().HasForeignKey(r => r.InspectionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.PublishedBy).WithMany().HasForeignKey(r => r.PublishedById).OnDelete(DeleteBehavior.Restrict);

        // One report per inspection; the slug is the public address.
        builder.HasIndex(r => r.InspectionId).IsUnique();
        builder.HasIndex(r => r.Slug).IsUnique();
        builder.HasIndex(r => new { r.IsPublished, r.PublishedAt });
    }
}
