using Rectification.Core.Accounts;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.Core.Units;

namespace Rectification.Core.Inspections;

public class Inspection : IVersioned
{
    public int Id { get; set; }

    /// <summary>e.g. 县委第一巡察组巡察县教育和体育局党组.</summary>
    public required string Title { get; set; }

    /// <summary>巡察组, e.g. 县委第一巡察组.</summary>
    public required string TeamName { get; set; }

    public int InspectedUnitId { get; set; }

    public OrgUnit? InspectedUnit { get; set; }

    /// <summary>第一责任人: the inspected unit's party secretary.</summary>
    public string? FirstResponsibleUserId { get; set; }

    public AppUser? FirstResponsibleUser { get; set; }

    public DateOnly InspectionStart { get; set; }

    public DateOnly InspectionEnd { get; set; }

    public DateOnly FeedbackDate { get; set; }

    public DateOnly RectificationDueDate { get; set; }

    public InspectionStatus Status { get; set; }

    public List<FindingCategory> Categories { get; } = [];

    public List<Finding> Findings { get; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
