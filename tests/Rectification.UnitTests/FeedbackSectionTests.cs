using System.Text.RegularExpressions;
using Rectification.Core.Demo;
using Rectification.Core.Reports;
using Rectification.Tests.Shared;

namespace Rectification.UnitTests;

/// <summary>Section 二 of the 通报: sub-headings per category and 一是、二是… paragraphs, as the reference report has them.</summary>
public sealed partial class FeedbackSectionTests
{
    [Fact]
    public void The_demo_ledger_gives_the_reference_reports_section_two_paragraph_by_paragraph()
    {
        var categories = JiaxiangFindings.All
            .GroupBy(f => f.Category)
            .OrderBy(g => g.Key)
            .Select(g => new FeedbackCategory(Core.Inspections.StandardCategories.Names[g.Key - 1], g.Select(f => new FeedbackFinding(f.Title, f.Summary)).ToList()));

        Assert.Equal(ReferenceReport.Load.Feedback, FeedbackSection.Build(categories));
    }

    [Fact]
    public void Each_category_is_numbered_and_its_findings_are_enumerated_in_order()
    {
        var lines = FeedbackSection.Build(
        [
            new("贯彻党的路线方针政策和党中央决策部署方面", [new("甲", "落实甲。"), new("乙", "落实乙。")]),
            new("群众身边腐败和不正之风方面", [new("丙", "落实丙。"), new("丁", "落实丁。"), new("戊", "落实戊。")]),
        ]);

        Assert.Equal(
        [
            "(一)贯彻党的路线方针政策和党中央决策部署方面问题整改落实情况",
            "一是落实甲。",
            "二是落实乙。",
            "(二)群众身边腐败和不正之风方面问题整改落实情况",
            "一是落实丙。",
            "二是落实丁。",
            "三是落实戊。",
        ], lines);
    }

    [Fact]
    public void A_category_with_a_single_finding_has_no_ordinal()
    {
        var lines = FeedbackSection.Build([new("巡视巡察、审计等监督发现", [new("采购", "2023年2月9日,召开会议。")])]);

        Assert.Equal(["(一)巡视巡察、审计等监督发现问题整改落实情况", "2023年2月9日,召开会议。"], lines);
    }

    [Fact]
    public void Eleven_and_more_findings_count_on_as_spoken_十一是_二十一是()
    {
        var findings = Enumerable.Range(1, 21).Select(i => new FeedbackFinding($"问题{i}", $"落实{i}。")).ToList();

        var lines = FeedbackSection.Build([new("某方面", findings)]);

        Assert.Equal("十是落实10。", lines[10]);
        Assert.Equal("十一是落实11。", lines[11]);
        Assert.Equal("十九是落实19。", lines[19]);
        Assert.Equal("二十是落实20。", lines[20]);
        Assert.Equal("二十一是落实21。", lines[21]);
    }

    [Fact]
    public void A_category_without_findings_is_left_out_and_the_next_takes_its_number()
    {
        var lines = FeedbackSection.Build(
        [
            new("甲方面", []),
            new("乙方面", [new("一", "落实。")]),
        ]);

        Assert.Equal(["(一)乙方面问题整改落实情况", "落实。"], lines);
    }

    [Fact]
    public void A_summary_typed_over_several_lines_stays_one_paragraph()
    {
        var lines = FeedbackSection.Build([new("某方面", [new("一", "  第一句;\r\n第二句。\n"), new("二", "第三句。")])]);

        Assert.Equal("一是第一句;第二句。", lines[1]);
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public void A_finding_without_its_summary_is_marked_so_that_it_cannot_go_out_unnoticed()
    {
        var lines = FeedbackSection.Build([new("某方面", [new("民办幼儿园监管不到位", " "), new("二", "落实。")])]);

        Assert.StartsWith("一是" + ReportWording.MissingSummaryMarker, lines[1], StringComparison.Ordinal);
        Assert.Contains("民办幼儿园监管不到位", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_reference_section_two_has_twenty_four_findings_under_four_numbered_categories()
    {
        // Guards the reference file itself: the numbering the other tests rely on is really there.
        var feedback = ReferenceReport.Load.Feedback;
        Assert.Equal(4, feedback.Count(l => SubHeading().IsMatch(l)));
        Assert.Equal(24, feedback.Count(l => !SubHeading().IsMatch(l)));
        Assert.Equal(JiaxiangFindings.All.Count, feedback.Count(l => !SubHeading().IsMatch(l)));
    }

    [GeneratedRegex(@"^\([一二三四]\)")]
    private static partial Regex SubHeading();
}
