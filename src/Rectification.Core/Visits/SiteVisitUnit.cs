using Rectification.Core.Units;

namespace Rectification.Core.Visits;

/// <summary>A unit the visit went to (逐单位): one holding findings of the visit's inspection.</summary>
public class SiteVisitUnit
{
    public int SiteVisitId { get; set; }

    public SiteVisit? SiteVisit { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }
}
