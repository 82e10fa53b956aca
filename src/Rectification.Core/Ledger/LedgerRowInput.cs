namespace Rectification.Core.Ledger;

/// <summary>
/// The preview's correction of one row: the cells an office corrects after a document was recognised (category,
/// title and description, unit, people, deadline). The other cells of the row stay as they were read.
/// </summary>
public sealed class LedgerRowInput
{
    public int RowNumber { get; set; }

    public string? Category { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? OwningUnit { get; set; }

    public string? Leader { get; set; }

    public string? Department { get; set; }

    public string? Person { get; set; }

    /// <summary>As typed or as a date input sends it (yyyy-MM-dd); checked like a ledger cell.</summary>
    public string? Deadline { get; set; }

    /// <summary>The title on one line: the ledger cell's first line is the title.</summary>
    public string CleanTitle => string.Join(" ", (Title ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    /// <summary>The row with this input's cells in place of its own.</summary>
    public LedgerSourceRow ApplyTo(LedgerSourceRow row)
    {
        var cells = new Dictionary<string, string>(row.Cells)
        {
            [LedgerColumns.Category.Key] = Clean(Category),
            [LedgerColumns.Description.Key] = LedgerRow.DescriptionCell(CleanTitle, Clean(Description)),
            [LedgerColumns.OwningUnit.Key] = Clean(OwningUnit),
            [LedgerColumns.Leader.Key] = Clean(Leader),
            [LedgerColumns.Department.Key] = Clean(Department),
            [LedgerColumns.Person.Key] = Clean(Person),
            [LedgerColumns.Deadline.Key] = Clean(Deadline),
        };
        return row with { Cells = cells };
    }

    private static string Clean(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}

/// <summary>A row being corrected in the preview: its batch, the input, and what is wrong with it.</summary>
public sealed record LedgerRowCorrection(LedgerImportTarget Target, Guid BatchId, string FileName, LedgerRowInput Input, IReadOnlyList<LedgerError> Errors);
