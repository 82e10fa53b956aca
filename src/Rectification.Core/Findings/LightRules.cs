using System.Linq.Expressions;
using Rectification.Core.Common;

namespace Rectification.Core.Findings;

/// <summary>
/// The light rules in one place, twice: as a classification of one finding (badges) and as query predicates
/// (lists, filters, dashboards, reminders), so that every number and every badge agree. The predicates use only
/// date arithmetic that EF Core translates on SQLite, PostgreSQL and SQL Server (<see cref="DateOnly.DayNumber"/>).
/// </summary>
public static class LightRules
{
    public static Light Classify(LightFacts f, DateOnly today, DeadlineOptions options)
    {
        if (f.Status == FindingStatus.Closed)
        {
            return f.Deadline is { } due && f.ClosedOn is { } closed && closed > due ? Light.ClosedLate : Light.ClosedOnTime;
        }

        if (f.Kind == FindingKind.LongTerm)
        {
            return Light.Blue;
        }

        if (f.Deadline is not { } deadline)
        {
            return Light.None;
        }

        if (deadline < today)
        {
            return Light.Red;
        }

        var used = today.DayNumber - f.Start.DayNumber;
        var total = deadline.DayNumber - f.Start.DayNumber;
        return deadline <= today.AddDays(options.DueSoonDays) || used >= options.WarningShare * total ? Light.Yellow : Light.Green;
    }

    /// <summary>The findings that show <paramref name="light"/> today.</summary>
    public static Expression<Func<Finding, bool>> Is(Light light, DateOnly today, DeadlineOptions options)
    {
        var soon = today.AddDays(options.DueSoonDays);
        var share = options.WarningShare;
        var day = today.DayNumber;
        return light switch
        {
            Light.ClosedLate => f => f.Status == FindingStatus.Closed && f.Deadline != null && f.ClosedOn != null && f.ClosedOn > f.Deadline,
            Light.ClosedOnTime => f => f.Status == FindingStatus.Closed && (f.Deadline == null || f.ClosedOn == null || f.ClosedOn <= f.Deadline),
            Light.Blue => f => f.Status != FindingStatus.Closed && f.Kind == FindingKind.LongTerm,
            Light.None => f => f.Status != FindingStatus.Closed && f.Kind != FindingKind.LongTerm && f.Deadline == null,
            Light.Red => f => f.Status != FindingStatus.Closed && f.Kind != FindingKind.LongTerm && f.Deadline != null && f.Deadline < today,
            Light.Yellow => f => f.Status != FindingStatus.Closed && f.Kind != FindingKind.LongTerm && f.Deadline != null && f.Deadline >= today
                && (f.Deadline <= soon
                    || day - (f.AssignedOn ?? f.Inspection!.FeedbackDate).DayNumber
                        >= share * (f.Deadline.Value.DayNumber - (f.AssignedOn ?? f.Inspection!.FeedbackDate).DayNumber)),
            Light.Green => f => f.Status != FindingStatus.Closed && f.Kind != FindingKind.LongTerm && f.Deadline != null && f.Deadline > soon
                && day - (f.AssignedOn ?? f.Inspection!.FeedbackDate).DayNumber
                    < share * (f.Deadline.Value.DayNumber - (f.AssignedOn ?? f.Inspection!.FeedbackDate).DayNumber),
            _ => throw new ArgumentOutOfRangeException(nameof(light), light, null),
        };
    }

    /// <summary>Open and past its deadline (red): the deadline day itself is not yet overdue.</summary>
    public static Expression<Func<Finding, bool>> IsOverdue(DateOnly today) =>
        Is(Light.Red, today, new DeadlineOptions());

    /// <summary>Due soon or most of its time used (yellow).</summary>
    public static Expression<Func<Finding, bool>> IsDueSoon(DateOnly today, DeadlineOptions options) =>
        Is(Light.Yellow, today, options);

    /// <summary>The light as a number inside a query (a CASE expression), for grouping and counting in the database.</summary>
    public static Expression<Func<Finding, int>> Code(DateOnly today, DeadlineOptions options)
    {
        var finding = Expression.Parameter(typeof(Finding), "f");
        Expression code = Expression.Constant((int)Light.Green);
        foreach (var light in new[] { Light.None, Light.Yellow, Light.Red, Light.Blue, Light.ClosedOnTime, Light.ClosedLate })
        {
            var test = Is(light, today, options);
            var body = new ParameterReplacer(test.Parameters[0], finding).Visit(test.Body);
            code = Expression.Condition(body, Expression.Constant((int)light), code);
        }

        return Expression.Lambda<Func<Finding, int>>(code, finding);
    }
}
