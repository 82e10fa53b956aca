namespace Rectification.Core.Counting;

/// <summary>
/// How many findings of an inspection a unit's subtree holds (with <see cref="OwnUnit"/> telling the unit's own apart,
/// and drafts apart): which inspections a scope sees through its findings, for the inspection pickers of every list
/// page and dashboard, read as a handful of rows of the scope's unit. Kept with <see cref="FindingTally"/>.
/// </summary>
public class InspectionTally
{
    public int UnitId { get; set; }

    public int InspectionId { get; set; }

    public bool OwnUnit { get; set; }

    public bool Draft { get; set; }

    public int Count { get; set; }
}
