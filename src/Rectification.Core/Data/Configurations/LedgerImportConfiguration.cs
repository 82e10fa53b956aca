using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Accounts;
using Rectification.Core.Common;
using Rectification.Core.Ledger;

namespace Rectification.Core.Data.Configurations;

public sealed class LedgerImportConfiguration : IEntityTypeConfiguration<LedgerImport>
{
    public void Configure(EntityTypeBuilder<LedgerImport> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.FileName).HasMaxLength(Limits.FileName);
        builder.HasOne(b => b.Inspection).WithMany().HasForeignKey(b => b.InspectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Restrict);
        // Expired batches are deleted by age.
        builder.HasIndex(b => b.CreatedAt);
    }
}
