using Rectification.Core.Findings;

namespace Rectification.Core.Inspections;

/// <summary>Counts of the findings the current user can see.</summary>
public sealed record FindingCounts(int Total, int Closed, int Overdue, int DueSoon)
{
    public double CompletionRate => Total == 0 ? 0 : (double)Closed / Total;
}

public sealed record InspectionListItem(
    int Id,
    string Title,
    string TeamName,
    string InspectedUnitName,
    DateOnly InspectionStart,
    DateOnly InspectionEnd,
    DateOnly FeedbackDate,
    DateOnly RectificationDueDate,
    InspectionStatus Status,
    FindingCounts Counts);

public sealed record CategoryFinding(
    int Id,
    int Ordinal,
    string Title,
    string OwningUnitName,
    string? ResponsiblePersonName,
    DateOnly? Deadline,
    FindingKind Kind,
    FindingStatus Status,
    LightBand Band,
    DateOnly? WarningFrom)
{
    public Light Light { get; init; }
}

public sealed record CategorySummary(int Id, int Ordinal, string Name, IReadOnlyList<CategoryFinding> Findings)
{
    public FindingCounts Counts { get; init; } = new(0, 0, 0, 0);
}

public sealed record InspectionDetails(
    int Id,
    string Title,
    string TeamName,
    int InspectedUnitId,
    string InspectedUnitName,
    string? FirstResponsibleName,
    string? FirstResponsibleTitle,
    DateOnly InspectionStart,
    DateOnly InspectionEnd,
    DateOnly FeedbackDate,
    DateOnly RectificationDueDate,
    InspectionStatus Status,
    IReadOnlyList<CategorySummary> Categories)
{
    public FindingCounts Counts { get; init; } = new(0, 0, 0, 0);

    public bool CanEdit { get; init; }

    /// <summary>May draft, publish and unpublish the inspection's public report (inspection office or administrator).</summary>
    public bool CanEditReport { get; init; }

    /// <summary>巡察组简称, as the public report names the team; null when not entered.</summary>
    public string? TeamShortName { get; init; }

    /// <summary>被巡察党组织, e.g. 县教育和体育局党组; null when not entered.</summary>
    public string? PartyOrganisation { get; init; }

    /// <summary>党组织全称, e.g. 中共嘉祥县教育和体育局党组; null when not entered.</summary>
    public string? PartyOrganisationFullName { get; init; }
}

public sealed record InspectionHeader(int Id, string Title, DateOnly FeedbackDate, string InspectedUnitPath, bool CanAddFinding);

public sealed record InspectionOption(int Id, string Title, DateOnly FeedbackDate);

public sealed record CategoryOption(int Id, int Ordinal, string Name);

/// <summary>The inspection and category pickers of a filter form, and the selected inspection if the user may see it.</summary>
public sealed record InspectionPicker(IReadOnlyList<InspectionOption> Options, InspectionOption? Selected, IReadOnlyList<CategoryOption> SelectedCategories);
