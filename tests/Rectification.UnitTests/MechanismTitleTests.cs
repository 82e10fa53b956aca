using Rectification.Core.Mechanisms;

namespace Rectification.UnitTests;

public sealed class MechanismTitleTests
{
    [Theory]
    [InlineData("《关于进一步加强师德师风建设的实施方案》", "关于进一步加强师德师风建设的实施方案")]
    [InlineData("  关于进一步加强师德师风建设的实施方案 ", "关于进一步加强师德师风建设的实施方案")]
    [InlineData("《 校外培训机构网格化管理办法 》", "校外培训机构网格化管理办法")]
    [InlineData("《甲》《乙》", "甲》《乙")]
    [InlineData("关于《条例》的实施细则", "关于《条例》的实施细则")]
    public void A_title_is_stored_without_its_surrounding_book_title_marks(string typed, string stored)
    {
        Assert.Equal(stored, MechanismTitle.Normalise(typed));
    }

    [Fact]
    public void A_title_is_shown_with_book_title_marks()
    {
        Assert.Equal("《关于进一步加强师德师风建设的实施方案》", MechanismTitle.Display(MechanismTitle.Normalise("《关于进一步加强师德师风建设的实施方案》")));
    }
}
