using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Rectification.Core.Findings;
using Rectification.Core.Text;

namespace Rectification.Core.Ledger.Word;

/// <summary>
/// A feedback document (.docx) as ledger rows, so that it goes through the spreadsheet import's checks, preview
/// and confirmation unchanged. A row is numbered by its finding's place in the document (1, 2, 3…). What a
/// document leaves out is filled the way the office would: the heading's category is matched to the inspection's
/// (a report writes 「…方面问题整改落实情况」 for the category 「…方面」), and the 责任单位 is the inspected unit the
/// feedback was addressed to. The office corrects any row in the preview.
/// </summary>
public static partial class FeedbackDocumentReader
{
    public static (LedgerFile? File, LedgerFileError? Error) Read(Stream content, LedgerImportTarget target)
    {
        IReadOnlyList<FeedbackItem> items;
        try
        {
            items = FeedbackRecogniser.Recognise(WordPackage.ReadBlocks(content));
        }
        catch (WordPackageException refused)
        {
            return (null, new LedgerFileError(refused.Message));
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or IOException or ArgumentException or FormatException)
        {
            // A damaged zip or XML fails somewhere inside the reader, with whatever exception that part throws.
            return (null, new LedgerFileError("无法读取文件内容,文件可能已损坏。请用 Word 打开后重新保存为 .docx,再导入。"));
        }

        if (items.Count == 0)
        {
            return (null, new LedgerFileError("文档中没有识别出问题。问题应列在“一、”或“(一)”类别标题下,写成“1.”“(1)”“一是……”或整改台账表格的一行。"));
        }

        if (items.Count > LedgerFileReader.MaxRows)
        {
            return (null, new LedgerFileError("文件中的问题超过{0}行,请分成几个文件导入。", LedgerFileReader.MaxRows));
        }

        return (new LedgerFile(items.Select(i => ToRow(i, target)).ToList(), []) { Correctable = true }, null);
    }

    private static LedgerSourceRow ToRow(FeedbackItem item, LedgerImportTarget target)
    {
        var cells = item.Fields.ToDictionary(f => f.Key, f => f.Value);
        cells[LedgerColumns.Number.Key] = item.Sequence.ToString(CultureInfo.InvariantCulture);
        cells[LedgerColumns.Category.Key] = MatchCategory(item.Category, target.Categories);
        cells[LedgerColumns.Description.Key] = LedgerRow.DescriptionCell(item.Title, item.Description);
        if (cells.GetValueOrDefault(LedgerColumns.OwningUnit.Key) is not { Length: > 0 })
        {
            cells[LedgerColumns.OwningUnit.Key] = target.InspectedUnitName;
        }

        if (cells.TryGetValue(LedgerColumns.Deadline.Key, out var deadline))
        {
            var (date, kind) = Deadline(deadline);
            cells[LedgerColumns.Deadline.Key] = date;
            if (kind is { } k && cells.GetValueOrDefault(LedgerColumns.Kind.Key) is not { Length: > 0 })
            {
                cells[LedgerColumns.Kind.Key] = EnumNames.Of(k);
            }
        }

        return new LedgerSourceRow(item.Sequence, cells);
    }

    /// <summary>
    /// The inspection's category a heading names: the same name, or the name followed by what reports add
    /// (「问题」, 「问题整改落实情况」); otherwise the heading without its number, which the checks then report for the office to correct.
    /// </summary>
    public static string MatchCategory(string heading, IReadOnlyList<string> categories)
    {
        var key = LedgerCells.CategoryKey(heading);
        var shortKey = ReportSuffix().Replace(key, string.Empty);
        var match = categories.FirstOrDefault(c => LedgerCells.CategoryKey(c) == key)
            ?? categories.FirstOrDefault(c => LedgerCells.CategoryKey(c) == shortKey)
            ?? categories.FirstOrDefault(c => shortKey.Length >= 4 && (shortKey.StartsWith(LedgerCells.CategoryKey(c), StringComparison.Ordinal)
                || LedgerCells.CategoryKey(c).StartsWith(shortKey, StringComparison.Ordinal)));
        return match ?? key;
    }

    /// <summary>
    /// 整改时限 as documents write it: a date (「2023年6月30日前」), a month (「2023年12月底」, its last day), or a kind
    /// instead of a date (「长期坚持」, 「立行立改」). Anything else is left for the checks to report.
    /// </summary>
    private static (string Date, FindingKind? Kind) Deadline(string text)
    {
        var trimmed = text.Trim().TrimEnd('前').Trim();
        var kind = Enum.GetValues<FindingKind>().Where(k => k != FindingKind.ByDeadline).Cast<FindingKind?>()
            .FirstOrDefault(k => trimmed.StartsWith(EnumNames.Of(k!.Value), StringComparison.Ordinal));
        if (kind is not null)
        {
            return (string.Empty, kind);
        }

        if (MonthEnd().Match(trimmed) is { Success: true } month)
        {
            var year = int.Parse(month.Groups[1].Value, CultureInfo.InvariantCulture);
            var monthNumber = int.Parse(month.Groups[2].Value, CultureInfo.InvariantCulture);
            if (monthNumber is >= 1 and <= 12)
            {
                var last = new DateOnly(year, monthNumber, DateTime.DaysInMonth(year, monthNumber));
                return (last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
            }
        }

        return (trimmed, null);
    }

    [GeneratedRegex(@"(?:存在的?)?问题(?:整改落实情况|整改情况)?$|整改落实情况$")]
    private static partial Regex ReportSuffix();

    [GeneratedRegex(@"^(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末)?$")]
    private static partial Regex MonthEnd();
}
