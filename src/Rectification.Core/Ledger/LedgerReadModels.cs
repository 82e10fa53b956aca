using Rectification.Core.Findings;

namespace Rectification.Core.Ledger;

/// <summary>
/// A problem found in an uploaded ledger: the row (the file's row number, header = 1) and the column's Chinese
/// heading when it concerns one cell, and a message key with its arguments.
/// </summary>
public sealed record LedgerError(int? Row, string? Column, string Message, params object[] Args);

/// <summary>The inspection findings are imported into, with what the template and the pages need of it.</summary>
public sealed record LedgerImportTarget(
    int InspectionId, string InspectionTitle, DateOnly FeedbackDate, DateOnly RectificationDueDate, string InspectedUnitName, IReadOnlyList<string> Categories);

/// <summary>One finding the import will create, as read and matched.</summary>
public sealed record LedgerPreviewRow(
    int RowNumber,
    int CategoryOrdinal,
    string Category,
    string Title,
    string Description,
    IReadOnlyList<string> Measures,
    FindingKind Kind,
    string OwningUnit,
    string? Leader,
    string? Department,
    string? Person,
    DateOnly? Deadline,
    string Summary);

/// <summary>
/// What an upload would create. With errors nothing can be imported and <see cref="BatchId"/> is null; without,
/// the batch waits for the user's confirmation.
/// </summary>
public sealed record LedgerPreview(
    LedgerImportTarget Target,
    string FileName,
    IReadOnlyList<LedgerPreviewRow> Rows,
    IReadOnlyList<LedgerError> Errors,
    IReadOnlyList<int> SkippedExampleRows)
{
    public Guid? BatchId { get; init; }

    /// <summary>Set when the batch was already imported (a second confirmation, or the back button).</summary>
    public bool Imported { get; init; }
}

public sealed record LedgerImportResult(Guid BatchId, LedgerImportTarget Target, string FileName, int Count, DateTime ImportedAt);
