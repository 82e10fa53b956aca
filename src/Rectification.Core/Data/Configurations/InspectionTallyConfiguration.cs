using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Counting;

namespace Rectification.Core.Data.Configurations;

public sealed class InspectionTallyConfiguration : IEntityTypeConfiguration<InspectionTally>
{
    public void Configure(EntityTypeBuilder<InspectionTally> builder) =>
        builder.HasKey(t => new { t.UnitId, t.InspectionId, t.OwnUnit, t.Draft });
}
