using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Rectification.Core.Counting;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;

namespace Rectification.Core.Data;

/// <summary>
/// The columns kept with a record only so that reading it is cheap, worked out in one place: a finding's
/// <see cref="Finding.OwningUnitPath"/>, <see cref="Finding.CategoryOrdinal"/>, <see cref="Finding.Band"/>,
/// <see cref="Finding.WarningFrom"/> and <see cref="Finding.DaysToClose"/>, and an inspection's
/// <see cref="Inspection.InspectedUnitPath"/>. For every record a context saves (so no caller can forget them), for
/// all records when the deadline options change, and for a subtree's records when a unit moves.
/// </summary>
public static class DerivedColumns
{
    /// <summary>A finding's columns its derived ones come from: a save that changes none of them leaves those as they are.</summary>
    private static readonly string[] s_sources =
    [
        nameof(Finding.OwningUnitId), nameof(Finding.CategoryId), nameof(Finding.Status), nameof(Finding.Kind), nameof(Finding.Deadline),
        nameof(Finding.ClosedOn), nameof(Finding.AssignedOn), nameof(Finding.MeasuresDueBy),
    ];

    /// <summary>The derived columns: saving only these is nobody's change — it bumps no version and writes no audit entry.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Finding.OwningUnitPath), nameof(Finding.CategoryOrdinal), nameof(Finding.Band), nameof(Finding.WarningFrom),
        nameof(Finding.DaysToClose), nameof(Finding.MeasuresDueBy), nameof(Inspection.InspectedUnitPath),
    };

    /// <summary>Sets the derived columns of one finding. Its time starts on the day it was assigned, else on the feedback date.</summary>
    public static void Apply(Finding finding, string owningUnitPath, int categoryOrdinal, DateOnly feedbackDate, DeadlineOptions options)
    {
        var start = finding.AssignedOn ?? feedbackDate;
        finding.OwningUnitPath = owningUnitPath;
        finding.CategoryOrdinal = categoryOrdinal;
        finding.Band = LightRules.BandOf(finding.Status, finding.Kind, finding.Deadline, finding.ClosedOn);
        finding.WarningFrom = LightRules.WarningFrom(finding.Band, finding.Deadline, start, options, finding.MeasuresDueBy);
        finding.DaysToClose = finding.Status == FindingStatus.Closed && finding.ClosedOn is { } closed ? closed.DayNumber - start.DayNumber : null;
    }

    /// <summary>
    /// Before a save: the derived columns of every inspection added or moved to another unit, and of every finding
    /// added, changed in what they derive from, whose category moved in its inspection's order, or whose inspection's
    /// feedback date moved while it has no assignment day.
    /// </summary>
    internal static async Task UpdateTrackedAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        await UpdateInspectionsAsync(db, cancellationToken);
        UpdateMeasuresDueBy(db);
        var dependent = await LoadRescheduledAsync(db, cancellationToken);
        dependent.UnionWith(await LoadReorderedAsync(db, cancellationToken));
        var stale = db.ChangeTracker.Entries<Finding>()
            .Where(e => e.State == EntityState.Added
                || (e.State == EntityState.Modified && s_sources.Any(p => e.Property(p).IsModified))
                || dependent.Contains(e.Entity))
            .ToList();
        if (stale.Count == 0)
        {
            return;
        }

        var paths = await UnitPathsAsync(db, stale.Where(e => e.State == EntityState.Added || e.Property(f => f.OwningUnitId).IsModified || e.Entity.OwningUnitPath.Length == 0)
            .Select(e => e.Entity.OwningUnitId), cancellationToken);
        var feedback = await FeedbackDatesAsync(db, stale, cancellationToken);
        var categories = await CategoryOrdinalsAsync(db, stale, cancellationToken);
        var options = await db.CountingOptionsAsync(cancellationToken);
        foreach (var entry in stale)
        {
            var finding = entry.Entity;
            Apply(finding, paths.GetValueOrDefault(finding.OwningUnitId) ?? finding.OwningUnitPath, categories.GetValueOrDefault(finding.CategoryId),
                feedback.GetValueOrDefault(finding.InspectionId), options);
            entry.DetectChanges(); // a save that turned automatic detection off (a bulk import) still writes them
        }
    }

    /// <summary>
    /// The earliest open measure deadline of every tracked finding whose measures this save adds, changes or removes,
    /// from its measures as tracked (the editor loads them all and removes the deleted ones from the collection).
    /// </summary>
    private static void UpdateMeasuresDueBy(RectificationDbContext db)
    {
        var changed = db.ChangeTracker.Entries<Measure>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity)
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var entry in db.ChangeTracker.Entries<Finding>().Where(e => changed.Any(m => m.Finding == e.Entity || (m.FindingId != 0 && m.FindingId == e.Entity.Id))))
        {
            var measures = entry.Entity.Measures.Where(m => db.Entry(m).State != EntityState.Deleted);
            entry.Entity.MeasuresDueBy = LightRules.MeasuresDueBy(measures);
            entry.DetectChanges();
        }
    }

    private static async Task UpdateInspectionsAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        var stale = db.ChangeTracker.Entries<Inspection>()
            .Where(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Property(i => i.InspectedUnitId).IsModified))
            .ToList();
        if (stale.Count == 0)
        {
            return;
        }

        var paths = await UnitPathsAsync(db, stale.Select(e => e.Entity.InspectedUnitId), cancellationToken);
        foreach (var entry in stale)
        {
            entry.Entity.InspectedUnitPath = paths.GetValueOrDefault(entry.Entity.InspectedUnitId) ?? entry.Entity.InspectedUnitPath;
            entry.DetectChanges();
        }
    }

    /// <summary>The unassigned findings of inspections whose feedback date this save moves: their time starts on the new date.</summary>
    private static async Task<HashSet<Finding>> LoadRescheduledAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        var inspections = db.ChangeTracker.Entries<Inspection>()
            .Where(e => e.State == EntityState.Modified && e.Property(i => i.FeedbackDate).IsModified)
            .Select(e => e.Entity.Id)
            .ToList();
        if (inspections.Count == 0)
        {
            return [];
        }

        return (await db.Findings.IgnoreQueryFilters()
            .Where(f => inspections.Contains(f.InspectionId) && f.AssignedOn == null)
            .ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>The findings of categories whose position this save changes: the ledger orders them by it.</summary>
    private static async Task<HashSet<Finding>> LoadReorderedAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        var categories = db.ChangeTracker.Entries<FindingCategory>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.Ordinal).IsModified)
            .Select(e => e.Entity.Id)
            .ToList();
        if (categories.Count == 0)
        {
            return [];
        }

        return (await db.Findings.IgnoreQueryFilters().Where(f => categories.Contains(f.CategoryId)).ToListAsync(cancellationToken)).ToHashSet();
    }

    private static async Task<Dictionary<int, string>> UnitPathsAsync(RectificationDbContext db, IEnumerable<int> unitIds, CancellationToken cancellationToken)
    {
        var units = unitIds.Distinct().ToList();
        return units.Count == 0
            ? []
            : await db.Units.AsNoTracking().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, cancellationToken);
    }

    /// <summary>Feedback dates of the inspections of findings that have no assignment day: the tracked value where the save changes it.</summary>
    private static async Task<Dictionary<int, DateOnly>> FeedbackDatesAsync(RectificationDbContext db, List<EntityEntry<Finding>> stale, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<Inspection>().ToDictionary(e => e.Entity.Id, e => e.Entity.FeedbackDate);
        var wanted = stale.Where(e => e.Entity.AssignedOn is null).Select(e => e.Entity.InspectionId).Distinct().Where(id => !tracked.ContainsKey(id)).ToList();
        if (wanted.Count > 0)
        {
            var read = await db.Inspections.IgnoreQueryFilters().AsNoTracking().Where(i => wanted.Contains(i.Id))
                .Select(i => new { i.Id, i.FeedbackDate }).ToListAsync(cancellationToken);
            read.ForEach(r => tracked[r.Id] = r.FeedbackDate);
        }

        return tracked;
    }

    /// <summary>Positions of the findings' categories: the tracked value where the save changes it.</summary>
    private static async Task<Dictionary<int, int>> CategoryOrdinalsAsync(RectificationDbContext db, List<EntityEntry<Finding>> stale, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<FindingCategory>().ToDictionary(e => e.Entity.Id, e => e.Entity.Ordinal);
        var wanted = stale.Select(e => e.Entity.CategoryId).Distinct().Where(id => !tracked.ContainsKey(id)).ToList();
        if (wanted.Count > 0)
        {
            var read = await db.FindingCategories.IgnoreQueryFilters().AsNoTracking().Where(c => wanted.Contains(c.Id))
                .Select(c => new { c.Id, c.Ordinal }).ToListAsync(cancellationToken);
            read.ForEach(r => tracked[r.Id] = r.Ordinal);
        }

        return tracked;
    }

    /// <summary>
    /// A unit moved from <paramref name="oldPath"/> to <paramref name="newPath"/>: the findings and inspections of its
    /// subtree carry the new paths. Within the move's transaction (their counters move with <see cref="TallyWriter.MoveSubtreeAsync"/>).
    /// </summary>
    internal static async Task MoveSubtreeAsync(RectificationDbContext db, string oldPath, string newPath, CancellationToken cancellationToken)
    {
        var moved = PathRange.Subtree(oldPath);
        await db.Findings.IgnoreQueryFilters()
            .Where(Visibility.PathWithin<Finding>(f => f.OwningUnitPath, () => moved.Low, () => moved.High))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.OwningUnitPath, f => newPath + f.OwningUnitPath.Substring(oldPath.Length)), cancellationToken);
        await db.Inspections.IgnoreQueryFilters()
            .Where(Visibility.PathWithin<Inspection>(i => i.InspectedUnitPath, () => moved.Low, () => moved.High))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.InspectedUnitPath, i => newPath + i.InspectedUnitPath.Substring(oldPath.Length)), cancellationToken);
    }

    /// <summary>
    /// Works out every derived column again and writes those that differ (all of them after an upgrade that added the
    /// columns; the warning days after the deadline options changed). Returns how many records changed.
    /// </summary>
    internal static async Task<int> RecomputeAllAsync(RectificationDbContext db, DeadlineOptions options, CancellationToken cancellationToken)
    {
        var paths = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, cancellationToken);
        var inspections = await db.Inspections.IgnoreQueryFilters().AsNoTracking()
            .Select(i => new Inspection { Id = i.Id, Title = string.Empty, TeamName = string.Empty, InspectedUnitId = i.InspectedUnitId, FeedbackDate = i.FeedbackDate, InspectedUnitPath = i.InspectedUnitPath })
            .ToListAsync(cancellationToken);
        var movedInspections = inspections.Where(i => i.InspectedUnitPath != paths[i.InspectedUnitId]).ToList();
        movedInspections.ForEach(i => i.InspectedUnitPath = paths[i.InspectedUnitId]);
        var feedback = inspections.ToDictionary(i => i.Id, i => i.FeedbackDate);
        var categories = await db.FindingCategories.IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Ordinal, cancellationToken);
        var changed = new List<Finding>();
        var findings = db.Findings.IgnoreQueryFilters().AsNoTracking().Select(f => new Finding
        {
            Id = f.Id,
            Title = string.Empty,
            InspectionId = f.InspectionId,
            CategoryId = f.CategoryId,
            CategoryOrdinal = f.CategoryOrdinal,
            OwningUnitId = f.OwningUnitId,
            Status = f.Status,
            Kind = f.Kind,
            Deadline = f.Deadline,
            AssignedOn = f.AssignedOn,
            ClosedOn = f.ClosedOn,
            OwningUnitPath = f.OwningUnitPath,
            Band = f.Band,
            WarningFrom = f.WarningFrom,
            DaysToClose = f.DaysToClose,
            MeasuresDueBy = f.MeasuresDueBy,
        }).AsAsyncEnumerable();
        var measuresDueBy = await db.Measures.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.DoneDate == null && m.Deadline != null)
            .GroupBy(m => m.FindingId)
            .Select(g => new { g.Key, DueBy = g.Min(m => m.Deadline) })
            .ToDictionaryAsync(g => g.Key, g => g.DueBy, cancellationToken);
        await foreach (var finding in findings.WithCancellation(cancellationToken))
        {
            var before = (finding.OwningUnitPath, finding.CategoryOrdinal, finding.Band, finding.WarningFrom, finding.DaysToClose, finding.MeasuresDueBy);
            finding.MeasuresDueBy = measuresDueBy.GetValueOrDefault(finding.Id);
            Apply(finding, paths[finding.OwningUnitId], categories[finding.CategoryId], feedback[finding.InspectionId], options);
            if (before != (finding.OwningUnitPath, finding.CategoryOrdinal, finding.Band, finding.WarningFrom, finding.DaysToClose, finding.MeasuresDueBy))
            {
                changed.Add(finding);
            }
        }

        var writer = new BulkWriter(db);
        return await writer.UpdateAsync(movedInspections, [nameof(Inspection.InspectedUnitPath)], cancellationToken)
            + await writer.UpdateAsync(changed, [.. Names.Where(n => n != nameof(Inspection.InspectedUnitPath))], cancellationToken);
    }
}
