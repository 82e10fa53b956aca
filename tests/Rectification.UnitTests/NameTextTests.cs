using Rectification.Core.Common;
using Rectification.Core.Text;

namespace Rectification.UnitTests;

public sealed class NameTextTests
{
    [Theory]
    [InlineData("invoice\u202Eexe.pdf", "invoiceexe.pdf")]
    [InlineData("\u202A\u202B\u202C\u202D\u202E张三", "张三")]
    [InlineData("\u2066教育\u2067和\u2068体育局\u2069", "教育和体育局")]
    [InlineData("\u200E左\u200F右\u061C", "左右")]
    [InlineData("tab\there\u0000\u001F\u007F\u0080\u009F", "tabhere")]
    [InlineData("  县委巡察办  ", "县委巡察办")]
    [InlineData(null, "")]
    public void Clean_removes_control_and_direction_characters_and_trims(string? raw, string expected) =>
        Assert.Equal(expected, NameText.Clean(raw));

    [Theory]
    [InlineData('\u200B')] // zero-width space: not a direction mark, kept
    [InlineData('\u200D')] // zero-width joiner: joins emoji and some scripts, kept
    [InlineData('\u3000')] // ideographic space, ordinary text
    [InlineData('《')]
    public void Ordinary_and_joining_characters_are_kept(char c) => Assert.False(NameText.IsHidden(c));

    [Theory]
    [InlineData("C:\\Users\\张三\\Desktop\\整改报告.pdf", "整改报告.pdf")]
    [InlineData("folder/报告\u202Efdp.exe", "报告fdp.exe")]
    [InlineData("../../x.pdf", null)]
    [InlineData("..\u202E/x.pdf", null)]
    [InlineData("\u202E\u2066", null)]
    [InlineData("   ", null)]
    public void File_names_keep_their_last_segment_cleaned_and_refuse_climbing_paths(string raw, string? expected) =>
        Assert.Equal(expected, NameText.FileName(raw));

    [Fact]
    public void A_file_name_longer_than_its_column_is_refused()
    {
        Assert.NotNull(NameText.FileName(new string('文', Limits.FileName - 4) + ".pdf"));
        Assert.Null(NameText.FileName(new string('文', Limits.FileName - 3) + ".pdf"));
    }
}
