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

    /// <summary>
    /// 巡察组简称, e.g. 县委巡察组: how the public report names the team after introducing it (and, without its
    /// 巡察组, the committee that deployed it: 根据县委统一部署). Empty: the report uses <see cref="TeamName"/>.
    /// </summary>
    public string? TeamShortName { get; set; }

    /// <summary>
    /// 被巡察党组织, e.g. 县教育和体育局党组: the party organisation the team inspected and reported back to, as the
    /// report's opening names it. Empty: the inspected unit's name followed by 党组.
    /// </summary>
    public string? PartyOrganisation { get; set; }

    /// <summary>
    /// 党组织全称, e.g. 中共嘉祥县教育和体育局党组: the report's issuer, in its title and signature. Kept whole rather
    /// than as 中共{…}党组 around a unit name, because a township's is a 党委 and a school's a 党支部.
    /// </summary>
    public string? PartyOrganisationFullName { get; set; }

    public int InspectedUnitId { get; set; }

    public OrgUnit? InspectedUnit { get; set; }

    /// <summary>
    /// The inspected unit's path (<see cref="OrgUnit.Path"/>), kept with the inspection so that "inspects a unit in the
    /// scope" is a range of this column. Derived (<see cref="Data.DerivedColumns"/>).
    /// </summary>
    public string InspectedUnitPath { get; set; } = string.Empty;

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
