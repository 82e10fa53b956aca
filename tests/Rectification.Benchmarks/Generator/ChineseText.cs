using Bogus;

namespace Rectification.Benchmarks.Generator;

/// <summary>Phrases of the kind real rectification ledgers are written in, combined by Bogus's seeded randomizer.</summary>
public static class ChineseText
{
    public static readonly string[] Cities =
        ["济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市", "泰安市", "威海市", "日照市", "临沂市", "德州市", "聊城市", "滨州市", "菏泽市"];

    private static readonly string[] s_placeFirst = ["嘉", "汶", "梁", "金", "鱼", "泗", "曲", "兖", "邹", "微", "临", "平", "东", "阳", "高", "莒", "沂", "郯", "兰", "费", "蒙", "宁", "庆", "武", "博", "乐", "昌", "寿", "安", "齐"];
    private static readonly string[] s_placeSecond = ["祥", "上", "山", "乡", "台", "水", "阜", "州", "城", "山", "清", "原", "阿", "谷", "唐", "县", "南", "城", "陵", "县", "阴", "津", "云", "邑", "兴", "陵", "乐", "光", "丘", "河"];

    public static readonly string[] Bureaus = ["教育和体育局", "卫生健康局", "财政局", "自然资源局", "住房和城乡建设局", "农业农村局", "民政局", "交通运输局"];

    private static readonly string[] s_schoolKinds = ["第一小学", "第二小学", "中心小学", "实验小学", "初级中学", "中心幼儿园", "第三小学", "九年一贯制学校"];

    private static readonly string[] s_subjects =
        ["部分学校", "个别单位", "局党组", "机关党支部", "部分镇街教办", "个别领导干部", "部分基层党组织", "财务管理部门", "个别科室", "部分中小学"];

    private static readonly string[] s_problems =
    [
        "落实全面从严治党主体责任不到位", "学习贯彻党的二十大精神不够深入", "意识形态工作责任制落实不到位",
        "违规收取学生费用问题整治不彻底", "食堂财务管理不规范", "公务用车管理不严格", "政府采购程序不规范",
        "\"三重一大\"决策制度执行不到位", "党组织生活不规范,\"三会一课\"流于形式", "干部选拔任用程序不严谨",
        "上次巡察反馈问题整改不彻底", "校外培训监管存在漏洞", "基建项目管理不规范", "专项资金使用效益不高",
        "师德师风建设抓得不实", "教辅材料征订存在违规问题", "资产管理混乱,账实不符", "形式主义、官僚主义问题仍然存在",
    ];

    private static readonly string[] s_details =
    [
        "经查,{0}对相关文件精神传达不及时,研究部署不具体,督促检查不经常。",
        "巡察发现,{0}在2023年至2025年间有关台账资料不完整,部分事项无会议记录。",
        "抽查的{1}份凭证中,有{2}份存在审批手续不全、附件缺失等问题。",
        "{0}对该问题认识不足,整改措施针对性不强,整改成效有待巩固。",
        "个别同志纪律意识淡薄,存在\"打擦边球\"现象,群众反映较为强烈。",
        "制度建设滞后,现有制度与上级要求不相适应,执行中存在\"打折扣\"现象。",
    ];

    private static readonly string[] s_measures =
    [
        "制定专项整改方案,明确责任分工和完成时限", "召开专题会议研究部署,逐项对账销号", "开展专项检查,建立问题清单、任务清单、责任清单",
        "修订完善相关制度,形成长效机制", "组织全体干部职工开展警示教育", "对相关责任人进行批评教育和提醒谈话",
        "聘请第三方机构开展专项审计", "建立定期调度和通报机制,按月报告整改进展",
    ];

    private static readonly string[] s_evidence =
        ["整改工作方案", "专题会议纪要", "制度汇编", "警示教育会照片", "专项检查报告", "谈话记录", "审计报告", "整改台账"];

    private static readonly string[] s_extensions = ["pdf", "docx", "jpg", "xlsx", "ofd"];

    public static Rectification.Core.Evidence.EvidenceFileType FileType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".docx" => Rectification.Core.Evidence.EvidenceFileType.Docx,
        ".jpg" => Rectification.Core.Evidence.EvidenceFileType.Jpeg,
        ".xlsx" => Rectification.Core.Evidence.EvidenceFileType.Xlsx,
        ".ofd" => Rectification.Core.Evidence.EvidenceFileType.Ofd,
        _ => Rectification.Core.Evidence.EvidenceFileType.Pdf,
    };

    public static string Place(Randomizer random, int n) =>
        s_placeFirst[random.Number(s_placeFirst.Length - 1)] + s_placeSecond[n % s_placeSecond.Length];

    public static string School(string township, int n) => township + s_schoolKinds[n % s_schoolKinds.Length] + (n >= s_schoolKinds.Length ? (n / s_schoolKinds.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    public static string FindingTitle(Randomizer random) => random.ArrayElement(s_subjects) + random.ArrayElement(s_problems);

    public static string Description(Randomizer random, string unit)
    {
        var sentences = random.Number(2, 3);
        return string.Concat(Enumerable.Range(0, sentences).Select(_ => string.Format(
            System.Globalization.CultureInfo.InvariantCulture, random.ArrayElement(s_details), unit, random.Number(20, 200), random.Number(2, 19))));
    }

    public static string Measure(Randomizer random, int ordinal) => $"{ordinal}. {random.ArrayElement(s_measures)}。";

    public static string Summary(Randomizer random) =>
        string.Join(";", random.ArrayElements(s_measures, random.Number(2, 4))) + "。目前已完成阶段性整改任务,将持续巩固整改成果。";

    public static string EvidenceDescription(Randomizer random) => random.ArrayElement(s_evidence);

    public static string FileName(Randomizer random, string description) => $"{description}.{random.ArrayElement(s_extensions)}";
}
