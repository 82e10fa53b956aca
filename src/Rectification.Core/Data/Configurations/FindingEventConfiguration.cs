using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Rectification.Core.Common;
using Rectification.Core.Findings;

namespace Rectification.Core.Data.Configurations;

public sealed class FindingEventConfiguration : IEntityTypeConfiguration<FindingEvent>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        // Keep Chinese readable in the column rather than \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Configure(EntityTypeBuilder<FindingEvent> builder)
    {
        builder.Property(e => e.ActorName).HasMaxLength(Limits.PersonName);
        builder.Property(e => e.Comment).HasMaxLength(Limits.TimelineComment);

        // Field changes are read only with their event, so one JSON text column serves all three providers.
        builder.Property(e => e.Changes)
            .HasConversion(
                v => JsonSerializer.Serialize(v, s_json),
                v => JsonSerializer.Deserialize<List<FieldChange>>(v, s_json) ?? new List<FieldChange>(),
                new ValueComparer<List<FieldChange>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (hash, c) => HashCode.Combine(hash, c.GetHashCode())),
                    v => v.ToList()));

        builder.HasOne(e => e.Finding).WithMany(f => f.Events).HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Actor).WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.FindingId, e.At });
    }
}
