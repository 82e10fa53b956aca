namespace Rectification.Core.Reports;

/// <summary>Whether an inspection has its report yet, for the inspection's page.</summary>
public sealed record ReportSummary(int Id, string Slug, bool IsPublished, DateTime? PublishedAt, DateTime UpdatedAt);

public sealed record ReportDetails(
    int Id,
    int InspectionId,
    string InspectionTitle,
    string Slug,
    ReportDocument Draft,
    bool IsPublished,
    DateTime? PublishedAt,
    string? PublishedByName,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Published, and the draft has been edited since: the public still reads the published text.</summary>
    public bool HasUnpublishedChanges { get; init; }

    /// <summary>Section 二 still has a finding without its 落实情况; publishing waits for it.</summary>
    public bool HasMissingSummaries { get; init; }

    public int NewComments { get; init; }

    public bool CanEdit { get; init; }
}

/// <summary>
/// Section 二 regenerated from the ledger beside the draft's, paragraph by paragraph, before the user accepts it.
/// <see cref="Hash"/> identifies the regenerated text, so accepting takes exactly what was shown.
/// </summary>
public sealed record RegenerationPreview(
    int ReportId, int InspectionId, string InspectionTitle, int Version, string Hash, IReadOnlyList<ParagraphChange> Changes)
{
    public bool HasChanges => ParagraphDiff.HasChanges(Changes);
}

/// <summary>A published report as the public list shows it.</summary>
public sealed record PublishedReportItem(string Slug, string Title, DateTime PublishedAt);

/// <summary>A published report as the public reads it: the document frozen at publication.</summary>
public sealed record PublishedReportView(string Slug, ReportDocument Document, DateTime PublishedAt);
