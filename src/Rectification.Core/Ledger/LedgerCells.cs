using System.Text.RegularExpressions;
using Rectification.Core.Common;

namespace Rectification.Core.Ledger;

/// <summary>How the ledger's composite cells are taken apart on import, the inverse of what export writes.</summary>
public static partial class LedgerCells
{
    /// <summary>
    /// 问题描述 → title and description. Export writes the title, a line break, the description: the first line is the
    /// title. A first line too long for a title is the description itself (a ledger made by hand); its first sentence,
    /// or its beginning, becomes the title and the whole text stays the description, so nothing is lost.
    /// </summary>
    public static (string Title, string Description) SplitDescription(string cell)
    {
        var text = cell.Trim();
        var lineBreak = text.IndexOf('\n', StringComparison.Ordinal);
        var first = (lineBreak < 0 ? text : text[..lineBreak]).Trim();
        var rest = lineBreak < 0 ? string.Empty : text[(lineBreak + 1)..].Trim();
        if (first.Length <= Limits.FindingTitle)
        {
            return (first, rest);
        }

        var end = first.AsSpan(0, Limits.FindingTitle).IndexOfAny("\u3002\uFF1B;\uFF01!\uFF1F?");
        var title = end > 0 ? first[..end] : string.Concat(first.AsSpan(0, Limits.FindingTitle - 1), "…");
        return (title, text);
    }

    /// <summary>
    /// 整改措施 → measures. Numbered (1. or 1、 or (1) or ①): each number starts a measure and lines without
    /// one continue it, so a measure written over several lines stays whole. Unnumbered: one measure a line.
    /// </summary>
    public static IReadOnlyList<string> SplitMeasures(string cell)
    {
        var lines = cell.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || !NumberPrefix().IsMatch(lines[0]))
        {
            return lines;
        }

        var measures = new List<string>();
        foreach (var line in lines)
        {
            var match = NumberPrefix().Match(line);
            if (match.Success)
            {
                measures.Add(line[match.Length..].Trim());
            }
            else
            {
                measures[^1] += "\n" + line;
            }
        }

        return measures.Where(m => m.Length > 0).ToList();
    }

    /// <summary>A category's name without the (一) or 一、 a report or ledger puts before it, and without spaces.</summary>
    public static string CategoryKey(string name) =>
        string.Concat(CategoryPrefix().Replace(name.Trim(), string.Empty).Where(c => !char.IsWhiteSpace(c)));

    /// <summary>A name with a qualifier in brackets, 姓名(职务), → the name and what is in the brackets (either width); a plain name has no qualifier.</summary>
    public static (string Name, string? Qualifier) SplitPerson(string cell)
    {
        var match = QualifiedName().Match(cell.Trim());
        return match.Success ? (match.Groups["name"].Value.Trim(), match.Groups["qualifier"].Value.Trim()) : (cell.Trim(), null);
    }

    [GeneratedRegex(@"^(?:\d{1,3}\s*[.．、]|[(\uFF08]\d{1,3}[)\uFF09]|[\u2460-\u2473])\s*")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex(@"^(?:[(\uFF08][一二三四五六七八九十]+[)\uFF09]|[一二三四五六七八九十]+、)\s*")]
    private static partial Regex CategoryPrefix();

    [GeneratedRegex(@"^(?<name>[^(\uFF08]+)[(\uFF08](?<qualifier>[^)\uFF09]+)[)\uFF09]$")]
    private static partial Regex QualifiedName();
}
