using Rectification.Core.Findings;
using Rectification.Core.Units;

namespace Rectification.Core.Urging;

/// <summary>
/// 督办: a leader or the inspection office presses a unit about one finding (or all its open findings), with a
/// message and a date by which they expect results. The unit must acknowledge it (签收).
/// </summary>
public class Urge
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    /// <summary>The finding concerned, or null when the whole unit is urged.</summary>
    public int? FindingId { get; set; }

    public Finding? Finding { get; set; }

    public required string Message { get; set; }

    public DateOnly ExpectedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public string? AcknowledgedById { get; set; }

    public string? AcknowledgedByName { get; set; }
}
