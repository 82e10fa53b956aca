using Rectification.Core.Common;
using Rectification.Core.Inspections;
using Rectification.Core.Units;

namespace Rectification.Core.Mechanisms;

/// <summary>
/// 长效机制 / 建章立制: a rule or document a unit issued during rectification (印发《…》), with its 文号 and date, the
/// findings it answers, and the document itself. Visible to whoever covers the issuing unit or a linked finding.
/// </summary>
public class Mechanism : IVersioned
{
    public int Id { get; set; }

    public int InspectionId { get; set; }

    public Inspection? Inspection { get; set; }

    /// <summary>The document's title without its book-title marks (《》), which every display adds.</summary>
    public required string Title { get; set; }

    /// <summary>文号, e.g. 嘉教体发〔2023〕5号; internal rules often have none.</summary>
    public string? DocumentNumber { get; set; }

    public int IssuingUnitId { get; set; }

    public OrgUnit? IssuingUnit { get; set; }

    public DateOnly IssueDate { get; set; }

    /// <summary>What the rule sets up, in a few sentences.</summary>
    public string Summary { get; set; } = string.Empty;

    public List<MechanismFinding> Findings { get; } = [];

    /// <summary>The issued document, newest first when read; an upload adds one and keeps the old.</summary>
    public List<MechanismDocument> Documents { get; } = [];

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
