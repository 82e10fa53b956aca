using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Units;

namespace Rectification.Core.Data.Configurations;

public sealed class UnitTreeStateConfiguration : IEntityTypeConfiguration<UnitTreeState>
{
    public void Configure(EntityTypeBuilder<UnitTreeState> builder)
    {
        builder.ToTable("UnitTreeState");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new UnitTreeState { Id = UnitTreeState.SingletonId, Revision = 0 });
    }
}
