using Rectification.Core.Accounts;
using Rectification.Core.Common;

namespace Rectification.Core.Reports;

public enum ReportCommentStatus
{
    /// <summary>待处理.</summary>
    New = 0,

    /// <summary>已处理, with a note on what was done.</summary>
    Handled = 1,
}

/// <summary>
/// 意见建议: what a member of the public sent about a published report, without signing in. Name and telephone are
/// optional; the text is shown only encoded, wherever it appears.
/// </summary>
public class ReportComment : IVersioned
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public PublicReport? Report { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public required string Content { get; set; }

    public DateTime SubmittedAt { get; set; }

    public ReportCommentStatus Status { get; set; }

    /// <summary>处理情况: what the inspection office did about it.</summary>
    public string? Response { get; set; }

    public DateTime? HandledAt { get; set; }

    public string? HandledById { get; set; }

    public AppUser? HandledBy { get; set; }

    public string? HandledByName { get; set; }

    public int Version { get; set; }
}
