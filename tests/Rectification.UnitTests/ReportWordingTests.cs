using Rectification.Core.Reports;
using Rectification.Tests.Shared;

namespace Rectification.UnitTests;

/// <summary>The 通报's fixed wording from the inspection's facts, checked against the published report.</summary>
public sealed class ReportWordingTests
{
    private static readonly ReportInspectionFacts s_jiaxiang = ReportInspectionFacts.From(
        "县委第一巡察组", "县委巡察组", "县教育和体育局党组", "中共嘉祥县教育和体育局党组", "县教育和体育局",
        new DateOnly(2022, 7, 21), new DateOnly(2022, 8, 26), new DateOnly(2022, 12, 6));

    [Fact]
    public void Title_opening_and_contact_line_read_exactly_as_the_reference_report()
    {
        var reference = ReferenceReport.Load;

        Assert.Equal(reference.Title, ReportWording.Title(s_jiaxiang.PartyOrganisationFullName));
        Assert.Equal(reference.Opening, ReportWording.Opening(s_jiaxiang));
        Assert.Equal(reference.ContactLine, ReportWording.ContactLine("7390911", "jxjtjjgjw@ji.shandong.cn"));
        Assert.Equal("二、" + ReportWording.FeedbackHeading(s_jiaxiang.TeamShortName), reference.Body.Single(l => l.StartsWith("二、", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_the_optional_fields_the_defaults_still_give_the_reference_wording()
    {
        // Only the team's full name and the inspected unit entered: short name, committee and organisation follow.
        var facts = ReportInspectionFacts.From("县委第一巡察组", null, null, null, "县教育和体育局",
            new DateOnly(2022, 7, 21), new DateOnly(2022, 8, 26), new DateOnly(2022, 12, 6));

        Assert.Equal("县委巡察组", facts.TeamShortName);
        Assert.Equal("县委", facts.DeployingCommittee);
        Assert.Equal("县教育和体育局党组", facts.PartyOrganisation);
        Assert.Equal("中共县教育和体育局党组", facts.PartyOrganisationFullName);
        Assert.Equal(ReferenceReport.Load.Opening, ReportWording.Opening(facts));
    }

    [Fact]
    public void A_feedback_date_in_a_later_year_than_the_inspection_keeps_its_year()
    {
        var facts = s_jiaxiang with { InspectionStart = new DateOnly(2022, 11, 1), InspectionEnd = new DateOnly(2022, 12, 20), FeedbackDate = new DateOnly(2023, 2, 8) };

        var opening = ReportWording.Opening(facts);

        Assert.Contains("2022年11月1日至12月20日,", opening, StringComparison.Ordinal);
        Assert.Contains("。2023年2月8日,县委巡察组向", opening, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("县委第一巡察组", "县委", "县委巡察组")]
    [InlineData("市委第十二巡察组", "市委", "市委巡察组")]
    [InlineData("县委巡察组", "县委", "县委巡察组")]
    [InlineData("巡察组", null, "巡察组")]
    [InlineData("督查组", null, "督查组")]
    public void The_committee_and_short_name_come_from_the_teams_name(string team, string? committee, string shortName)
    {
        Assert.Equal(committee, ReportWording.CommitteeOf(team));
        Assert.Equal(shortName, ReportWording.ShortTeamName(team));
    }

    [Fact]
    public void The_contact_line_names_only_what_was_given_and_is_left_out_without_either()
    {
        Assert.Null(ReportWording.ContactLine(null, " "));
        Assert.EndsWith("请及时向我们反映,联系电话:0537-6851234。", ReportWording.ContactLine("0537-6851234", null), StringComparison.Ordinal);
        Assert.EndsWith("请及时向我们反映,电子邮箱:a@b.cn。", ReportWording.ContactLine(null, "a@b.cn"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_visits_sentence_counts_units_and_problems_with_the_reference_wording()
    {
        var day = new DateOnly(2023, 1, 11);

        Assert.Equal(
            "2023年1月11日,县委第一巡察组逐单位、逐问题对整改情况进行现场查验,共查验4个单位、24个问题,其中整改到位22个、不到位2个。",
            ReportWording.SiteVisit("县委第一巡察组", day, 4, 24, 22));
        Assert.Equal(
            "2023年1月11日,县委第一巡察组逐单位、逐问题对整改情况进行现场查验,共查验3个单位、5个问题,所有问题均已整改到位。",
            ReportWording.SiteVisit("县委第一巡察组", day, 3, 5, 5));
        Assert.EndsWith("共查验1个单位、2个问题,均未整改到位。", ReportWording.SiteVisit("县委第一巡察组", day, 1, 2, 0), StringComparison.Ordinal);

        // The reference report's own sentence, less the counts it leaves out: its date, its 逐单位、逐问题, its 所有问题均已整改到位.
        var reference = ReferenceReport.Load.Body.Single(l => l.Contains("现场查验", StringComparison.Ordinal));
        Assert.Contains("2023年1月11日,逐单位、逐问题对整改情况进行现场查验,所有问题均已整改到位", reference, StringComparison.Ordinal);
        var generated = ReportWording.SiteVisit(string.Empty, day, 3, 5, 5).Replace("共查验3个单位、5个问题,", string.Empty, StringComparison.Ordinal);
        Assert.Contains(generated.TrimEnd('。'), reference, StringComparison.Ordinal);
    }
}
