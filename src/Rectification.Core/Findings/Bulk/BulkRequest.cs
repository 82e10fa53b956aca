namespace Rectification.Core.Findings.Bulk;

/// <summary>The actions the findings list can apply to many findings at once.</summary>
public enum BulkAction
{
    /// <summary>交办: the draft → assigned move of <see cref="FindingWorkflow"/>.</summary>
    Assign,

    /// <summary>Sets the 整改时限, as the finding's edit form does.</summary>
    SetDeadline,

    /// <summary>督办 of each finding's unit, as the finding's urge form does.</summary>
    Urge,
}

/// <summary>
/// What the list posts: the action and its input, and which findings: the ticked ids, or every finding matching the
/// list's filter (<see cref="AllMatching"/>), which the server finds again within the user's scope.
/// </summary>
public sealed class BulkRequest
{
    public BulkAction Action { get; set; }

    public List<int> Ids { get; set; } = [];

    public bool AllMatching { get; set; }

    public FindingFilter Filter { get; set; } = new();

    /// <summary>交办's optional comment.</summary>
    public string? Comment { get; set; }

    /// <summary>The new 整改时限.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>督办意见.</summary>
    public string? Message { get; set; }

    /// <summary>督办's 要求完成日期.</summary>
    public DateOnly? ExpectedBy { get; set; }
}
