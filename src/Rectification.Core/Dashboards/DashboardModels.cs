using Rectification.Core.Findings;
using Rectification.Core.Inspections;

namespace Rectification.Core.Dashboards;

public sealed class DashboardFilter
{
    public int? InspectionId { get; set; }

    /// <summary>The unit to look at (its subtree); the user's own unit when not given.</summary>
    public int? UnitId { get; set; }
}

/// <summary>One row of the per-unit ranking: a child unit of the focus, with everything below it rolled up.</summary>
public sealed record UnitRow(int UnitId, string UnitName, bool IsFocus, int Total, int Closed, int Overdue, double? AverageDaysToClose)
{
    public double CompletionRate => Total == 0 ? 0 : (double)Closed / Total;
}

public sealed record CategoryRow(int CategoryId, int Ordinal, string Name, int Total, int Closed, int Overdue);

/// <summary>One week of the trend: closed off in the week, deadlines falling in it, and both added up so far.</summary>
public sealed record TrendWeek(DateOnly Start, DateOnly End, int Closed, int Planned, int ClosedSoFar, int PlannedSoFar);

public sealed record DashboardData(
    DashboardFilter Filter,
    int FocusUnitId,
    string FocusUnitName,
    string? InspectionTitle,
    IReadOnlyList<InspectionOption> Inspections,
    IReadOnlyDictionary<FindingStatus, int> ByStatus,
    IReadOnlyDictionary<Light, int> ByLight,
    IReadOnlyList<CategoryRow> Categories,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<FindingListItem> Overdue,
    IReadOnlyList<FindingListItem> DueSoon,
    IReadOnlyList<TrendWeek> Trend,
    int OpenUrges,
    int Mechanisms,
    FollowUpCounts FollowUps)
{
    public int Total => ByStatus.Values.Sum();

    public int Closed => ByStatus.GetValueOrDefault(FindingStatus.Closed);

    public double CompletionRate => Total == 0 ? 0 : (double)Closed / Total;
}
