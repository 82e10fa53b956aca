using Rectification.Core.Findings;

namespace Rectification.Core.Counting;

/// <summary>What a <see cref="FindingTally"/> row counts findings by.</summary>
public enum TallyEvent
{
    /// <summary>Every finding, once (<see cref="FindingTally.Day"/> is <see cref="FindingTally.NoDay"/>).</summary>
    Total = 0,

    /// <summary>Findings with a deadline, by their deadline: red (before today), the trend's planned weeks, deadline ranges.</summary>
    Deadline = 1,

    /// <summary>Dated open findings, by the first day they show yellow (<see cref="Finding.WarningFrom"/>).</summary>
    WarningFrom = 2,

    /// <summary>Closed findings, by their close-off day: the trend's closed weeks.</summary>
    ClosedOn = 3,

    /// <summary>
    /// <see cref="Deadline"/> by month (<see cref="FindingTally.Day"/> is the month's first day): "before a day" is the
    /// whole months before it plus the days of its own month, a few dozen rows instead of one per day since the first
    /// deadline — what a province's red count and trend read.
    /// </summary>
    DeadlineMonth = 4,

    /// <summary><see cref="WarningFrom"/> by month.</summary>
    WarningFromMonth = 5,

    /// <summary><see cref="ClosedOn"/> by month.</summary>
    ClosedOnMonth = 6,
}

/// <summary>Days and months of the tally events.</summary>
public static class TallyEvents
{
    /// <summary>The month rows of a day event.</summary>
    public static TallyEvent MonthOf(TallyEvent dayEvent) => dayEvent switch
    {
        TallyEvent.Deadline => TallyEvent.DeadlineMonth,
        TallyEvent.WarningFrom => TallyEvent.WarningFromMonth,
        TallyEvent.ClosedOn => TallyEvent.ClosedOnMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(dayEvent), dayEvent, "Only day events have month rows."),
    };

    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>
/// How many findings of a unit's subtree are in a status and light band, in total or by the day of an event. Every
/// finding counts under its owning unit and each unit above it (with <see cref="OwnUnit"/> telling the owning unit's
/// own rows apart), so the figures of any unit — a school or the whole province — are a sum over a few hundred rows
/// at most, whatever the number of findings. Kept exact in the transaction of every change (<see cref="TallyWriter"/>);
/// read by <see cref="TallyQueries"/>.
/// </summary>
public class FindingTally
{
    /// <summary>
    /// The day of <see cref="TallyEvent.Total"/> rows: a plain date before any deadline, not <see cref="DateOnly.MinValue"/>,
    /// which Npgsql sends to PostgreSQL as -infinity (so a row written one way would not be found the other).
    /// </summary>
    public static readonly DateOnly NoDay = new(1900, 1, 1);

    public int UnitId { get; set; }

    public TallyEvent Event { get; set; }

    public DateOnly Day { get; set; }

    public FindingStatus Status { get; set; }

    public LightBand Band { get; set; }

    /// <summary>The findings owned by the unit itself, not by a unit below it (a dashboard's 本级, a liaison's scope).</summary>
    public bool OwnUnit { get; set; }

    public int Count { get; set; }

    /// <summary>Total rows of closed findings: the days they took to close, added up (for the average).</summary>
    public long DaysToClose { get; set; }
}
