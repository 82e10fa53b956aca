using System.Text.RegularExpressions;
using Rectification.Core.Text;

namespace Rectification.Core.Reports;

/// <summary>
/// The fixed wording of the 整改情况通报, as the reference report (docs/reference/) has it. This is the Chinese
/// document itself, not interface text: it is the same whatever language the user reads the pages in. Punctuation
/// follows the reference: ASCII , : ; ( ) inside Chinese text, 、 and 。 full width.
/// </summary>
public static partial class ReportWording
{
    public const string ProgressHeading = "整改工作进展情况";

    public const string PlansHeading = "今后整改工作打算";

    /// <summary>What section 二 says for a finding that has no 落实情况 yet; publishing refuses while one is left.</summary>
    public const string MissingSummaryMarker = "【待补充";

    private const string TeamSuffix = "巡察组";

    /// <summary>The default section 一: the reference's three sub-headings, for the office to write under.</summary>
    public static readonly string DefaultProgressSection = string.Join('\n',
        "(一)提高思想认识,迅速动员部署。",
        "(二)坚持问题导向,明确目标任务。",
        "(三)强化协调推进,建立长效机制。");

    /// <summary>The default section 三: the reference's three intentions, for the office to fill in.</summary>
    public static readonly string DefaultPlansSection = string.Join('\n',
        "一是进一步扛牢管党治党责任。",
        "二是进一步健全完善长效机制。",
        "三是进一步抓好整改后续工作。");

    /// <summary>中共嘉祥县教育和体育局党组关于巡察整改情况的通报.</summary>
    public static string Title(string organisationFullName) => organisationFullName + "关于巡察整改情况的通报";

    /// <summary>二、县委巡察组反馈意见整改落实情况 (without its 二、).</summary>
    public static string FeedbackHeading(string teamShortName) => teamShortName + "反馈意见整改落实情况";

    /// <summary>(一)贯彻党的路线方针政策和党中央决策部署方面问题整改落实情况 (without its (一)).</summary>
    public static string CategoryHeading(string categoryName) => categoryName + "问题整改落实情况";

    public static string MissingSummary(string findingTitle) => $"{MissingSummaryMarker}:“{findingTitle}”的整改落实情况】";

    /// <summary>
    /// 根据县委统一部署,2022年7月21日至8月26日,县委第一巡察组对县教育和体育局党组进行了集中巡察。12月6日,县委巡察组向
    /// 县教育和体育局党组反馈了巡察意见。按照党务公开原则和巡察工作有关要求,现将巡察整改情况予以公布。
    /// The feedback date drops its year when it is the year the inspection ended, as official writing does.
    /// </summary>
    public static string Opening(ReportInspectionFacts facts)
    {
        var feedback = facts.FeedbackDate.Year == facts.InspectionEnd.Year
            ? ChineseDates.FormatMonthDay(facts.FeedbackDate)
            : ChineseDates.Format(facts.FeedbackDate);
        return $"根据{facts.DeployingCommittee}统一部署,{ChineseDates.FormatRange(facts.InspectionStart, facts.InspectionEnd)},"
            + $"{facts.TeamName}对{facts.PartyOrganisation}进行了集中巡察。{feedback},{facts.TeamShortName}向{facts.PartyOrganisation}"
            + "反馈了巡察意见。按照党务公开原则和巡察工作有关要求,现将巡察整改情况予以公布。";
    }

    /// <summary>
    /// Section 一's sentence on an on-site visit (现场查验), as the reference report words it:
    /// 2023年1月11日,县委第一巡察组逐单位、逐问题对整改情况进行现场查验,共查验4个单位、24个问题,其中整改到位22个、不到位2个。
    /// When every problem checked was in place it says so as the reference does (所有问题均已整改到位), and when none
    /// was, that none was, instead of counting.
    /// </summary>
    public static string SiteVisit(string teamName, DateOnly visitedOn, int units, int problems, int inPlace)
    {
        var outcome = inPlace == problems ? "所有问题均已整改到位"
            : inPlace == 0 ? "均未整改到位"
            : $"其中整改到位{inPlace}个、不到位{problems - inPlace}个";
        return $"{ChineseDates.Format(visitedOn)},{teamName}逐单位、逐问题对整改情况进行现场查验,共查验{units}个单位、{problems}个问题,{outcome}。";
    }

