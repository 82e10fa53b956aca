using System.Text.RegularExpressions;
using Rectification.Core.Text;

namespace Rectification.Core.Ledger.Word;

/// <summary>
/// One finding recognised in a feedback document: its place (category heading, ordinal in the category), its text
/// (title = first sentence or clause, description = the whole text) and the ledger cells a table row gave it, by
/// <see cref="LedgerColumn.Key"/>.
/// </summary>
public sealed record FeedbackItem(int Sequence, string Category, int Ordinal, string Title, string Description, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// Finds the categories and findings in a 巡察反馈意见 or 整改方案 the way a reader does, from the layouts offices
/// use: categories as headings 一、二、… or, when the document has them, (一)(二)… (then 一、 headings are its
/// sections); findings as 1. / 1、 / (1) / ① items, 一是…二是… (one a paragraph, or several in one), plain
/// paragraphs, or one row each in a 整改台账 table (its header names the ledger's columns; a merged 问题类别 cell
/// covers the rows below it). Text outside a category (the preamble, the closing sections) is not a finding.
/// </summary>
public static partial class FeedbackRecogniser
{
    /// <summary>A title longer than this is cut: a finding's title is a phrase, not its paragraph.</summary>
    public const int TitleLength = 40;

    private static readonly char[] s_sentenceEnds = ['。', ';', ';', '!', '!', '?', '?'];

    private enum Marker
    {
        Plain,
        Decimal,
        ParenDecimal,
        Circled,
        Enumerated,
    }

    public static IReadOnlyList<FeedbackItem> Recognise(IReadOnlyList<WordBlock> blocks)
    {
        var paragraphs = blocks.OfType<WordParagraph>().Select(p => p.Text).ToList();
        // (一) headings present: they are the categories, and 一、 headings are the document's sections.
        var subHeadingsAreCategories = paragraphs.Any(t => SubHeading().IsMatch(t));
        var items = new List<FeedbackItem>();
        string? category = null;
        Marker? kind = null;
        var ordinal = 0;
        Draft? current = null;

        void Flush()
        {
            if (current is not null)
            {
                items.Add(Build(items.Count + 1, current.Category, current.Ordinal, current.Text.ToString(), new Dictionary<string, string>()));
                current = null;
            }
        }

        void StartCategory(string? name)
        {
            Flush();
            category = name;
            kind = null;
            ordinal = 0;
        }

        foreach (var block in blocks)
        {
            if (block is WordTable table)
            {
                if (LedgerTable(table) is { } ledger)
                {
                    Flush();
                    foreach (var (rowCategory, text, fields) in ledger)
                    {
                        var name = rowCategory.Length > 0 ? CleanHeading(rowCategory) : category ?? string.Empty;
                        var inCategory = items.Count(i => i.Category == name) + 1;
                        items.Add(Build(items.Count + 1, name, inCategory, text, fields));
                    }
                }

                continue;
            }

            var paragraph = ((WordParagraph)block).Text.Trim();
            if (paragraph.Length == 0)
            {
                continue;
            }

            if (SubHeading().Match(paragraph) is { Success: true } sub)
            {
                StartCategory(subHeadingsAreCategories ? paragraph[sub.Length..].Trim() : category);
                continue;
            }

            if (Heading().Match(paragraph) is { Success: true } heading)
            {
                StartCategory(subHeadingsAreCategories ? null : paragraph[heading.Length..].Trim());
                continue;
            }

            if (category is null)
            {
                continue;
            }

            foreach (var (marker, number, text) in Split(paragraph, kind))
            {
                if (marker == Marker.Plain && IsIntroduction(text) && kind is null or Marker.Plain)
                {
                    continue;
                }

                kind ??= marker;
                if (marker == kind)
                {
                    Flush();
                    ordinal = number ?? ordinal + 1;
                    current = new Draft(category, ordinal);
                    current.Text.Append(text);
                }
                else if (current is not null)
                {
                    current.Text.Append('\n').Append(marker == Marker.Plain ? text : paragraph);
                }
            }
        }

        Flush();
        return items;
    }

    /// <summary>
    /// A paragraph as the findings it holds: one marked item, or several 一是…二是… items run together (each split
    /// off where the next ordinal follows the end of a sentence), or plain text.
    /// </summary>
    private static IEnumerable<(Marker Marker, int? Number, string Text)> Split(string paragraph, Marker? kind)
    {
        var (marker, number, length) = MarkerOf(paragraph);
        if (marker != Marker.Enumerated || (kind is not null && kind != Marker.Enumerated))
        {
            yield return (marker, number, paragraph[length..].Trim());
            yield break;
        }

        var start = length;
        var current = number!.Value;
        while (true)
        {
            var next = ChineseNumerals.Enumerated(current + 1);
            var at = FindAfterSentence(paragraph, next, start);
            if (at < 0)
            {
                yield return (Marker.Enumerated, current, paragraph[start..].Trim());
                yield break;
            }

            yield return (Marker.Enumerated, current, paragraph[start..at].Trim());
            start = at + next.Length;
            current++;
        }
    }

    private static int FindAfterSentence(string text, string word, int from)
    {
        for (var at = text.IndexOf(word, from, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var before = text[..at].TrimEnd();
            if (before.Length > 0 && s_sentenceEnds.Contains(before[^1]))
            {
                return at;
            }
        }

        return -1;
    }

    private static (Marker Marker, int? Number, int Length) MarkerOf(string paragraph)
    {
        if (Enumerated().Match(paragraph) is { Success: true } enumerated && ChineseNumerals.FromChinese(enumerated.Groups[1].Value) is { } e)
        {
            return (Marker.Enumerated, e, enumerated.Length);
        }

        if (DecimalItem().Match(paragraph) is { Success: true } item)
        {
            return (Marker.Decimal, int.Parse(item.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), item.Length);
        }

        if (ParenItem().Match(paragraph) is { Success: true } paren)
        {
            return (Marker.ParenDecimal, int.Parse(paren.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), paren.Length);
        }

        return paragraph[0] is >= '\u2460' and <= '\u2473' ? (Marker.Circled, paragraph[0] - '\u2460' + 1, 1) : (Marker.Plain, null, 0);
    }

    /// <summary>「主要存在以下问题:」 and the like: a sentence that announces the findings is not one.</summary>
    private static bool IsIntroduction(string text) => text.EndsWith(':') || text.EndsWith(':');

    /// <summary>A table is a ledger when its first row names 问题描述 and another ledger column (as a spreadsheet header must).</summary>
    private static List<(string Category, string Text, Dictionary<string, string> Fields)>? LedgerTable(WordTable table)
    {
        if (table.Rows.Count < 2)
        {
            return null;
        }

        var columns = new Dictionary<int, LedgerColumn>();
        for (var index = 0; index < table.Rows[0].Count; index++)
        {
            if (LedgerColumns.FromHeader(table.Rows[0][index]) is { } column && !columns.ContainsValue(column))
            {
                columns[index] = column;
            }
        }

        if (columns.Count < 2 || !columns.ContainsValue(LedgerColumns.Description))
        {
            return null;
        }

        var rows = new List<(string, string, Dictionary<string, string>)>();
        foreach (var cells in table.Rows.Skip(1))
        {
            string Cell(LedgerColumn column) => columns.Where(c => c.Value == column).Select(c => cells.ElementAtOrDefault(c.Key)?.Trim()).FirstOrDefault() ?? string.Empty;
            var text = Cell(LedgerColumns.Description);
            if (text.Length == 0)
            {
                continue;
            }

            var fields = columns.Values
                .Where(c => c != LedgerColumns.Number && c != LedgerColumns.Category && c != LedgerColumns.Description && !c.ImportIgnored)
                .ToDictionary(c => c.Key, Cell);
            rows.Add((Cell(LedgerColumns.Category), text, fields));
        }

        return rows;
    }

    private static FeedbackItem Build(int sequence, string category, int ordinal, string text, IReadOnlyDictionary<string, string> fields)
    {
        var description = text.Trim();
        return new FeedbackItem(sequence, category, ordinal, Title(description), description, fields);
    }

    /// <summary>
    /// The first sentence, or its first clause when the sentence is long, or the first <see cref="TitleLength"/>
    /// characters: what an office would write as the finding's title.
    /// </summary>
    public static string Title(string text)
    {
        var line = text.Split('\n')[0].Trim();
        var end = line.IndexOfAny(s_sentenceEnds);
        var sentence = end >= 0 ? line[..end] : line;
        if (sentence.Length <= TitleLength)
        {
            return sentence.TrimEnd(',', ',', ':', ':');
        }

        var clause = sentence.LastIndexOfAny([',', ','], TitleLength);
        return clause >= 10 ? sentence[..clause] : string.Concat(sentence.AsSpan(0, TitleLength - 1), "…");
    }

    /// <summary>A category cell or heading without its number (一、 or (一)).</summary>
    private static string CleanHeading(string text)
    {
        var trimmed = text.Trim();
        var match = SubHeading().Match(trimmed);
        if (!match.Success)
        {
            match = Heading().Match(trimmed);
        }

        return match.Success ? trimmed[match.Length..].Trim() : trimmed;
    }

    private sealed class Draft(string category, int ordinal)
    {
        public string Category { get; } = category;

        public int Ordinal { get; } = ordinal;

        public System.Text.StringBuilder Text { get; } = new();
    }

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[(\uFF08]\s*[一二三四五六七八九十]{1,3}\s*[)\uFF09]\s*[、.．]?\s*")]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"^([一二三四五六七八九十]{1,3})是\s*[,,::]?")]
    private static partial Regex Enumerated();

    [GeneratedRegex(@"^(\d{1,3})\s*[.．、](?!\d)\s*")]
    private static partial Regex DecimalItem();

    [GeneratedRegex(@"^[(\uFF08](\d{1,3})[)\uFF09]\s*")]
    private static partial Regex ParenItem();
}
