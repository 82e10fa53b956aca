using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Findings;

namespace Rectification.Core.Counting;

/// <summary>Whose findings to count: a unit's subtree or the unit alone, with or without drafts.</summary>
public sealed record TallySlice(int UnitId, bool OwnUnitOnly, bool WithDrafts);

/// <summary>
/// One sum of tally rows: a unit's findings in a status and band, counted in total or by an event before a day. A class
/// with settable members, so that the sums of different events can be one query (a UNION needs member-wise projections).
/// </summary>
internal sealed class TallySum
{
    public int UnitId { get; init; }

    public bool OwnUnit { get; init; }

    public TallyEvent Event { get; init; }

    public FindingStatus Status { get; init; }

    public LightBand Band { get; init; }

    public int Count { get; init; }

    public long DaysToClose { get; init; }
}

/// <summary>
/// The figures of any unit read from the counters (<see cref="FindingTally"/>): a few index ranges of one unit's rows,
/// the same cost for a school and for the whole province. The one place the app counts findings by status and light.
/// </summary>
public sealed class TallyQueries(RectificationDbContext db)
{
    /// <summary>
    /// By status and by light as of <paramref name="today"/>, for each of the units: its subtree's findings and its own
    /// (<see cref="UnitFigures.Pair"/>), in one command of three index ranges per unit — every finding once; the dated
    /// ones past their deadline (red); the dated ones whose warning has started (yellow, or red already).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, UnitFigures.Pair>> FiguresAsync(
        IReadOnlyCollection<int> unitIds, bool withDrafts, DateOnly today, CancellationToken cancellationToken = default)
    {
        var units = unitIds.Distinct().ToList();
        IQueryable<FindingTally> Rows(TallyEvent kind)
        {
            var rows = db.FindingTallies.AsNoTracking().Where(t => units.Contains(t.UnitId) && t.Event == kind);
            return withDrafts ? rows : rows.Where(t => t.Status != FindingStatus.Draft);
        }

        var totals = Rows(TallyEvent.Total)
            .GroupBy(t => new { t.UnitId, t.OwnUnit, t.Status, t.Band })
            .Select(g => new TallySum
            {
                UnitId = g.Key.UnitId,
                OwnUnit = g.Key.OwnUnit,
                Event = TallyEvent.Total,
                Status = g.Key.Status,
                Band = g.Key.Band,
                Count = g.Sum(t => t.Count),
                DaysToClose = g.Sum(t => t.DaysToClose),
            });
        var overdue = Rows(TallyEvent.Deadline).Where(t => t.Band == LightBand.Dated && t.Day < today)
            .GroupBy(t => new { t.UnitId, t.OwnUnit, t.Status })
            .Select(g => new TallySum
            {
                UnitId = g.Key.UnitId,
                OwnUnit = g.Key.OwnUnit,
                Event = TallyEvent.Deadline,
                Status = g.Key.Status,
                Band = LightBand.Dated,
                Count = g.Sum(t => t.Count),
                DaysToClose = 0L,
            });
        var warned = Rows(TallyEvent.WarningFrom).Where(t => t.Day <= today)
            .GroupBy(t => new { t.UnitId, t.OwnUnit, t.Status })
            .Select(g => new TallySum
            {
                UnitId = g.Key.UnitId,
                OwnUnit = g.Key.OwnUnit,
                Event = TallyEvent.WarningFrom,
                Status = g.Key.Status,
                Band = LightBand.Dated,
                Count = g.Sum(t => t.Count),
                DaysToClose = 0L,
            });
        var sums = (await totals.Concat(overdue).Concat(warned).ToListAsync(cancellationToken)).ToLookup(s => s.UnitId);
        return units.ToDictionary(u => u, u => new UnitFigures.Pair(UnitFigures.From(sums[u]), UnitFigures.From(sums[u].Where(s => s.OwnUnit))));
    }

    public async Task<UnitFigures> FiguresAsync(TallySlice slice, DateOnly today, CancellationToken cancellationToken = default) =>
        (await FiguresAsync([slice.UnitId], slice.WithDrafts, today, cancellationToken))[slice.UnitId].For(slice.OwnUnitOnly);

    /// <summary>
    /// Deadlines and close-offs by day up to a day, for the trend: one row per event and day that has any.
    /// </summary>
    public async Task<IReadOnlyList<(TallyEvent Event, DateOnly Day, int Count)>> DeadlinesAndCloseOffsAsync(
        TallySlice slice, DateOnly through, CancellationToken cancellationToken = default)
    {
        var rows = db.FindingTallies.AsNoTracking()
            .Where(t => t.UnitId == slice.UnitId && (t.Event == TallyEvent.Deadline || t.Event == TallyEvent.ClosedOn) && t.Day <= through);
        rows = slice.WithDrafts ? rows : rows.Where(t => t.Status != FindingStatus.Draft);
        rows = slice.OwnUnitOnly ? rows.Where(t => t.OwnUnit) : rows;
        var days = await rows.GroupBy(t => new { t.Event, t.Day }).Select(g => new { g.Key.Event, g.Key.Day, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken);
        return days.Select(d => (d.Event, d.Day, d.Count)).ToList();
    }

    /// <summary>
    /// How many findings of the slice have an event's day within a range, by status: deadline ranges and close-off
    /// ranges of the list's filters.
    /// </summary>
    public async Task<IReadOnlyDictionary<FindingStatus, int>> InRangeAsync(
        TallySlice slice, TallyEvent kind, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var rows = db.FindingTallies.AsNoTracking().Where(t => t.UnitId == slice.UnitId && t.Event == kind);
        rows = from is { } first ? rows.Where(t => t.Day >= first) : rows;
        rows = to is { } last ? rows.Where(t => t.Day <= last) : rows;
        rows = slice.WithDrafts ? rows : rows.Where(t => t.Status != FindingStatus.Draft);
        rows = slice.OwnUnitOnly ? rows.Where(t => t.OwnUnit) : rows;
        var counts = await rows.GroupBy(t => t.Status).Select(g => new { Status = g.Key, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Status, c => c.Count);
    }
}

/// <summary>
/// A unit's findings by status and by light, with what its close-offs took. Lights from the counters: red are the
/// dated findings past their deadline, yellow those whose warning has started less the red, green the other dated
/// ones; the other lights are bands of their own.
/// </summary>
public sealed record UnitFigures(
    IReadOnlyDictionary<FindingStatus, int> ByStatus,
    IReadOnlyDictionary<Light, int> ByLight,
    IReadOnlyDictionary<(FindingStatus Status, Light Light), int> ByStatusAndLight,
    long DaysToClose)
{
    public static UnitFigures Empty { get; } = From([]);

    /// <summary>A unit's figures for its whole subtree and for the unit alone.</summary>
    public sealed record Pair(UnitFigures Subtree, UnitFigures Own)
    {
        public UnitFigures For(bool ownUnitOnly) => ownUnitOnly ? Own : Subtree;
    }

    public int Total => ByStatus.Values.Sum();

    public int Closed => ByStatus.GetValueOrDefault(FindingStatus.Closed);

    public int Overdue => ByLight.GetValueOrDefault(Light.Red);

    public double? AverageDaysToClose => Closed == 0 ? null : (double)DaysToClose / Closed;

    public FindingSummary ToSummary() => new(ByStatus, ByLight);

    /// <summary>The figures of findings at hand, each with its light today (the same lights the counters give).</summary>
    public static UnitFigures Of(IEnumerable<(FindingStatus Status, Light Light, int? DaysToClose)> findings)
    {
        var byStatusAndLight = new Dictionary<(FindingStatus, Light), int>();
        long daysToClose = 0;
        foreach (var (status, light, days) in findings)
        {
            byStatusAndLight[(status, light)] = byStatusAndLight.GetValueOrDefault((status, light)) + 1;
            daysToClose += days ?? 0;
        }

        return Build(byStatusAndLight, daysToClose);
    }

    private static UnitFigures Build(Dictionary<(FindingStatus, Light), int> byStatusAndLight, long daysToClose) =>
        new(byStatusAndLight.GroupBy(p => p.Key.Item1).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            byStatusAndLight.GroupBy(p => p.Key.Item2).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            byStatusAndLight,
            daysToClose);

    internal static UnitFigures From(IEnumerable<TallySum> sums)
    {
        var byStatusAndLight = new Dictionary<(FindingStatus, Light), int>();
        void Add(FindingStatus status, Light light, int count)
        {
            if (count != 0)
            {
                byStatusAndLight[(status, light)] = byStatusAndLight.GetValueOrDefault((status, light)) + count;
            }
        }

        long daysToClose = 0;
        var list = sums.ToList();
        foreach (var status in list.Select(s => s.Status).Distinct())
        {
            var ofStatus = list.Where(s => s.Status == status).ToList();
            int Sum(TallyEvent kind, LightBand? band = null) =>
                ofStatus.Where(s => s.Event == kind && (band is null || s.Band == band)).Sum(s => s.Count);

            var red = Sum(TallyEvent.Deadline);
            var warned = Sum(TallyEvent.WarningFrom);
            Add(status, Light.Red, red);
            Add(status, Light.Yellow, warned - red);
            Add(status, Light.Green, Sum(TallyEvent.Total, LightBand.Dated) - warned);
            Add(status, Light.Blue, Sum(TallyEvent.Total, LightBand.LongTerm));
            Add(status, Light.None, Sum(TallyEvent.Total, LightBand.Undated));
            Add(status, Light.ClosedOnTime, Sum(TallyEvent.Total, LightBand.ClosedOnTime));
            Add(status, Light.ClosedLate, Sum(TallyEvent.Total, LightBand.ClosedLate));
            daysToClose += ofStatus.Where(s => s.Event == TallyEvent.Total).Sum(s => s.DaysToClose);
        }

        return Build(byStatusAndLight, daysToClose);
    }
}
