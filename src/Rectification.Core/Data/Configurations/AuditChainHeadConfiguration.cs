using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Auditing;

namespace Rectification.Core.Data.Configurations;

public sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.Property(h => h.ArchivedThroughHash).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        // The head exists from the first migration on, so the first append has something to lock.
        builder.HasData(new AuditChainHead
        {
            Id = AuditChainHead.SingletonId,
            LastSequence = 0,
            LastHash = AuditChainHead.Genesis,
            ArchivedThroughSequence = 0,
            ArchivedThroughHash = AuditChainHead.Genesis,
        });
    }
}
