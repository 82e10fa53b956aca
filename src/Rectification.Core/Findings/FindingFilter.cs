using Rectification.Core.Common;

namespace Rectification.Core.Findings;

public enum FindingSort
{
    /// <summary>Inspection, then category, then ordinal: the order of the ledger and the report.</summary>
    Ledger,
    Deadline,
    Status,
    Unit,
    Updated,
}

/// <summary>Why a filter finds nothing without asking the database: the list shows the reason on its form.</summary>
public enum FindingFilterProblem
{
    /// <summary>A keyword longer than <see cref="FindingFilter.MaxTextLength"/> (a pasted paragraph): no title is that long.</summary>
    TextTooLong,

    /// <summary>The deadline range ends before it starts.</summary>
    DeadlineRangeReversed,

    /// <summary>The close-off range ends before it starts.</summary>
    ClosedRangeReversed,
}

/// <summary>The findings list's filters, bound straight from the query string.</summary>
public sealed class FindingFilter
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The longest keyword searched for: past it, a search would scan every finding in scope for nothing.</summary>
    public const int MaxTextLength = 100;

    public int? InspectionId { get; set; }

    public int? CategoryId { get; set; }

    /// <summary>Owning unit; its sub-units are included unless <see cref="UnitExact"/>.</summary>
    public int? UnitId { get; set; }

    /// <summary>Only findings owned by <see cref="UnitId"/> itself (a dashboard's "本级" row).</summary>
    public bool UnitExact { get; set; }

    public FindingStatus? Status { get; set; }

    public FindingKind? Kind { get; set; }

    /// <summary>红黄绿灯: only findings showing this light today.</summary>
    public Light? Light { get; set; }

    /// <summary>Shorthand for the red light, kept for links and bookmarks.</summary>
    public bool Overdue { get; set; }

    /// <summary>Shorthand for the yellow light.</summary>
    public bool DueSoon { get; set; }

    public DateOnly? DeadlineFrom { get; set; }

    public DateOnly? DeadlineTo { get; set; }

    public DateOnly? ClosedFrom { get; set; }

    public DateOnly? ClosedTo { get; set; }

    /// <summary>Words to find in the title, description or rectification summary.</summary>
    public string? Text { get; set; }

    public FindingSort Sort { get; set; } = FindingSort.Ledger;

    public bool Descending { get; set; }

    public int Page { get; set; } = 1;

    public int PageSize { get; set; } = DefaultPageSize;

    public FindingFilter Normalised() => new()
    {
        InspectionId = InspectionId,
        CategoryId = CategoryId,
        UnitId = UnitId,
        UnitExact = UnitExact,
        Status = Status,
        Kind = Kind,
        Light = Light,
        Overdue = Overdue,
        DueSoon = DueSoon,
        DeadlineFrom = DateBounds.Bounded(DeadlineFrom),
        DeadlineTo = DateBounds.Bounded(DeadlineTo),
        ClosedFrom = DateBounds.Bounded(ClosedFrom),
        ClosedTo = DateBounds.Bounded(ClosedTo),
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Sort = Sort,
        Descending = Descending,
        Page = Math.Max(1, Page),
        PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
    };

    /// <summary>What makes the filter find nothing whatever the data (checked on a <see cref="Normalised"/> filter).</summary>
    public IReadOnlyList<FindingFilterProblem> Problems()
    {
        var problems = new List<FindingFilterProblem>();
        if (Text is { Length: > MaxTextLength })
        {
            problems.Add(FindingFilterProblem.TextTooLong);
        }

        if (DeadlineFrom > DeadlineTo)
        {
            problems.Add(FindingFilterProblem.DeadlineRangeReversed);
        }

        if (ClosedFrom > ClosedTo)
        {
            problems.Add(FindingFilterProblem.ClosedRangeReversed);
        }

        return problems;
    }
}
