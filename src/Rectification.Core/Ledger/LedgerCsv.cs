using System.Globalization;
using System.Text;

namespace Rectification.Core.Ledger;

/// <summary>
/// The ledger as CSV (RFC 4180): UTF-8 with a byte-order mark so that Excel reads the Chinese correctly, fields quoted
/// when they hold a comma, a quote or a line break, records ending in CRLF.
/// </summary>
internal static class LedgerCsv
{
    /// <summary>
    /// Text that Excel would run as a formula when it opens a CSV file starts with one of these; such a cell is written
    /// with a leading apostrophe (OWASP's advice against CSV injection), which import takes off again.
    /// </summary>
    private static readonly char[] s_formulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<LedgerRow> rows, CancellationToken cancellationToken)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        await using var writer = new StreamWriter(output, encoding, 64 * 1024, leaveOpen: true);
        await WriteRecordAsync(writer, LedgerColumns.All.Select(c => c.Header));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await WriteRecordAsync(writer, LedgerColumns.All.Select(c => Field(c, row.ValueOf(c))));
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The records of a CSV text, each as its fields, quotes resolved; line breaks inside quotes are kept.</summary>
    public static IEnumerable<IReadOnlyList<string>> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (ch)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r' or '\n':
                    if (ch == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields;
                    fields = [];
                    atFieldStart = true;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    atFieldStart = false;
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }

    /// <summary>Takes off the apostrophe <see cref="WriteAsync"/> puts before text that looks like a formula.</summary>
    public static string Unguard(string text) =>
        text.Length > 1 && text[0] == '\'' && s_formulaStarts.Contains(text[1]) ? text[1..] : text;

    private static string Field(LedgerColumn column, object? value) => value switch
    {
        null => string.Empty,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        string text when column.Kind == LedgerCellKind.Text => Guard(text),
        string text => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Text as a CSV cell Excel will not run as a formula (see <see cref="s_formulaStarts"/>).</summary>
    internal static string Guard(string text) => text.Length > 0 && s_formulaStarts.Contains(text[0]) ? "'" + text : text;

    /// <summary>One record: fields quoted where needed, separated by commas, ended by CRLF.</summary>
    internal static async Task WriteRecordAsync(StreamWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                await writer.WriteAsync(',');
            }

            first = false;
            await writer.WriteAsync(Quote(field));
        }

        await writer.WriteAsync("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
