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
    /// (<see cref="UnitFigures.Pair"/>), in one command of index ranges per unit — every finding once; the dated ones
    /// past their deadline (red); the dated ones whose warning has started (yellow, or red already) — each "before a
    /// day" read as whole months and the days of the current month.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, UnitFigures.Pair>> FiguresAsync(
        IReadOnlyCollection<int> unitIds, bool withDrafts, DateOnly today, CancellationToken cancellationToken = default)
    {
        var units = unitIds.Distinct().ToList();
        var rows = db.FindingTallies.AsNoTracking().Where(t => units.Contains(t.UnitId));
        rows = withDrafts ? rows : rows.Where(t => t.Status != FindingStatus.Draft);

        var totals = rows.Where(t => t.Event == TallyEvent.Total)
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
        var dated = rows.Where(t => t.Band == LightBand.Dated);
        var sums = await totals
            .Concat(Before(dated, TallyEvent.Deadline, today))
            .Concat(Before(dated, TallyEvent.WarningFrom, today.AddDays(1)))
            .ToListAsync(cancellationToken);
        var byUnit = sums.ToLookup(s => s.UnitId);
        return units.ToDictionary(u => u, u => new UnitFigures.Pair(UnitFigures.From(byUnit[u]), UnitFigures.From(byUnit[u].Where(s => s.OwnUnit))));
    }

    public async Task<UnitFigures> FiguresAsync(TallySlice slice, DateOnly today, CancellationToken cancellationToken = default) =>
        (await FiguresAsync([slice.UnitId], slice.WithDrafts, today, cancellationToken))[slice.UnitId].For(slice.OwnUnitOnly);

    /// <summary>
    /// The findings whose <paramref name="dayEvent"/> falls before <paramref name="day"/>, summed by unit and status: the
    /// whole months before it from the month rows, the rest from the day rows of its own month. Labelled with the day
    /// event.
    /// </summary>
    private static IQueryable<TallySum> Before(IQueryable<FindingTally> rows, TallyEvent dayEvent, DateOnly day)
    {
        var monthEvent = TallyEvents.MonthOf(dayEvent);
        var month = TallyEvents.MonthStart(day);
        var months = rows.Where(t => t.Event == monthEvent && t.Day < month);
        var days = rows.Where(t => t.Event == dayEvent && t.Day >= month && t.Day < day);
        return Summed(months, dayEvent).Concat(Summed(days, dayEvent));

        static IQueryable<TallySum> Summed(IQueryable<FindingTally> part, TallyEvent label) =>
            part.GroupBy(t => new { t.UnitId, t.OwnUnit, t.Status })
                .Select(g => new TallySum
                {
                    UnitId = g.Key.UnitId,
                    OwnUnit = g.Key.OwnUnit,
                    Event = label,
                    Status = g.Key.Status,
                    Band = LightBand.Dated,
                    Count = g.Sum(t => t.Count),
                    DaysToClose = 0L,
                });
    }

    /// <summary>
    /// Deadlines and close-offs for the trend: one row per event and day from <paramref name="from"/> through
    /// <paramref name="through"/>, and the ones before <paramref name="from"/> as one row per event dated
    /// <paramref name="from"/> (the trend counts them in its first week).
    /// </summary>
    public async Task<IReadOnlyList<(TallyEvent Event, DateOnly Day, int Count)>> DeadlinesAndCloseOffsAsync(
        TallySlice slice, DateOnly from, DateOnly through, CancellationToken cancellationToken = default)
    {
        var rows = Rows(slice);
        var month = TallyEvents.MonthStart(from);
        var before = rows.Where(t => ((t.Event == TallyEvent.DeadlineMonth || t.Event == TallyEvent.ClosedOnMonth) && t.Day < month)
                || ((t.Event == TallyEvent.Deadline || t.Event == TallyEvent.ClosedOn) && t.Day >= month && t.Day < from))
            .GroupBy(t => t.Event == TallyEvent.Deadline || t.Event == TallyEvent.DeadlineMonth)
            .Select(g => new DaySum { Deadline = g.Key, Day = from, Count = g.Sum(t => t.Count) });
        var window = rows.Where(t => (t.Event == TallyEvent.Deadline || t.Event == TallyEvent.ClosedOn) && t.Day >= from && t.Day <= through)
            .GroupBy(t => new { t.Event, t.Day })
            .Select(g => new DaySum { Deadline = g.Key.Event == TallyEvent.Deadline, Day = g.Key.Day, Count = g.Sum(t => t.Count) });
        var sums = await before.Concat(window).ToListAsync(cancellationToken);
        return sums.Select(d => (d.Deadline ? TallyEvent.Deadline : TallyEvent.ClosedOn, d.Day, d.Count)).ToList();
    }

    /// <summary>
    /// How many findings of the slice have an event's day within a range, by status: deadline ranges and close-off
    /// ranges of the list's filters (all before the day after the range, less all before it).
    /// </summary>
    public async Task<IReadOnlyDictionary<FindingStatus, int>> InRangeAsync(
        TallySlice slice, TallyEvent kind, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var rows = Rows(slice);
        var monthEvent = TallyEvents.MonthOf(kind);
        IQueryable<TallySum> Before(DateOnly? day, int sign) => day is { } d
            ? TallyQueries.Before(rows, kind, d).Select(s => new TallySum { Status = s.Status, Count = sign * s.Count })
            : rows.Where(t => t.Event == monthEvent).GroupBy(t => t.Status).Select(g => new TallySum { Status = g.Key, Count = sign * g.Sum(t => t.Count) });
        var upTo = to is { } last && last < DateOnly.MaxValue ? last.AddDays(1) : (DateOnly?)null;
        var sums = from is null
            ? await Before(upTo, +1).ToListAsync(cancellationToken)
            : await Before(upTo, +1).Concat(Before(from, -1)).ToListAsync(cancellationToken);
        return sums.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Sum(s => s.Count));
    }

    private IQueryable<FindingTally> Rows(TallySlice slice)
    {
        var rows = db.FindingTallies.AsNoTracking().Where(t => t.UnitId == slice.UnitId);
        rows = slice.WithDrafts ? rows : rows.Where(t => t.Status != FindingStatus.Draft);
        return slice.OwnUnitOnly ? rows.Where(t => t.OwnUnit) : rows;
    }

    /// <summary>A trend row: deadlines (or else close-offs) on a day.</summary>
    private sealed class DaySum
    {
        public bool Deadline { get; init; }

        public DateOnly Day { get; init; }

        public int Count { get; init; }
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
