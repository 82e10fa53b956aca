using Rectification.Core.Findings;

namespace Rectification.Core.Extensions;

public enum ExtensionStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>延期申请: the owning unit asks for a later deadline; the inspection office approves or rejects.</summary>
public class DeadlineExtension
{
    public int Id { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    /// <summary>The deadline when the request was made.</summary>
    public DateOnly? CurrentDeadline { get; set; }

    public DateOnly RequestedDeadline { get; set; }

    public required string Reason { get; set; }

    public DateTime RequestedAt { get; set; }

    public string? RequestedById { get; set; }

    public required string RequestedByName { get; set; }

    public ExtensionStatus Status { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecidedById { get; set; }

    public string? DecidedByName { get; set; }

    public string? DecisionNote { get; set; }
}
