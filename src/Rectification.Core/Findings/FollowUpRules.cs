using System.Linq.Expressions;

namespace Rectification.Core.Findings;

/// <summary>
/// The 回头看 rules in one place: when the next one falls due, and which ones are open, due soon or lapsed — used by the
/// list, the dashboard, the finding's panel and the reminder job alike, so their numbers agree.
/// </summary>
public static class FollowUpRules
{
    /// <summary>Without a chosen interval, a long-term finding is looked at again every quarter.</summary>
    public const FollowUpInterval DefaultInterval = FollowUpInterval.Quarterly;

    /// <summary>
    /// The due day after an accepted one: one interval later, counted from the day it was due (not from the answer,
    /// so a late answer does not push the calendar back). Null when the schedule has ended.
    /// </summary>
    public static DateOnly? Next(DateOnly previousDue, FollowUpInterval every, DateOnly? until) =>
        Within(previousDue.AddMonths((int)every), until);

    private static DateOnly? Within(DateOnly due, DateOnly? until) => until is { } end && due > end ? null : due;

    /// <summary>Waiting for the unit or for the office, on a finding that is still closed.</summary>
    public static Expression<Func<FollowUp, bool>> Open { get; } =
        f => (f.Status == FollowUpStatus.Due || f.Status == FollowUpStatus.Answered) && f.Finding!.Status == FindingStatus.Closed;

    /// <summary>逾期未回头看: open and past its day — no accepted answer by then.</summary>
    public static Expression<Func<FollowUp, bool>> Lapsed(DateOnly today) =>
        f => (f.Status == FollowUpStatus.Due || f.Status == FollowUpStatus.Answered) && f.Finding!.Status == FindingStatus.Closed && f.DueOn < today;

    /// <summary>待回头看: unanswered, due today or within <paramref name="dueSoonDays"/> days (the deadline's warning window).</summary>
    public static Expression<Func<FollowUp, bool>> DueSoon(DateOnly today, int dueSoonDays)
    {
        var last = today.AddDays(dueSoonDays - 1);
        return f => f.Status == FollowUpStatus.Due && f.Finding!.Status == FindingStatus.Closed && f.DueOn >= today && f.DueOn <= last;
    }

    /// <summary><see cref="DueSoon"/> in memory, for a follow-up known to be on a closed finding.</summary>
    public static bool IsDueSoon(FollowUpStatus status, DateOnly dueOn, DateOnly today, int dueSoonDays) =>
        status == FollowUpStatus.Due && dueOn >= today && dueOn <= today.AddDays(dueSoonDays - 1);

    /// <summary><see cref="Lapsed"/> in memory, for a follow-up known to be on a closed finding.</summary>
    public static bool IsLapsed(FollowUpStatus status, DateOnly dueOn, DateOnly today) =>
        status is FollowUpStatus.Due or FollowUpStatus.Answered && dueOn < today;
}
