using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Counting;

namespace Rectification.Core.Data.Configurations;

public sealed class CountingStateConfiguration : IEntityTypeConfiguration<CountingState>
{
    public void Configure(EntityTypeBuilder<CountingState> builder)
    {
        builder.ToTable("CountingState");
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
