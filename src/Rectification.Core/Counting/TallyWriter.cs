using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Units;

namespace Rectification.Core.Counting;

/// <summary>
/// Keeps <see cref="FindingTally"/> exact. Every save of findings collects what it changes (<see cref="Collect"/>) and
/// applies it in the same transaction, while it holds the write lock (the audit chain head), so concurrent saves
/// apply theirs one after the other. A unit move shifts its subtree's figures from its old superiors to its new ones;
/// a rebuild counts everything again from the findings.
/// </summary>
internal static class TallyWriter
{
    /// <summary>The tally changes of the findings a context is about to save: old rows counted out, new rows in.</summary>
    public static TallyDeltas Collect(ChangeTracker tracker)
    {
        var deltas = new TallyDeltas();
        foreach (var entry in tracker.Entries<Finding>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                deltas.Add(Facts(entry, original: true), -1);
            }

            if (entry.State is EntityState.Modified or EntityState.Added)
            {
                deltas.Add(Facts(entry, original: false), +1);
            }
        }

        return deltas;
    }

    private static TallyFacts Facts(EntityEntry<Finding> entry, bool original)
    {
        T Value<T>(System.Linq.Expressions.Expression<Func<Finding, T>> property)
        {
            var p = entry.Property(property);
            return original ? p.OriginalValue : p.CurrentValue;
        }

        return new TallyFacts(
            Value(f => f.OwningUnitPath),
            Value(f => f.InspectionId),
            Value(f => f.Status),
            Value(f => f.Band),
            Value(f => f.Deadline),
            Value(f => f.WarningFrom),
            Value(f => f.ClosedOn),
            Value(f => f.DaysToClose));
    }

    /// <summary>
    /// Adds the deltas to the rows they name, as statements in the batch (the caller holds the write lock and sends
    /// the batch): rows that reach zero are deleted, new rows inserted.
    /// </summary>
    public static void Apply(RectificationDbContext db, TallyDeltas deltas, StatementBatch batch)
    {
        ApplyToFindingTallies(db, deltas, batch);
        ApplyToInspectionTallies(db, deltas, batch);
    }

    private static void ApplyToFindingTallies(RectificationDbContext db, TallyDeltas deltas, StatementBatch batch)
    {
        var changes = deltas.Changes.ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var units = changes.Select(c => c.Key.UnitId).Distinct().ToList();
        var days = changes.Select(c => c.Key.Day).Distinct().ToList();
        var rows = db.FindingTallies.AsNoTracking().Where(t => units.Contains(t.UnitId) && days.Contains(t.Day)).ToList()
            .ToDictionary(TallyKey.Of);
        foreach (var (key, (count, daysToClose)) in changes)
        {
            var exists = rows.TryGetValue(key, out var row);
            row ??= new FindingTally
            {
                UnitId = key.UnitId,
                Event = key.Event,
                Day = key.Day,
                Status = key.Status,
                Band = key.Band,
                OwnUnit = key.OwnUnit,
            };
            row.Count += count;
            row.DaysToClose += daysToClose;
            if (row.Count < 0)
            {
                throw new InvalidOperationException($"The finding counters went below zero at {key}: they no longer match the findings.");
            }

            Write(batch, row, exists, row.Count == 0, nameof(FindingTally.Count), nameof(FindingTally.DaysToClose));
        }
    }

    private static void ApplyToInspectionTallies(RectificationDbContext db, TallyDeltas deltas, StatementBatch batch)
    {
        var changes = deltas.InspectionChanges.ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var units = changes.Select(c => c.Key.UnitId).Distinct().ToList();
        var inspections = changes.Select(c => c.Key.InspectionId).Distinct().ToList();
        var rows = db.InspectionTallies.AsNoTracking().Where(t => units.Contains(t.UnitId) && inspections.Contains(t.InspectionId)).ToList()
            .ToDictionary(InspectionTallyKey.Of);
        foreach (var (key, count) in changes)
        {
            var exists = rows.TryGetValue(key, out var row);
            row ??= new InspectionTally { UnitId = key.UnitId, InspectionId = key.InspectionId, OwnUnit = key.OwnUnit, Draft = key.Draft };
            row.Count += count;
            if (row.Count < 0)
            {
                throw new InvalidOperationException($"The inspection counters went below zero at {key}: they no longer match the findings.");
            }

            Write(batch, row, exists, row.Count == 0, nameof(InspectionTally.Count));
        }
    }

    /// <summary>A changed row: updated, inserted, or deleted once it counts nothing (a new row that counts nothing is not written).</summary>
    private static void Write<T>(StatementBatch batch, T row, bool exists, bool empty, params string[] counts)
        where T : class
    {
        if (exists && empty)
        {
            batch.Delete(row);
        }
        else if (exists)
        {
            batch.Update(row, counts);
        }
        else if (!empty)
        {
            batch.Insert(row);
        }
    }

    /// <summary>
    /// A unit moves with its subtree: its own rows (everything below it) stay as they are; each of its old superiors
    /// loses those figures and each new superior gains them. Call it within the move's transaction, holding the write lock.
    /// </summary>
    public static async Task MoveSubtreeAsync(RectificationDbContext db, string oldPath, string newPath, CancellationToken cancellationToken)
    {
        var ids = UnitPath.Ids(oldPath);
        var unitId = ids[^1];
        var oldSuperiors = ids[..^1];
        var newSuperiors = UnitPath.Ids(newPath)[..^1];
        var subtree = await db.FindingTallies.AsNoTracking()
            .Where(t => t.UnitId == unitId)
            .GroupBy(t => new { t.Event, t.Day, t.Status, t.Band })
            .Select(g => new { g.Key.Event, g.Key.Day, g.Key.Status, g.Key.Band, Count = g.Sum(t => t.Count), DaysToClose = g.Sum(t => t.DaysToClose) })
            .ToListAsync(cancellationToken);
        var inspections = await db.InspectionTallies.AsNoTracking()
            .Where(t => t.UnitId == unitId)
            .GroupBy(t => new { t.InspectionId, t.Draft })
            .Select(g => new { g.Key.InspectionId, g.Key.Draft, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken);
        var deltas = new TallyDeltas();
        foreach (var row in inspections)
        {
            foreach (var (superiors, sign) in new[] { (oldSuperiors, -1), (newSuperiors, +1) })
            {
                foreach (var superior in superiors)
                {
                    deltas.Add(new InspectionTallyKey(superior, row.InspectionId, OwnUnit: false, row.Draft), sign * row.Count);
                }
            }
        }

        foreach (var row in subtree)
        {
            foreach (var (superiors, sign) in new[] { (oldSuperiors, -1), (newSuperiors, +1) })
            {
                foreach (var superior in superiors)
                {
                    deltas.Add(new TallyKey(superior, row.Event, row.Day, row.Status, row.Band, OwnUnit: false), sign * row.Count, sign * row.DaysToClose);
                }
            }
        }

        var batch = new StatementBatch(db);
        Apply(db, deltas, batch);
        batch.Execute();
    }

    /// <summary>Counts every finding again, from scratch: the rows that <see cref="Collect"/> and <see cref="Apply"/> keep.</summary>
    public static async Task<int> RebuildAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        var deltas = await CountAllAsync(db, cancellationToken);
        await db.FindingTallies.ExecuteDeleteAsync(cancellationToken);
        await db.InspectionTallies.ExecuteDeleteAsync(cancellationToken);
        var writer = new BulkWriter(db);
        return await writer.WriteAsync(ToRows(deltas), cancellationToken: cancellationToken)
            + await writer.WriteAsync(ToInspectionRows(deltas), cancellationToken: cancellationToken);
    }

    /// <summary>Every tally row as counted from the findings now (the rebuild's rows, and what tests compare the kept rows with).</summary>
    public static async Task<TallyDeltas> CountAllAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        var deltas = new TallyDeltas();
        var findings = db.Findings.IgnoreQueryFilters().AsNoTracking()
            .Select(f => new TallyFacts(f.OwningUnitPath, f.InspectionId, f.Status, f.Band, f.Deadline, f.WarningFrom, f.ClosedOn, f.DaysToClose))
            .AsAsyncEnumerable();
        await foreach (var facts in findings.WithCancellation(cancellationToken))
        {
            deltas.Add(facts, +1);
        }

        return deltas;
    }

    /// <summary>The rows in the order of their key, so that a unit's rows lie together in the table (PostgreSQL keeps rows where they were written).</summary>
    public static IEnumerable<FindingTally> ToRows(TallyDeltas deltas) =>
        deltas.Changes.OrderBy(c => c.Key.UnitId).ThenBy(c => c.Key.Event).ThenBy(c => c.Key.Day).Select(c => new FindingTally
        {
            UnitId = c.Key.UnitId,
            Event = c.Key.Event,
            Day = c.Key.Day,
            Status = c.Key.Status,
            Band = c.Key.Band,
            OwnUnit = c.Key.OwnUnit,
            Count = c.Value.Count,
            DaysToClose = c.Value.DaysToClose,
        });

    public static IEnumerable<InspectionTally> ToInspectionRows(TallyDeltas deltas) =>
        deltas.InspectionChanges.OrderBy(c => c.Key.UnitId).ThenBy(c => c.Key.InspectionId).Select(c => new InspectionTally
        {
            UnitId = c.Key.UnitId,
            InspectionId = c.Key.InspectionId,
            OwnUnit = c.Key.OwnUnit,
            Draft = c.Key.Draft,
            Count = c.Value,
        });
}
