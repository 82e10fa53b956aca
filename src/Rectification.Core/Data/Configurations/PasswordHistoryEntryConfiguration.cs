using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Accounts;

namespace Rectification.Core.Data.Configurations;

public sealed class PasswordHistoryEntryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> builder)
    {
        builder.ToTable("PasswordHistory");
        builder.HasKey(h => h.Id);
        builder.HasOne(h => h.User).WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        // A user's entries, newest first: the validator reads them and a change trims them, always by user.
        builder.HasIndex(h => new { h.UserId, h.Id });
    }
}
