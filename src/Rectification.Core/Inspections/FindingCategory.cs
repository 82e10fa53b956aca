using Rectification.Core.Findings;

namespace Rectification.Core.Inspections;

/// <summary>A 方面 of one inspection; its ordinal drives (一)(二)… in the report.</summary>
public class FindingCategory
{
    public int Id { get; set; }

    public int InspectionId { get; set; }

    public Inspection? Inspection { get; set; }

    public int Ordinal { get; set; }

    public required string Name { get; set; }

    public List<Finding> Findings { get; } = [];
}
