using Rectification.Core.Text;

namespace Rectification.UnitTests;

public sealed class ChineseDatesTests
{
    [Fact]
    public void A_date_reads_as_in_official_documents() =>
        Assert.Equal("2023年5月9日", ChineseDates.Format(new DateOnly(2023, 5, 9)));

    [Fact]
    public void A_month_and_day_leave_out_the_year() =>
        Assert.Equal("12月6日", ChineseDates.FormatMonthDay(new DateOnly(2022, 12, 6)));

    [Theory]
    [InlineData("2022-07-21", "2022-08-26", "2022年7月21日至8月26日")]
    [InlineData("2022-07-01", "2022-07-20", "2022年7月1日至20日")]
    [InlineData("2022-12-20", "2023-01-10", "2022年12月20日至2023年1月10日")]
    [InlineData("2022-07-21", "2022-07-21", "2022年7月21日")]
    public void A_period_leaves_out_what_the_end_shares_with_the_start(string start, string end, string expected) =>
        Assert.Equal(expected, ChineseDates.FormatRange(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
}
