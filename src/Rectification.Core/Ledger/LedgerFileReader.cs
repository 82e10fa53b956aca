using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Unicode;
using MiniExcelLibs;
using Rectification.Core.Evidence;
using Rectification.Core.Ledger.Word;

namespace Rectification.Core.Ledger;

/// <summary>One row of an uploaded ledger: its row number in the file (the header is row 1) and its cells by column key.</summary>
public sealed record LedgerSourceRow(int RowNumber, Dictionary<string, string> Cells)
{
    public string Cell(LedgerColumn column) => Cells.GetValueOrDefault(column.Key) ?? string.Empty;
}

/// <summary>Why a file could not be read at all, as a message key and its arguments.</summary>
public sealed record LedgerFileError(string Message, params object[] Args);

/// <summary>The rows of an uploaded ledger, and the template's example rows that were left out.</summary>
public sealed record LedgerFile(IReadOnlyList<LedgerSourceRow> Rows, IReadOnlyList<int> SkippedExampleRows)
{
    /// <summary>
    /// Rows recognised in a document rather than typed into the template's columns: kept even when some fail the
    /// checks, for the office to correct in the preview (a spreadsheet with errors is corrected in the spreadsheet).
    /// </summary>
    public bool Correctable { get; init; }
}

/// <summary>
/// Reads an uploaded ledger (.xlsx or .csv) into rows of text, checking what it really is first: a renamed PDF, a
/// password-protected workbook (an OLE compound file, not a zip), an old .xls, an empty or oversized file, a sheet
/// without the ledger's header or with too many rows each get their own message instead of an exception.
/// </summary>
public static class LedgerFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Findings in one import; more is refused as a whole (the user splits the file).</summary>
    public const int MaxRows = 5000;

    /// <summary>The header may sit below a title row or two, as in many hand-made ledgers.</summary>
    private const int HeaderSearchRows = 10;

    /// <summary>Rows read in all, blank ones included, before the sheet is judged too long.</summary>
    private const int MaxScannedRows = MaxRows * 4;

    /// <summary>What the parts of a workbook may unpack to; a small file that unpacks to more is a zip bomb.</summary>
    private const long MaxUnpackedBytes = 200L * 1024 * 1024;

    private static ReadOnlySpan<byte> ZipSignature => "PK\u0003\u0004"u8;

    /// <summary>
    /// Reads a spreadsheet ledger, or a feedback document (.docx, read by <see cref="FeedbackDocumentReader"/>
    /// for <paramref name="target"/>: its categories and inspected unit fill what the document leaves out).
    /// </summary>
    public static (LedgerFile? File, LedgerFileError? Error) Read(Stream content, string fileName, LedgerImportTarget? target = null)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".xls")
        {
            return Fail("不支持旧版 Excel(.xls)文件,请在 Excel 中“另存为”.xlsx 格式后再导入。");
        }

        if (extension is ".docm" or ".dotm")
        {
            return Fail(WordPackage.MacroMessage);
        }

        if (extension == ".doc")
        {
            return Fail("不支持旧版 Word(.doc)文件,请在 Word 中“另存为”.docx 格式后再导入。");
        }

        var isWord = extension == ".docx" && target is not null;
        if (extension is not (".xlsx" or ".csv") && !isWord)
        {
            return Fail("只能导入 .xlsx、.csv 或 Word(.docx)文件。");
        }

        if (content.Length == 0)
        {
            return Fail("文件是空的。");
        }

        if (content.Length > MaxBytes)
        {
            return Fail("文件超过了{0}MB的大小限制。", MaxBytes / (1024 * 1024));
        }

        var head = new byte[8];
        content.Position = 0;
        var headLength = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (head.AsSpan(0, headLength).StartsWith(CompoundFile.Signature))
        {
            return CompoundFileError(content, isWord);
        }

        var isZip = head.AsSpan(0, headLength).StartsWith(ZipSignature);
        if (isWord)
        {
            return isZip ? FeedbackDocumentReader.Read(content, target!) : Fail("文件不是有效的 Word(.docx)文档。");
        }

        if (extension == ".xlsx")
        {
            return isZip ? ReadXlsx(content) : Fail("文件不是有效的 Excel(.xlsx)文件。");
        }

        return isZip ? Fail("文件不是有效的 CSV 文本文件。") : ReadCsv(content);
    }

    /// <summary>An OLE compound file: a password-protected .xlsx (Office encrypts into one), or an old .xls.</summary>
    private static (LedgerFile?, LedgerFileError?) CompoundFileError(Stream content, bool isWord)
    {
        var streams = CompoundFile.RootStreamNames(content) ?? [];
        if (streams.Contains("EncryptedPackage") || streams.Contains("EncryptionInfo"))
        {
            return isWord
                ? Fail("文件设置了打开密码(已加密),无法读取。请在 Word 中取消密码后重新保存,再导入。")
                : Fail("文件设置了打开密码(已加密),无法读取。请在 Excel 中取消密码后重新保存,再导入。");
        }

        if (isWord)
        {
            return streams.Contains("WordDocument")
                ? Fail("不支持旧版 Word(.doc)文件,请在 Word 中“另存为”.docx 格式后再导入。")
                : Fail("文件不是有效的 Word(.docx)文档。");
        }

        return streams.Contains("Workbook") || streams.Contains("Book")
            ? Fail("不支持旧版 Excel(.xls)文件,请在 Excel 中“另存为”.xlsx 格式后再导入。")
            : Fail("文件不是有效的 Excel(.xlsx)文件。");
    }

    private static (LedgerFile?, LedgerFileError?) ReadXlsx(Stream content)
    {
        try
        {
            if (UnpackedLength(content) > MaxUnpackedBytes)
            {
                return Fail("文件内容过大,无法读取。");
            }

            content.Position = 0;
            var sheets = MiniExcel.GetSheetNames(content);
            if (sheets.Count == 0)
            {
                return Fail("文件中没有工作表。");
            }

            var sheet = sheets.Contains(LedgerColumns.DocumentName) ? LedgerColumns.DocumentName : sheets[0];
            content.Position = 0;
            var rows = MiniExcel.Query(content, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Select(XlsxCells);
            return ReadRows(rows, csv: false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A damaged or foreign zip fails somewhere inside the reader, with whatever exception that part throws.
            return Fail("无法读取文件内容,文件可能已损坏。请用 Excel 打开后重新保存为 .xlsx,再导入。");
        }
    }

    private static long UnpackedLength(Stream content)
    {
        content.Position = 0;
        using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        return zip.Entries.Sum(e => e.Length);
    }

    /// <summary>MiniExcel's cells (keyed A, B, …, AA) as a list by position.</summary>
    private static List<object?> XlsxCells(IDictionary<string, object?> row)
    {
        var cells = new List<object?>();
        foreach (var (key, value) in row)
        {
            var index = ColumnIndex(key);
            while (cells.Count <= index)
            {
                cells.Add(null);
            }

            cells[index] = value;
        }

        return cells;
    }

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var letter in letters)
        {
            index = (index * 26) + (char.ToUpperInvariant(letter) - 'A' + 1);
        }

        return index - 1;
    }

    private static (LedgerFile?, LedgerFileError?) ReadCsv(Stream content)
    {
        var bytes = new byte[content.Length];
        content.Position = 0;
        content.ReadExactly(bytes);
        if (bytes.AsSpan().Contains((byte)0) && !HasUtf16Bom(bytes))
        {
            return Fail("文件不是有效的 CSV 文本文件。");
        }

        var rows = LedgerCsv.Read(new StringReader(Decode(bytes))).Select(r => r.Cast<object?>().ToList());
        return ReadRows(rows, csv: true);
    }

    private static bool HasUtf16Bom(byte[] bytes) => bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));

    /// <summary>
    /// UTF-8 (with or without its byte-order mark) or UTF-16 with one; anything else is taken as GB18030, which is
    /// what Excel on a Chinese Windows writes for its plain CSV format.
    /// </summary>
    private static string Decode(byte[] bytes)
    {
        if (HasUtf16Bom(bytes))
        {
            return new StreamReader(new MemoryStream(bytes), Encoding.Unicode, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        }

        var utf8 = bytes.AsSpan();
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        return Utf8.IsValid(utf8)
            ? Encoding.UTF8.GetString(utf8)
            : CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetString(bytes);
    }

    /// <summary>Finds the header, maps its columns, and turns every later row into text cells by column key.</summary>
    private static (LedgerFile?, LedgerFileError?) ReadRows(IEnumerable<List<object?>> rows, bool csv)
    {
        Dictionary<int, LedgerColumn>? columns = null;
        var result = new List<LedgerSourceRow>();
        var examples = new List<int>();
        var rowNumber = 0;
        foreach (var cells in rows)
        {
            rowNumber++;
            if (columns is null)
            {
                if (rowNumber > HeaderSearchRows)
                {
                    break;
                }

                columns = HeaderColumns(cells);
                continue;
            }

            if (rowNumber > MaxScannedRows)
            {
                return Fail("文件中的问题超过{0}行,请分成几个文件导入。", MaxRows);
            }

            var row = new LedgerSourceRow(rowNumber, columns.ToDictionary(c => c.Value.Key, c => Text(c.Value, cells.ElementAtOrDefault(c.Key), csv)));
            if (IsBlank(row))
            {
                continue;
            }

            if (row.Cell(LedgerColumns.Number) == LedgerColumns.ExampleRowMarker)
            {
                examples.Add(rowNumber);
                continue;
            }

            if (result.Count == MaxRows)
            {
                return Fail("文件中的问题超过{0}行,请分成几个文件导入。", MaxRows);
            }

            result.Add(row);
        }

        if (columns is null)
        {
            return Fail("未找到表头。第一行应是台账的列名(序号、问题类别、问题描述……),请使用下载的模板填写。");
        }

        var missing = LedgerColumns.All.Where(c => c.Required && !columns.ContainsValue(c)).Select(c => c.Header).ToList();
        if (missing.Count > 0)
        {
            return Fail("表头缺少必填的列:{0}。", string.Join("、", missing));
        }

        return result.Count == 0 ? Fail("文件中没有可导入的问题。") : (new LedgerFile(result, examples), null);
    }

    /// <summary>
    /// A row with nothing to import: empty, or holding only a 序号 or the columns import ignores, like the numbered
    /// empty rows of a template prepared by hand.
    /// </summary>
    private static bool IsBlank(LedgerSourceRow row) =>
        LedgerColumns.All.Where(c => c != LedgerColumns.Number && !c.ImportIgnored).All(c => row.Cell(c).Length == 0);

    /// <summary>The ledger columns of a row, if it is the header: it must name 问题描述 and one more ledger column.</summary>
    private static Dictionary<int, LedgerColumn>? HeaderColumns(List<object?> cells)
    {
        var columns = new Dictionary<int, LedgerColumn>();
        for (var index = 0; index < cells.Count; index++)
        {
            if (LedgerColumns.FromHeader(cells[index] as string) is { } column && !columns.ContainsValue(column))
            {
                columns[index] = column;
            }
        }

        return columns.Count >= 2 && columns.ContainsValue(LedgerColumns.Description) ? columns : null;
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd whatever their format, numbers without a needless ".0".</summary>
    private static string Text(LedgerColumn column, object? value, bool csv)
    {
        var text = value switch
        {
            null => string.Empty,
            DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double number when column.Kind == LedgerCellKind.Date && number is > 1 and < 2958466 =>
                DateTime.FromOADate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double number => number.ToString("G15", CultureInfo.InvariantCulture),
            string s => s,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return csv && column.Kind == LedgerCellKind.Text ? LedgerCsv.Unguard(text) : text;
    }

    /// <summary>A date cell's text as a date: the forms people type, in the Gregorian calendar.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var trimmed = text.Trim();
        return DateTime.TryParseExact(trimmed, LedgerColumns.DateInputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DateOnly.FromDateTime(date)
            : null;
    }

    private static (LedgerFile?, LedgerFileError?) Fail(string message, params object[] args) => (null, new LedgerFileError(message, args));
}
