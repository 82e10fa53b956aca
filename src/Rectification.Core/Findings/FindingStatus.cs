namespace Rectification.Core.Findings;

/// <summary>
/// DESIGN.md's status machine: Draft → Assigned → InProgress → Submitted → Closed,
/// Submitted → Returned → InProgress, Closed → Reopened → InProgress.
/// Overdue is derived from the deadline, never stored.
/// </summary>
public enum FindingStatus
{
    Draft = 0,
    Assigned = 1,
    InProgress = 2,
    Submitted = 3,
    Returned = 4,
    Closed = 5,
    Reopened = 6,
}
