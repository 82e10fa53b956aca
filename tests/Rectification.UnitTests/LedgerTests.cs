using System.Text;
using Rectification.Core.Findings;
using Rectification.Core.Ledger;

namespace Rectification.UnitTests;

/// <summary>The ledger's cells: what export writes, import takes apart again into the same values.</summary>
public sealed class LedgerTests
{
    [Theory]
    [InlineData("标题", "标题", "")]
    [InlineData("标题\n第一段\n第二段", "标题", "第一段\n第二段")]
    [InlineData("  标题  \n  描述  ", "标题", "描述")]
    public void The_first_line_of_the_description_cell_is_the_title(string cell, string title, string description)
    {
        Assert.Equal((title, description), LedgerCells.SplitDescription(cell));
    }

    [Fact]
    public void A_description_too_long_for_a_title_keeps_its_whole_text_and_gives_its_first_sentence_as_title()
    {
        var text = "第一句话说明问题。" + new string('长', 300);
        var (title, description) = LedgerCells.SplitDescription(text);
        Assert.Equal("第一句话说明问题", title);
        Assert.Equal(text, description);

        var noSentence = new string('长', 300);
        (title, description) = LedgerCells.SplitDescription(noSentence);
        Assert.Equal(200, title.Length);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.Equal(noSentence, description);
    }

    [Fact]
    public void Measures_written_by_the_export_come_back_one_by_one_even_over_several_lines()
    {
        string[] measures = ["开展自查", "跨两行的措施\n第二行", "=1+1 像公式的措施", "2023年完成"];
        var cell = LedgerRow.MeasuresCell(measures);

        Assert.Equal("1. 开展自查\n2. 跨两行的措施\n第二行\n3. =1+1 像公式的措施\n4. 2023年完成", cell);
        Assert.Equal(measures, LedgerCells.SplitMeasures(cell));
    }

    [Theory]
    [InlineData("1、甲\n2、乙", new[] { "甲", "乙" })]
    [InlineData("(1)甲\n(2)乙", new[] { "甲", "乙" })]
    [InlineData("（1）甲\n（2）乙", new[] { "甲", "乙" })]
    [InlineData("①甲\n②乙", new[] { "甲", "乙" })]
    [InlineData("1.甲\n\n2.乙", new[] { "甲", "乙" })]
    [InlineData("甲\n乙\n\n丙", new[] { "甲", "乙", "丙" })]
    [InlineData("", new string[0])]
    public void Hand_written_measures_are_split_by_number_or_by_line(string cell, string[] expected)
    {
        Assert.Equal(expected, LedgerCells.SplitMeasures(cell));
    }

    [Theory]
    [InlineData("(一)贯彻党的路线方针政策和党中央决策部署方面")]
    [InlineData("（一）贯彻党的路线方针政策和党中央决策部署方面")]
    [InlineData("一、贯彻党的路线方针政策和党中央决策部署方面")]
    [InlineData(" 贯彻党的路线方针政策和党中央决策部署方面 ")]
    public void A_category_matches_with_or_without_its_number(string cell)
    {
        Assert.Equal(LedgerCells.CategoryKey("贯彻党的路线方针政策和党中央决策部署方面"), LedgerCells.CategoryKey(cell));
    }

    [Theory]
    [InlineData("王芳", "王芳", null)]
    [InlineData("王芳(办公室主任)", "王芳", "办公室主任")]
    [InlineData("王芳（办公室主任）", "王芳", "办公室主任")]
    public void A_person_may_carry_a_title_in_brackets(string cell, string name, string? qualifier)
    {
        Assert.Equal((name, qualifier), LedgerCells.SplitPerson(cell));
    }

    [Theory]
    [InlineData("整改进展(落实情况)", "Summary")]
    [InlineData("整改进展（落实情况）", "Summary")]
    [InlineData(" 问题 类别 ", "Category")]
    [InlineData("*责任单位", "OwningUnit")]
    [InlineData("责任人", "Person")]
    [InlineData("备注", null)]
    public void Headings_are_recognised_whatever_their_spacing_brackets_or_marks(string heading, string? key)
    {
        Assert.Equal(key, LedgerColumns.FromHeader(heading)?.Key);
    }

    [Theory]
    [InlineData("2026-12-31")]
    [InlineData("2026/12/31")]
    [InlineData("2026.12.31")]
    [InlineData("2026年12月31日")]
    [InlineData("20261231")]
    public void Dates_are_read_in_the_forms_people_type(string text)
    {
        Assert.Equal(new DateOnly(2026, 12, 31), LedgerFileReader.ParseDate(text));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("明年年底")]
    [InlineData("12/31/2026")]
    public void Impossible_or_ambiguous_dates_are_not_read(string text)
    {
        Assert.Null(LedgerFileReader.ParseDate(text));
    }

    [Fact]
    public void The_sheet_rows_properties_are_the_column_keys_in_order()
    {
        Assert.Equal(LedgerColumns.All.Select(c => c.Key), typeof(LedgerXlsx.SheetRow).GetProperties().Select(p => p.Name));
    }

    [Fact]
    public async Task Csv_fields_are_quoted_guarded_and_read_back_unchanged()
    {
        var row = new LedgerRow(1, "类别", "@标题,含逗号", "描述\"引号\"\n第二行", ["=1+1"], FindingKind.Immediate, "单位", null, null, null,
            new DateOnly(2026, 12, 31), null, FindingStatus.Draft, "-3 开头", 0, null);
        using var output = new MemoryStream();

        await LedgerCsv.WriteAsync(output, One(row), CancellationToken.None);

        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Contains("\"'@标题,含逗号\n描述\"\"引号\"\"\n第二行\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var records = LedgerCsv.Read(new StringReader(text)).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal("@标题,含逗号\n描述\"引号\"\n第二行", LedgerCsv.Unguard(records[1][2]));
        Assert.Equal("-3 开头", LedgerCsv.Unguard(records[1][LedgerColumns.All.ToList().IndexOf(LedgerColumns.Summary)]));
        Assert.Equal("2026-12-31", records[1][9]);
        Assert.Equal(string.Empty, records[1][6]);
    }

    private static async IAsyncEnumerable<LedgerRow> One(LedgerRow row)
    {
        await Task.Yield();
        yield return row;
    }
}
