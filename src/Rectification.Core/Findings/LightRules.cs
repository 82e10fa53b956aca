using System.Linq.Expressions;
using Rectification.Core.Common;

namespace Rectification.Core.Findings;

/// <summary>
/// The light rules in one place. When a finding is saved, its <see cref="LightBand"/> and the day its warning starts
/// (<see cref="WarningFrom"/>) are worked out once, from its status, kind, dates and the deadline options; on any day
/// its light is then a comparison of today with two stored dates — in memory (<see cref="Classify(LightFacts, DateOnly)"/>,
/// for badges) and in queries (<see cref="Is"/>, for lists, filters and reminders), so every badge and number agree,
/// and the counters (Counting/FindingTally) count the same dates.
/// </summary>
public static class LightRules
{
    public static LightBand BandOf(FindingStatus status, FindingKind kind, DateOnly? deadline, DateOnly? closedOn) =>
        status == FindingStatus.Closed
            ? deadline is { } due && closedOn is { } closed && closed > due ? LightBand.ClosedLate : LightBand.ClosedOnTime
            : kind == FindingKind.LongTerm ? LightBand.LongTerm
            : deadline is null ? LightBand.Undated
            : LightBand.Dated;

    /// <summary>
    /// The first day a dated finding shows yellow: <see cref="DeadlineOptions.DueSoonDays"/> before its deadline, or the
    /// day it has used <see cref="DeadlineOptions.WarningShare"/> of its time since <paramref name="start"/> (the day
    /// it was assigned, else the inspection's feedback date), whichever comes first. Null for other bands.
    /// </summary>
    /// <remarks>
    /// "Used at least the share" is <c>today − start ≥ share × (deadline − start)</c>; for a whole number of days that
    /// holds exactly from <c>start + ⌈share × (deadline − start)⌉</c>.
    /// </remarks>
    /// <remarks>
    /// A measure past its own deadline while unfinished warns too: from the day after the earliest such deadline
    /// (<paramref name="measuresDueBy"/>), the finding shows at least yellow — red stays the finding's own deadline.
    /// </remarks>
    public static DateOnly? WarningFrom(LightBand band, DateOnly? deadline, DateOnly start, DeadlineOptions options, DateOnly? measuresDueBy = null)
    {
        if (band != LightBand.Dated || deadline is not { } due)
        {
            return null;
        }

        var dueSoon = due.AddDays(-options.DueSoonDays);
        var shareUsed = start.AddDays((int)Math.Ceiling(options.WarningShare * (due.DayNumber - start.DayNumber)));
        var first = dueSoon < shareUsed ? dueSoon : shareUsed;
        if (measuresDueBy is { } measureDue && measureDue.AddDays(1) < first)
        {
            first = measureDue.AddDays(1);
        }

        return first < due ? first : due; // never after the deadline, whatever the options say
    }

    /// <summary>The earliest deadline of a measure not yet done (<see cref="Finding.MeasuresDueBy"/>).</summary>
    public static DateOnly? MeasuresDueBy(IEnumerable<Measure> measures) =>
        measures.Where(m => m.DoneDate is null && m.Deadline is not null).Min(m => m.Deadline);

    /// <summary>
    /// How many days an unfinished measure is past its own deadline (shown red on the finding, reminded by the job);
    /// null when it is done, undated or not yet due.
    /// </summary>
    public static int? MeasureDaysOverdue(DateOnly? deadline, DateOnly? doneDate, DateOnly today) =>
        doneDate is null && deadline is { } due && due < today ? today.DayNumber - due.DayNumber : null;

    public static Light Classify(LightFacts f, DateOnly today) => f.Band switch
    {
        LightBand.ClosedLate => Light.ClosedLate,
        LightBand.ClosedOnTime => Light.ClosedOnTime,
        LightBand.LongTerm => Light.Blue,
        LightBand.Undated => Light.None,
        _ when f.Deadline < today => Light.Red,
        _ when f.WarningFrom <= today => Light.Yellow,
        _ => Light.Green,
    };

    /// <summary>The findings that show <paramref name="light"/> today: comparisons of stored columns, which indexes serve.</summary>
    public static Expression<Func<Finding, bool>> Is(Light light, DateOnly today) => light switch
    {
        Light.ClosedLate => f => f.Band == LightBand.ClosedLate,
        Light.ClosedOnTime => f => f.Band == LightBand.ClosedOnTime,
        Light.Blue => f => f.Band == LightBand.LongTerm,
        Light.None => f => f.Band == LightBand.Undated,
        Light.Red => f => f.Band == LightBand.Dated && f.Deadline < today,
        Light.Yellow => f => f.Band == LightBand.Dated && f.Deadline >= today && f.WarningFrom <= today,
        Light.Green => f => f.Band == LightBand.Dated && f.WarningFrom > today,
        _ => throw new ArgumentOutOfRangeException(nameof(light), light, null),
    };

    /// <summary>The light as a number inside a query (a CASE expression), for grouping and counting in the database.</summary>
    public static Expression<Func<Finding, int>> Code(DateOnly today)
    {
        var finding = Expression.Parameter(typeof(Finding), "f");
        Expression code = Expression.Constant((int)Light.Green);
        foreach (var light in new[] { Light.Yellow, Light.Red, Light.None, Light.Blue, Light.ClosedOnTime, Light.ClosedLate })
        {
            var test = Is(light, today);
            var body = new ParameterReplacer(test.Parameters[0], finding).Visit(test.Body);
            code = Expression.Condition(body, Expression.Constant((int)light), code);
        }

        return Expression.Lambda<Func<Finding, int>>(code, finding);
    }
}
