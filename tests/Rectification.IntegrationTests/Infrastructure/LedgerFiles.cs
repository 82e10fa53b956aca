using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Rectification.UnitTests;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// Ledger files for the import tests, built in code: good ones, bad ones, and the disguises a real office produces
/// (a renamed PDF, a password-protected workbook, an old .xls).
/// </summary>
public static class LedgerFiles
{
    /// <summary>DESIGN.md's columns, written out here rather than taken from the code under test.</summary>
    public static readonly string[] Headers =
    [
        "序号", "问题类别", "问题描述", "整改措施", "整改类型", "责任单位", "责任领导", "责任科室", "具体责任人",
        "整改时限", "原定时限", "整改状态", "整改进展(落实情况)", "佐证材料数", "销号日期",
    ];

    /// <summary>An .xlsx with a header row and the given rows (cells in the order of <paramref name="headers"/>).</summary>
    public static byte[] Xlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var memory = new MemoryStream();
        var records = rows.Select(row => headers.Select((h, i) => (h, v: i < row.Count ? row[i] : null))
            .ToDictionary(x => x.h, x => x.v));
        MiniExcel.SaveAs(memory, records.ToList(), printHeader: true);
        return memory.ToArray();
    }

    public static byte[] Xlsx(IEnumerable<IReadOnlyList<object?>> rows) => Xlsx(Headers, rows);

    /// <summary>A CSV file in UTF-8 with its byte-order mark, fields quoted as RFC 4180 says.</summary>
    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        foreach (var record in new[] { headers.Cast<object?>().ToList() }.Concat(rows.Select(r => r.ToList())))
        {
            text.Append(string.Join(",", record.Select(v => Quote(v is DateTime date
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>What Office writes for a workbook with an open password: an OLE compound file, not a zip.</summary>
    public static byte[] Encrypted()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("EncryptionInfo", 4096);
        builder.AddStream("EncryptedPackage", 8192);
        return builder.Build();
    }

    /// <summary>An Excel 97–2003 workbook's container.</summary>
    public static byte[] LegacyXls()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("Workbook", 8192);
        return builder.Build();
    }

    /// <summary>The records of a CSV text (RFC 4180), parsed independently of the app's own reader.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "A bare line break outside quotes: records must end in CRLF.");
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "The last record must end in CRLF.");
        return records;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
