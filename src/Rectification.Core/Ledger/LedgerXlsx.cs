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
    /// Saves <paramref name="sheets"/> (sheet name → rows of cells keyed by column key) to <paramref name="output"/>.
    /// Rows are written as they are enumerated: MiniExcel's fast mode writes a placeholder for the sheet's size and
    /// seeks back to fill it in, rather than first copying every row into a list to count them, so the output must
    /// be seekable (a temporary file, not the response). The synchronous writer is used on purpose: MiniExcel
    /// 1.46.0's asynchronous one puts the sheet's drawing reference inside sheetData, which Excel repairs on opening.
    /// </summary>
    public static void Save(Stream output, IReadOnlyDictionary<string, object> sheets, IEnumerable<DynamicExcelColumn> extraColumns)
    {
        if (!output.CanSeek)
        {
            throw new ArgumentException("MiniExcel's fast mode needs a seekable stream.", nameof(output));
        }

        var configuration = new OpenXmlConfiguration
        {
            FastMode = true,
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

    /// <summary>A row's cells keyed by column key, dates as <see cref="DateTime"/> so they are written as dates.</summary>
    public static Dictionary<string, object?> Cells(LedgerRow row) =>
        LedgerColumns.All.ToDictionary(c => c.Key, c => Cell(row.ValueOf(c)));

    private static object? Cell(object? value) => value is DateOnly date ? date.ToDateTime(TimeOnly.MinValue) : value;
}
