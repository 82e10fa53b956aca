namespace Rectification.Core.Text;

/// <summary>Dates the way Chinese official documents write them: 2023年5月9日, 2022年7月21日至8月26日.</summary>
public static class ChineseDates
{
    public static string Format(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>月日 only (12月6日), for a date in a year the text has already named.</summary>
    public static string FormatMonthDay(DateOnly date) => $"{date.Month}月{date.Day}日";

    /// <summary>A period, leaving out what the end shares with the start: 2022年7月21日至8月26日.</summary>
    public static string FormatRange(DateOnly start, DateOnly end)
    {
        if (start.Year != end.Year)
        {
            return $"{Format(start)}至{Format(end)}";
        }

        if (start.Month != end.Month)
        {
            return $"{Format(start)}至{FormatMonthDay(end)}";
        }

        return start.Day == end.Day ? Format(start) : $"{Format(start)}至{end.Day}日";
    }
}
