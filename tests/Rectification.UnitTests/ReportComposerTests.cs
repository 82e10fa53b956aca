using Rectification.Core.Reports;
using Rectification.Tests.Shared;

namespace Rectification.UnitTests;

/// <summary>From the stored sections to the blocks the .docx and the public page are made of.</summary>
public sealed class ReportComposerTests
{
    [Fact]
    public void The_reference_sections_compose_into_the_reference_document_block_by_block()
    {
        var reference = ReferenceReport.Load;
        var report = new PublicReport
        {
            Slug = "test",
            Title = reference.Title,
            Opening = reference.Opening,
            ProgressSection = string.Join('\n', reference.Progress),
            FeedbackSection = string.Join('\n', reference.Feedback),
            PlansSection = string.Join('\n', reference.Plans),
            ContactPhone = "7390911",
            ContactEmail = "jxjtjjgjw@ji.shandong.cn",
            Signature = "中共嘉祥县教育和体育局党组",
            ReportDate = new DateOnly(2023, 5, 9),
        };
        var facts = ReportInspectionFacts.From("县委第一巡察组", "县委巡察组", "县教育和体育局党组", "中共嘉祥县教育和体育局党组", "县教育和体育局",
            new DateOnly(2022, 7, 21), new DateOnly(2022, 8, 26), new DateOnly(2022, 12, 6));

        var document = ReportComposer.Compose(report, facts);

        Assert.Equal(reference.Title, document.Title);
        Assert.Equal(reference.Body, document.Blocks.Select(b => b.LeadIn + b.Text).Append(document.Signature).Append(document.Date).ToList());
        Assert.Equal(3, document.Blocks.Count(b => b.Kind == ReportBlockKind.Heading1));

        // Section 二's four categories are sub-headings; section 一's (一)(二)(三) open paragraphs as lead-ins.
        Assert.Equal(reference.Feedback.Where(l => l.StartsWith('(')), document.Blocks.Where(b => b.Kind == ReportBlockKind.Heading2).Select(b => b.Text));
        Assert.Equal(
            ["(一)提高思想认识,迅速动员部署。", "(二)坚持问题导向,明确目标任务。", "(三)强化协调推进,建立长效机制。"],
            document.Blocks.Where(b => b.LeadIn is not null).Select(b => b.LeadIn!));
    }

    [Theory]
    [InlineData("(一)提高思想认识,迅速动员部署。巡察反馈会议后,及时召开专题会。", ReportBlockKind.Paragraph, "(一)提高思想认识,迅速动员部署。", "巡察反馈会议后,及时召开专题会。")]
    [InlineData("(二)坚持问题导向,明确目标任务。", ReportBlockKind.Heading2, null, "(二)坚持问题导向,明确目标任务。")]
    [InlineData("(一)贯彻党的路线方针政策和党中央决策部署方面问题整改落实情况", ReportBlockKind.Heading2, null, "(一)贯彻党的路线方针政策和党中央决策部署方面问题整改落实情况")]
    [InlineData("(十一)全角括号也可以。正文。", ReportBlockKind.Paragraph, "(十一)全角括号也可以。", "正文。")]
    [InlineData("一是进一步扛牢管党治党责任。持续深入学习。", ReportBlockKind.Paragraph, null, "一是进一步扛牢管党治党责任。持续深入学习。")]
    [InlineData("(注)不是序号。", ReportBlockKind.Paragraph, null, "(注)不是序号。")]
    public void A_line_opening_with_a_sub_heading_number_is_a_lead_in_when_text_follows_and_a_heading_when_not(
        string line, ReportBlockKind kind, string? leadIn, string text)
    {
        var block = Assert.Single(ReportComposer.ToBlocks(line));

        Assert.Equal(new ReportBlock(kind, text, leadIn), block);
    }

    [Fact]
    public void Blank_lines_and_surrounding_spaces_do_not_make_paragraphs()
    {
        Assert.Equal("第一段\n第二段", ReportComposer.Normalise("  第一段 \r\n\r\n\n 第二段\n"));
        Assert.Empty(ReportComposer.ToBlocks(" \n "));
    }

    [Fact]
    public void A_snapshot_reads_back_as_the_document_it_was()
    {
        var document = new ReportDocument("标题", [new(ReportBlockKind.Heading1, "一、标题"), new(ReportBlockKind.Paragraph, "正文<script>", "(一)引导。")], "落款", "2023年5月9日");

        var copy = ReportSnapshot.Deserialize(ReportSnapshot.Serialize(document));

        Assert.Equal(document.Title, copy.Title);
        Assert.Equal(document.Blocks, copy.Blocks);
        Assert.Equal((document.Signature, document.Date), (copy.Signature, copy.Date));
    }
}
