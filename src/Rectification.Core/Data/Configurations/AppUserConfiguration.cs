using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Accounts;
using Rectification.Core.Common;

namespace Rectification.Core.Data.Configurations;

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.PersonName);
        builder.Property(u => u.Title).HasMaxLength(Limits.PersonTitle);
        builder.Property(u => u.Language).HasMaxLength(10);
        // Identity saves a user by writing every column from its copy, which may have been read before a code was
        // accepted elsewhere: that would put an older step back and let the code work again. Only the provider's
        // conditional UPDATE writes the column (an insert writes its 0).
        builder.Property(u => u.LastTotpStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        builder.HasOne(u => u.Unit).WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
