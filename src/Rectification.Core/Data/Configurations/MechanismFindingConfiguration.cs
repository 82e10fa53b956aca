using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Mechanisms;

namespace Rectification.Core.Data.Configurations;

public sealed class MechanismFindingConfiguration : IEntityTypeConfiguration<MechanismFinding>
{
    public void Configure(EntityTypeBuilder<MechanismFinding> builder)
    {
        builder.HasKey(l => new { l.MechanismId, l.FindingId });
        builder.HasOne(l => l.Mechanism).WithMany(m => m.Findings).HasForeignKey(l => l.MechanismId).OnDelete(DeleteBehavior.Cascade);
        // A finding is never deleted while the ledger holds it; Restrict keeps SQL Server free of a second cascade path.
        builder.HasOne(l => l.Finding).WithMany().HasForeignKey(l => l.FindingId).OnDelete(DeleteBehavior.Restrict);
        // A finding's page lists the mechanisms linked to it.
        builder.HasIndex(l => l.FindingId);
    }
}
