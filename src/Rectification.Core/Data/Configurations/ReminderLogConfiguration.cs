using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Notifications;

namespace Rectification.Core.Data.Configurations;

public sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(200).IsUnicode(false);
        builder.HasIndex(r => r.Key).IsUnique();
    }
}
