using System.Globalization;
using System.Xml.Linq;
using Rectification.Core.Text;

namespace Rectification.Core.Ledger.Word;

/// <summary>
/// Word's automatic numbering (numbering.xml): the labels (「1.」, 「(一)」, 「一、」) Word shows before numbered
/// paragraphs but does not store in their text. Real documents number their findings this way, so the labels are
/// put back in front of the text and the recogniser sees what the reader sees.
/// </summary>
public sealed class WordNumbering
{
    private readonly Dictionary<(int NumId, int Level), Level> _levels;

    private WordNumbering(Dictionary<(int, int), Level> levels) => _levels = levels;

    public static WordNumbering Empty { get; } = new([]);

    private sealed record Level(int AbstractId, int Start, string Format, string Text);

    public static WordNumbering Read(XDocument numbering)
    {
        var w = WordPackage.W;
        var root = numbering.Root;
        if (root is null)
        {
            return Empty;
        }

        var abstracts = root.Elements(w + "abstractNum").ToDictionary(
            a => (int?)a.Attribute(w + "abstractNumId") ?? -1,
            a => a.Elements(w + "lvl").ToDictionary(
                l => (int?)l.Attribute(w + "ilvl") ?? 0,
                l => (Start: (int?)l.Element(w + "start")?.Attribute(w + "val") ?? 1,
                    Format: (string?)l.Element(w + "numFmt")?.Attribute(w + "val") ?? "decimal",
                    Text: (string?)l.Element(w + "lvlText")?.Attribute(w + "val") ?? string.Empty)));
        var levels = new Dictionary<(int, int), Level>();
        foreach (var num in root.Elements(w + "num"))
        {
            var numId = (int?)num.Attribute(w + "numId") ?? -1;
            var abstractId = (int?)num.Element(w + "abstractNumId")?.Attribute(w + "val") ?? -1;
            if (!abstracts.TryGetValue(abstractId, out var abstractLevels))
            {
                continue;
            }

            foreach (var (ilvl, level) in abstractLevels)
            {
                levels[(numId, ilvl)] = new Level(abstractId, level.Start, level.Format, level.Text);
            }
        }

        return new WordNumbering(levels);
    }

    /// <summary>Counts through one document: each numbered paragraph gets the next label of its list and level.</summary>
    public Counter Start() => new(this);

    public sealed class Counter(WordNumbering numbering)
    {
        // Lists that share an abstract definition continue each other's numbers, as Word shows them.
        private readonly Dictionary<(int AbstractId, int Level), int> _counts = [];

        public string Next(int numId, int level)
        {
            if (!numbering._levels.TryGetValue((numId, level), out var definition))
            {
                return string.Empty;
            }

            var key = (definition.AbstractId, level);
            _counts[key] = _counts.TryGetValue(key, out var count) ? count + 1 : definition.Start;
            // A deeper level starts again under each new item of this one.
            foreach (var deeper in _counts.Keys.Where(k => k.AbstractId == definition.AbstractId && k.Level > level).ToList())
            {
                _counts.Remove(deeper);
            }

            var label = definition.Text;
            for (var l = 0; l <= level; l++)
            {
                var shown = numbering._levels.TryGetValue((numId, l), out var levelDefinition) && _counts.TryGetValue((definition.AbstractId, l), out var value)
                    ? Format(value, levelDefinition.Format)
                    : string.Empty;
                label = label.Replace("%" + (l + 1).ToString(CultureInfo.InvariantCulture), shown, StringComparison.Ordinal);
            }

            return definition.Format == "bullet" ? string.Empty : label;
        }

        private static string Format(int value, string format) => format switch
        {
            "chineseCounting" or "chineseCountingThousand" or "chineseLegalSimplified" or "ideographTraditional" => ChineseNumerals.ToChinese(value),
            "decimalEnclosedCircle" or "decimalEnclosedCircleChinese" when value is >= 1 and <= 20 => ((char)('\u2460' + value - 1)).ToString(),
            _ => value.ToString(CultureInfo.InvariantCulture),
        };
    }
}
