using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Counting;

namespace Rectification.Core.Data.Configurations;

public sealed class FindingTallyConfiguration : IEntityTypeConfiguration<FindingTally>
{
    public void Configure(EntityTypeBuilder<FindingTally> builder)
    {
        // Unit, event and day first: every read is one unit's (or a few units') rows of one event before a day.
        builder.HasKey(t => new { t.UnitId, t.Event, t.Day, t.Status, t.Band, t.OwnUnit });
    }
}
