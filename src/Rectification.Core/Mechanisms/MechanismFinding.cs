using Rectification.Core.Findings;

namespace Rectification.Core.Mechanisms;

/// <summary>A finding a mechanism answers. Both belong to the same inspection.</summary>
public class MechanismFinding
{
    public int MechanismId { get; set; }

    public Mechanism? Mechanism { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }
}
