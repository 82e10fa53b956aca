using Rectification.Core.Common;
using Rectification.Core.Inspections;

namespace Rectification.Core.Visits;

/// <summary>
/// 现场查验: one visit of the inspection office to the units of an inspection, on one day, by a team, with a result
/// for each finding it checked. A close-off "by on-site check" points to the visit that found the finding 到位.
/// </summary>
public class SiteVisit : IVersioned
{
    public int Id { get; set; }

    public int InspectionId { get; set; }

    public Inspection? Inspection { get; set; }

    /// <summary>查验日期, a calendar date in China Standard Time.</summary>
    public DateOnly VisitedOn { get; set; }

    /// <summary>
    /// 查验组: the members' names joined by 、, as the finding's page and the report name them. Kept as the names of
    /// the day, chosen from the office's accounts or typed for people without one (a leader, a borrowed auditor).
    /// </summary>
    public string Team { get; set; } = string.Empty;

    public List<SiteVisitUnit> Units { get; } = [];

    public List<SiteVisitResult> Results { get; } = [];

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
