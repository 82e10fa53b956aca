using Rectification.Core.Accounts;

namespace Rectification.Core.Findings;

/// <summary>回头看: one due check of a closed long-term (长期坚持) finding, answered by its unit and reviewed by the office.</summary>
public class FollowUp
{
    public int Id { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    /// <summary>The day the unit's answer is due, in China Standard Time.</summary>
    public DateOnly DueOn { get; set; }

    public FollowUpStatus Status { get; set; }

    /// <summary>The unit's account of how the rectification is being kept up.</summary>
    public string? AnswerNote { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public string? AnsweredById { get; set; }

    public AppUser? AnsweredBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? ReviewedById { get; set; }

    public AppUser? ReviewedBy { get; set; }

    /// <summary>The office's remark on accepting, or its reason for reopening the finding.</summary>
    public string? ReviewComment { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum FollowUpStatus
{
    /// <summary>待回头看: waiting for the unit's answer.</summary>
    Due = 0,

    /// <summary>已提交: answered, waiting for the office.</summary>
    Answered = 1,

    /// <summary>已通过: the office accepted the answer; the next one is scheduled.</summary>
    Accepted = 2,

    /// <summary>已重开: the office found the rectification slipping and reopened the finding.</summary>
    Reopened = 3,
}

/// <summary>How often a long-term finding is looked at again after close-off; the value is the number of months.</summary>
public enum FollowUpInterval
{
    Monthly = 1,
    Quarterly = 3,
    HalfYearly = 6,
    Yearly = 12,
}
