using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Evidence;

namespace Rectification.Core.Data.Configurations;

public sealed class EvidenceVersionConfiguration : IEntityTypeConfiguration<EvidenceVersion>
{
    public void Configure(EntityTypeBuilder<EvidenceVersion> builder)
    {
        builder.Property(v => v.FileName).HasMaxLength(Limits.FileName);
        builder.Property(v => v.Sha256).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.Property(v => v.UploadedByName).HasMaxLength(Limits.PersonName);
        builder.HasOne(v => v.EvidenceItem).WithMany(e => e.Versions).HasForeignKey(v => v.EvidenceItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(v => v.UploadedBy).WithMany().HasForeignKey(v => v.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.EvidenceItemId, v.Number }).IsUnique();
        // The sweep asks whether any record still refers to a stored file.
        builder.HasIndex(v => v.Sha256);
    }
}
