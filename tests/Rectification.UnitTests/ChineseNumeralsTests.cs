using Rectification.Core.Text;

namespace Rectification.UnitTests;

public sealed class ChineseNumeralsTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(19, "十九")]
    [InlineData(20, "二十")]
    [InlineData(21, "二十一")]
    [InlineData(99, "九十九")]
    [InlineData(100, "一百")]
    [InlineData(101, "一百零一")]
    [InlineData(110, "一百一十")]
    [InlineData(1001, "一千零一")]
    [InlineData(1010, "一千零一十")]
    [InlineData(10000, "一万")]
    [InlineData(10001, "一万零一")]
    [InlineData(10010, "一万零一十")]
    [InlineData(100000, "十万")]
    [InlineData(120034, "十二万零三十四")]
    [InlineData(100000005, "一亿零五")]
    public void Numbers_read_the_way_they_are_spoken(long number, string expected) =>
        Assert.Equal(expected, ChineseNumerals.ToChinese(number));

    [Fact]
    public void Ordinal_forms_match_the_reference_report()
    {
        Assert.Equal("一、", ChineseNumerals.Heading(1));
        Assert.Equal("三、", ChineseNumerals.Heading(3));
        Assert.Equal("(一)", ChineseNumerals.SubHeading(1));
        Assert.Equal("(四)", ChineseNumerals.SubHeading(4));
        Assert.Equal("一是", ChineseNumerals.Enumerated(1));
        Assert.Equal("十是", ChineseNumerals.Enumerated(10));
        Assert.Equal("十一是", ChineseNumerals.Enumerated(11));
        Assert.Equal("二十一是", ChineseNumerals.Enumerated(21));
    }

    [Fact]
    public void Negative_numbers_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseNumerals.ToChinese(-1));
}
