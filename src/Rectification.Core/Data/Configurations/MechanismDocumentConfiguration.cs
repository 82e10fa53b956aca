using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Mechanisms;

namespace Rectification.Core.Data.Configurations;

public sealed class MechanismDocumentConfiguration : IEntityTypeConfiguration<MechanismDocument>
{
    public void Configure(EntityTypeBuilder<MechanismDocument> builder)
    {
        builder.Property(d => d.FileName).HasMaxLength(Limits.FileName);
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.Property(d => d.UploadedByName).HasMaxLength(Limits.PersonName);
        builder.HasOne(d => d.Mechanism).WithMany(m => m.Documents).HasForeignKey(d => d.MechanismId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.UploadedBy).WithMany().HasForeignKey(d => d.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.MechanismId, d.Number }).IsUnique();
        // The evidence sweep asks whether any record still refers to a stored file.
        builder.HasIndex(d => d.Sha256);
    }
}
