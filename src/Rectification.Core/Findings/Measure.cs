using Rectification.Core.Accounts;

namespace Rectification.Core.Findings;

/// <summary>整改措施: one concrete step of a finding's rectification.</summary>
public class Measure
{
    public int Id { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    public int Ordinal { get; set; }

    public required string Description { get; set; }

    public string? OwnerId { get; set; }

    public AppUser? Owner { get; set; }

    public DateOnly? Deadline { get; set; }

    public DateOnly? DoneDate { get; set; }
}
