using System.Drawing;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Rectification.Core.Ledger;

/// <summary>
/// Writes ledger workbooks with MiniExcel: the ledger's columns with their widths, dates as real dates, wrapped
/// text, a frozen header row and a filter on it.
/// </summary>
internal static class LedgerXlsx
{
    // MiniExcel writes the header in white; a dark fill keeps it readable.
    private static readonly Color s_headerFill = Color.FromArgb(255, 0x1F, 0x4E, 0x79);

    /// <summary>
    /// Saves <paramref name="sheets"/> (sheet name → rows) to <paramref name="output"/>, writing each row as it is
    /// enumerated. MiniExcel's "fast mode" is left off on purpose: it seeks back into the sheet to fill in its size, for
    /// which the zip entry is kept in memory whole (the app's memory grew with the row count, measured); without it
    /// rows stream straight into the compressed entry and the optional size element is left out. The synchronous writer is used because
    /// MiniExcel 1.46.0's asynchronous one puts the sheet's drawing reference inside sheetData, which Excel repairs on
    /// opening; so the caller gives a file stream, not the response (Kestrel refuses synchronous writes).
    /// </summary>
    public static void Save(Stream output, IReadOnlyDictionary<string, object> sheets, IEnumerable<DynamicExcelColumn> extraColumns)
    {
        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            StyleOptions = new OpenXmlStyleOptions
            {
                WrapCellContents = true,
                VerticalAlignment = VerticalCellAlignment.Top,
                HeaderStyle = new OpenXmlHeaderStyle
                {
                    WrapText = true,
                    BackgroundColor = s_headerFill,
                    HorizontalAlignment = HorizontalCellAlignment.Center,
                    VerticalAlignment = VerticalCellAlignment.Center,
                },
            },
            DynamicColumns = LedgerColumns.All
                .Select((column, index) => new DynamicExcelColumn(column.Key)
                {
                    Name = column.Header,
                    Index = index,
                    Width = column.Width,
                    Format = column.Kind == LedgerCellKind.Date ? LedgerColumns.DateFormat : null,
                })
                .Concat(extraColumns)
                .ToArray(),
        };
        MiniExcel.SaveAs(output, sheets.ToDictionary(s => s.Key, s => s.Value), printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
    }

    /// <summary>A row as MiniExcel writes it: typed, so numbers and dates stay numbers and dates.</summary>
    public static SheetRow ToSheetRow(LedgerRow row) => new()
    {
        Number = row.Number,
        Category = Text(row, LedgerColumns.Category),
        Description = Text(row, LedgerColumns.Description),
        Measures = Text(row, LedgerColumns.Measures),
        Kind = Text(row, LedgerColumns.Kind),
        OwningUnit = Text(row, LedgerColumns.OwningUnit),
        Leader = Text(row, LedgerColumns.Leader),
        Department = Text(row, LedgerColumns.Department),
        Person = Text(row, LedgerColumns.Person),
        Deadline = row.Deadline?.ToDateTime(TimeOnly.MinValue),
        OriginalDeadline = row.OriginalDeadline?.ToDateTime(TimeOnly.MinValue),
        Status = Text(row, LedgerColumns.Status),
        Summary = Text(row, LedgerColumns.Summary),
        EvidenceCount = row.EvidenceCount,
        ClosedOn = row.ClosedOn?.ToDateTime(TimeOnly.MinValue),
    };

    private static string Text(LedgerRow row, LedgerColumn column) => (string?)row.ValueOf(column) ?? string.Empty;

    /// <summary>
    /// The sheet's row type. A class rather than a dictionary because MiniExcel writes the header of an empty list of
    /// a class from its properties, but none for an empty list of dictionaries. Property names are the column keys.
    /// </summary>
    internal sealed class SheetRow
    {
        public int Number { get; init; }

        public string Category { get; init; } = string.Empty;

        public string Description { get; init; } = string.Empty;

        public string Measures { get; init; } = string.Empty;

        public string Kind { get; init; } = string.Empty;

        public string OwningUnit { get; init; } = string.Empty;

        public string Leader { get; init; } = string.Empty;

        public string Department { get; init; } = string.Empty;

        public string Person { get; init; } = string.Empty;

        public DateTime? Deadline { get; init; }

        public DateTime? OriginalDeadline { get; init; }

        public string Status { get; init; } = string.Empty;

        public string Summary { get; init; } = string.Empty;

        public int EvidenceCount { get; init; }

        public DateTime? ClosedOn { get; init; }
    }
}
