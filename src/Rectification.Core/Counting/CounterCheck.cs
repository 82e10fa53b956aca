using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;

namespace Rectification.Core.Counting;

/// <summary>
/// Counts every finding again and compares the result with the counters kept in the database: the check behind
/// <c>counters verify</c> and the tests that hold every kind of change to keeping them exact.
/// </summary>
public static class CounterCheck
{
    /// <summary>The rows that differ, described (empty when the counters agree with the findings).</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(RectificationDbContext db, CancellationToken cancellationToken = default)
    {
        var counted = await TallyWriter.CountAllAsync(db, cancellationToken);
        var kept = await db.FindingTallies.AsNoTracking().ToListAsync(cancellationToken);
        var keptInspections = await db.InspectionTallies.AsNoTracking().ToListAsync(cancellationToken);
        var differences = new List<string>();

        var expected = counted.Changes.ToDictionary(c => c.Key, c => c.Value);
        foreach (var row in kept)
        {
            var key = TallyKey.Of(row);
            var want = expected.Remove(key, out var value) ? value : (0, 0L);
            if (want != (row.Count, row.DaysToClose))
            {
                differences.Add($"{key}: kept {row.Count} ({row.DaysToClose} days), counted {want.Item1} ({want.Item2} days)");
            }
        }

        differences.AddRange(expected.Select(e => $"{e.Key}: kept nothing, counted {e.Value.Count} ({e.Value.DaysToClose} days)"));

        var expectedInspections = counted.InspectionChanges.ToDictionary(c => c.Key, c => c.Value);
        foreach (var row in keptInspections)
        {
            var key = InspectionTallyKey.Of(row);
            var want = expectedInspections.Remove(key, out var value) ? value : 0;
            if (want != row.Count)
            {
                differences.Add($"{key}: kept {row.Count}, counted {want}");
            }
        }

        differences.AddRange(expectedInspections.Select(e => $"{e.Key}: kept nothing, counted {e.Value}"));
        return differences;
    }
}
