using System.Text;

namespace Rectification.Core.Text;

/// <summary>
/// Chinese numerals and the ordinal forms official documents use:
/// 一、二、… for headings, (一)(二)… for sub-headings, 一是、二是… for enumerated paragraphs.
/// </summary>
public static class ChineseNumerals
{
    private static readonly string[] s_digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    private static readonly string[] s_smallUnits = ["", "十", "百", "千"];
    private static readonly string[] s_largeUnits = ["", "万", "亿"];

    /// <summary>Writes a positive number the way it is read: 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五.</summary>
    public static string ToChinese(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        if (number == 0)
        {
            return s_digits[0];
        }

        var groups = new List<int>();
        for (var rest = number; rest > 0; rest /= 10_000)
        {
            groups.Add((int)(rest % 10_000));
        }

        if (groups.Count > s_largeUnits.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "Too large for Chinese numerals.");
        }

        var text = new StringBuilder();
        var pendingZero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                pendingZero = text.Length > 0;
                continue;
            }

            if (text.Length > 0 && (pendingZero || group < 1000))
            {
                text.Append(s_digits[0]);
            }

            text.Append(GroupToChinese(group)).Append(s_largeUnits[g]);
            pendingZero = false;
        }

        var result = text.ToString();

        // 十 rather than 一十 at the start of a number (10–19, 100000 → 十万).
        return result.StartsWith("一十", StringComparison.Ordinal) ? result[1..] : result;
    }

    /// <summary>一、二、… (first-level heading numbers).</summary>
    public static string Heading(int ordinal) => ToChinese(ordinal) + "、";

    /// <summary>(一)(二)… (second-level heading numbers, as the reference report writes them).</summary>
    public static string SubHeading(int ordinal) => "(" + ToChinese(ordinal) + ")";

    /// <summary>一是、二是… (enumerated paragraphs), without punctuation.</summary>
    public static string Enumerated(int ordinal) => ToChinese(ordinal) + "是";

    private static string GroupToChinese(int group)
    {
        var text = new StringBuilder();
        var zero = false;
        for (var position = 3; position >= 0; position--)
        {
            var digit = group / (int)Math.Pow(10, position) % 10;
            if (digit == 0)
            {
                zero = text.Length > 0;
                continue;
            }

            if (zero)
            {
                text.Append(s_digits[0]);
                zero = false;
            }

            text.Append(s_digits[digit]).Append(s_smallUnits[position]);
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads back a small numeral as documents write ordinals (一 … 九十九): 十 → 10, 十一 → 11, 二十 → 20;
    /// <c>null</c> for anything else.
    /// </summary>
    public static int? FromChinese(string text)
    {
        var digits = "一二三四五六七八九";
        int Digit(char c) => digits.IndexOf(c, StringComparison.Ordinal) + 1;
        return text.Length switch
        {
            1 when text[0] == '十' => 10,
            1 when Digit(text[0]) > 0 => Digit(text[0]),
            2 when text[0] == '十' && Digit(text[1]) > 0 => 10 + Digit(text[1]),
            2 when text[1] == '十' && Digit(text[0]) > 1 => Digit(text[0]) * 10,
            3 when text[1] == '十' && Digit(text[0]) > 1 && Digit(text[2]) > 0 => (Digit(text[0]) * 10) + Digit(text[2]),
            _ => null,
        };
    }
}
