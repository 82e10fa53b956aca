using System.Linq.Expressions;

namespace Rectification.Core.Findings;

/// <summary>Where an open finding stands against its deadline; derived, never stored.</summary>
public enum DeadlineState
{
    /// <summary>No deadline set, or the finding is closed.</summary>
    None,
    OnTrack,
    DueSoon,
    Overdue,
}

public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>An open finding due within this many days (today included) is "due soon".</summary>
    public int DueSoonDays { get; set; } = 7;
}

/// <summary>
/// Overdue and due-soon in one place, both as a classification of one finding and as query predicates,
/// so the lists, the filters and the badges always agree.
/// </summary>
public static class DeadlineRules
{
    public static DeadlineState Classify(DateOnly? deadline, FindingStatus status, DateOnly today, int dueSoonDays)
    {
        if (deadline is not { } due || status == FindingStatus.Closed)
        {
            return DeadlineState.None;
        }

        if (due < today)
        {
            return DeadlineState.Overdue;
        }

        return due <= today.AddDays(dueSoonDays) ? DeadlineState.DueSoon : DeadlineState.OnTrack;
    }

    /// <summary>Open and past its deadline (the deadline day itself is not yet overdue).</summary>
    public static Expression<Func<Finding, bool>> IsOverdue(DateOnly today) =>
        f => f.Status != FindingStatus.Closed && f.Deadline != null && f.Deadline < today;

    public static Expression<Func<Finding, bool>> IsDueSoon(DateOnly today, int dueSoonDays)
    {
        var last = today.AddDays(dueSoonDays);
        return f => f.Status != FindingStatus.Closed && f.Deadline != null && f.Deadline >= today && f.Deadline <= last;
    }
}