    /// <summary>The closing invitation with the telephone and e-mail given; none when neither is.</summary>
    public static string? ContactLine(string? phone, string? email)
    {
        if (string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var line = "欢迎广大干部群众对巡察整改落实情况进行监督,如有意见建议,请及时向我们反映,";
        if (!string.IsNullOrWhiteSpace(phone))
        {
            line += $"联系电话:{phone.Trim()}。";
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            line += $"电子邮箱:{email.Trim()}。";
        }

        return line;
    }

    /// <summary>
    /// The committee that deployed the team (县委 in 根据县委统一部署): a team is named after it, 县委第一巡察组 or
    /// 县委巡察组, so it is what comes before the team's number or its 巡察组. Null when the name does not say.
    /// </summary>
    public static string? CommitteeOf(string teamName)
    {
        var match = TeamName().Match(teamName.Trim());
        return match.Success && match.Groups["committee"].Length > 0 ? match.Groups["committee"].Value : null;
    }

    /// <summary>The team's short name when none was entered: 县委第一巡察组 → 县委巡察组.</summary>
    public static string ShortTeamName(string teamName) =>
        CommitteeOf(teamName) is { } committee ? committee + TeamSuffix : teamName.Trim();

    /// <summary>
    /// A line that starts with a sub-heading number, (一) or (一): in section 二 it is a category's sub-heading, in
    /// sections 一 and 三 the lead-in of its paragraph.
    /// </summary>
    public static Match SubHeadingNumber(string line) => SubHeadingPattern().Match(line);

    [GeneratedRegex(@"^(?<committee>.*?)(第[一二三四五六七八九十百零]+)?巡察组$")]
    private static partial Regex TeamName();

    [GeneratedRegex(@"^[((][一二三四五六七八九十百零]+[))]")]
    private static partial Regex SubHeadingPattern();
}

/// <summary>What the report says about its inspection, with every default already applied.</summary>
public sealed record ReportInspectionFacts(
    string TeamName,
    string TeamShortName,
    string DeployingCommittee,
    string PartyOrganisation,
    string PartyOrganisationFullName,
    DateOnly InspectionStart,
    DateOnly InspectionEnd,
    DateOnly FeedbackDate)
{
    /// <summary>
    /// Applies the defaults: the short name from the team's name (县委第一巡察组 → 县委巡察组), the party organisation
    /// from the inspected unit (县教育和体育局 → 县教育和体育局党组), its full name with 中共 before it.
    /// </summary>
    public static ReportInspectionFacts From(
        string teamName, string? teamShortName, string? partyOrganisation, string? partyOrganisationFullName,
        string inspectedUnitName, DateOnly inspectionStart, DateOnly inspectionEnd, DateOnly feedbackDate)
    {
        var shortName = string.IsNullOrWhiteSpace(teamShortName) ? ReportWording.ShortTeamName(teamName) : teamShortName.Trim();
        var organisation = string.IsNullOrWhiteSpace(partyOrganisation) ? inspectedUnitName + "党组" : partyOrganisation.Trim();
        var fullName = string.IsNullOrWhiteSpace(partyOrganisationFullName) ? "中共" + organisation : partyOrganisationFullName.Trim();
        var committee = ReportWording.CommitteeOf(shortName) ?? ReportWording.CommitteeOf(teamName) ?? shortName;
        return new ReportInspectionFacts(teamName.Trim(), shortName, committee, organisation, fullName, inspectionStart, inspectionEnd, feedbackDate);
    }
}
