using Rectification.Core.Findings;
using Rectification.Core.Units;

namespace Rectification.Core.Counting;

/// <summary>The key of one <see cref="FindingTally"/> row.</summary>
internal readonly record struct TallyKey(int UnitId, TallyEvent Event, DateOnly Day, FindingStatus Status, LightBand Band, bool OwnUnit)
{
    public static TallyKey Of(FindingTally row) => new(row.UnitId, row.Event, row.Day, row.Status, row.Band, row.OwnUnit);
}

/// <summary>The key of one <see cref="InspectionTally"/> row.</summary>
internal readonly record struct InspectionTallyKey(int UnitId, int InspectionId, bool OwnUnit, bool Draft)
{
    public static InspectionTallyKey Of(InspectionTally row) => new(row.UnitId, row.InspectionId, row.OwnUnit, row.Draft);
}

/// <summary>The columns of one finding that the tallies count it by, as stored.</summary>
internal readonly record struct TallyFacts(
    string OwningUnitPath, int InspectionId, FindingStatus Status, LightBand Band, DateOnly? Deadline, DateOnly? WarningFrom, DateOnly? ClosedOn, int? DaysToClose);

/// <summary>What to add to the tallies, row by row: a finding's rows counted in (+1) or out (−1).</summary>
internal sealed class TallyDeltas
{
    private readonly Dictionary<TallyKey, (int Count, long DaysToClose)> _deltas = [];
    private readonly Dictionary<InspectionTallyKey, int> _inspections = [];

    /// <summary>The rows that change, each with what to add to its count and its days to close.</summary>
    public IEnumerable<KeyValuePair<TallyKey, (int Count, long DaysToClose)>> Changes =>
        _deltas.Where(d => d.Value.Count != 0 || d.Value.DaysToClose != 0);

    /// <summary>The inspection rows that change, each with what to add to its count.</summary>
    public IEnumerable<KeyValuePair<InspectionTallyKey, int>> InspectionChanges => _inspections.Where(d => d.Value != 0);

    public bool IsEmpty => !Changes.Any() && !InspectionChanges.Any();

    /// <summary>
    /// The rows of one finding: under its owning unit (<see cref="FindingTally.OwnUnit"/>) and each unit above it, its
    /// total, and its deadline, warning day and close-off day where it has them.
    /// </summary>
    public void Add(TallyFacts f, int sign)
    {
        var ids = UnitPath.Ids(f.OwningUnitPath);
        var owner = ids[^1];
        foreach (var unit in ids)
        {
            var own = unit == owner;
            Add(new TallyKey(unit, TallyEvent.Total, FindingTally.NoDay, f.Status, f.Band, own), sign, sign * (long)(f.DaysToClose ?? 0));
            if (f.Deadline is { } deadline)
            {
                AddDay(new TallyKey(unit, TallyEvent.Deadline, deadline, f.Status, f.Band, own), sign);
            }

            if (f.WarningFrom is { } warning)
            {
                AddDay(new TallyKey(unit, TallyEvent.WarningFrom, warning, f.Status, f.Band, own), sign);
            }

            if (f.Status == FindingStatus.Closed && f.ClosedOn is { } closed)
            {
                AddDay(new TallyKey(unit, TallyEvent.ClosedOn, closed, f.Status, f.Band, own), sign);
            }

            Add(new InspectionTallyKey(unit, f.InspectionId, own, f.Status == FindingStatus.Draft), sign);
        }
    }

    /// <summary>A day row and its month's row.</summary>
    private void AddDay(TallyKey key, int sign)
    {
        Add(key, sign, 0);
        Add(key with { Event = TallyEvents.MonthOf(key.Event), Day = TallyEvents.MonthStart(key.Day) }, sign, 0);
    }

    public void Add(InspectionTallyKey key, int count) => _inspections[key] = _inspections.GetValueOrDefault(key) + count;

    public void Add(TallyKey key, int count, long daysToClose)
    {
        var (c, d) = _deltas.GetValueOrDefault(key);
        _deltas[key] = (c + count, d + daysToClose);
    }
}
