using System.Globalization;
using Rectification.Core.Findings;
using Rectification.Core.Text;

namespace Rectification.Core.Ledger;

/// <summary>One finding as a row of the ledger, as export writes it and import reads it back.</summary>
public sealed record LedgerRow(
    int Number,
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
    DateOnly? OriginalDeadline,
    FindingStatus Status,
    string Summary,
    int EvidenceCount,
    DateOnly? ClosedOn)
{
    /// <summary>
    /// 问题描述: the title, and the description below it. The title is a single line (the form has no line breaks in
    /// it), so the first line of the cell gives it back on import.
    /// </summary>
    public static string DescriptionCell(string title, string description) =>
        string.IsNullOrEmpty(description) ? title : title + "\n" + description;

    /// <summary>整改措施: one measure a line, numbered "1. …".</summary>
    public static string MeasuresCell(IEnumerable<string> measures) =>
        string.Join("\n", measures.Select((m, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {m}")));

    /// <summary>The value of a column: text, a whole number, or a date; <c>null</c> for an empty cell.</summary>
    public object? ValueOf(LedgerColumn column) => column.Key switch
    {
        nameof(LedgerColumns.Number) => Number,
        nameof(LedgerColumns.Category) => Category,
        nameof(LedgerColumns.Description) => DescriptionCell(Title, Description),
        nameof(LedgerColumns.Measures) => MeasuresCell(Measures),
        nameof(LedgerColumns.Kind) => EnumNames.Of(Kind),
        nameof(LedgerColumns.OwningUnit) => OwningUnit,
        nameof(LedgerColumns.Leader) => Leader ?? string.Empty,
        nameof(LedgerColumns.Department) => Department ?? string.Empty,
        nameof(LedgerColumns.Person) => Person ?? string.Empty,
        nameof(LedgerColumns.Deadline) => Deadline,
        nameof(LedgerColumns.OriginalDeadline) => OriginalDeadline,
        nameof(LedgerColumns.Status) => EnumNames.Of(Status),
        nameof(LedgerColumns.Summary) => Summary,
        nameof(LedgerColumns.EvidenceCount) => EvidenceCount,
        nameof(LedgerColumns.ClosedOn) => ClosedOn,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Key, "Not a ledger column."),
    };
}
