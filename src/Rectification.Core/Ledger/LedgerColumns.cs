namespace Rectification.Core.Ledger;

/// <summary>What a ledger column holds, which decides how its cells are written and read.</summary>
public enum LedgerCellKind
{
    Text,
    Number,
    Date,
}

/// <summary>
/// One column of the 整改台账. <see cref="Header"/> is the Chinese heading the file always carries (the ledger is a
/// Chinese government document, whatever the interface language); it is also a resource key, so pages can name the
/// column in English.
/// </summary>
public sealed record LedgerColumn(string Key, string Header, double Width, LedgerCellKind Kind, bool Required = false, bool ImportIgnored = false)
{
    /// <summary>Other headings real ledgers use for the same column, accepted on import.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
}

/// <summary>
/// The ledger's columns, in DESIGN.md's order, in one place: export, import and the template all read them here.
/// </summary>
public static class LedgerColumns
{
    /// <summary>The sheet's name and the start of a download's file name.</summary>
    public const string DocumentName = "巡察整改台账";

    /// <summary>The template's second sheet.</summary>
    public const string InstructionsSheetName = "填写说明";

    /// <summary>Dates as Chinese documents write them; the cell stays a real date (a number with this format).</summary>
    public const string DateFormat = "yyyy\"年\"m\"月\"d\"日\"";

    /// <summary>The ways a date may be typed into a text cell (a date cell needs none of them).</summary>
    public static readonly string[] DateInputFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm",
    ];

    /// <summary>序号 of the template's example row; a row so numbered is never imported.</summary>
    public const string ExampleRowMarker = "示例";

    /// <summary>序号 runs 1, 2, 3… through the whole file, as in a Chinese ledger; 问题类别 says which 方面 a row is.</summary>
    public static readonly LedgerColumn Number = new("Number", "序号", 6, LedgerCellKind.Number);

    public static readonly LedgerColumn Category = new("Category", "问题类别", 24, LedgerCellKind.Text, Required: true)
    {
        Aliases = ["类别", "方面"],
    };

    /// <summary>The finding's title, a line break, then its description.</summary>
    public static readonly LedgerColumn Description = new("Description", "问题描述", 48, LedgerCellKind.Text, Required: true)
    {
        Aliases = ["反馈问题", "存在问题", "问题"],
    };

    /// <summary>The measures, one a line, numbered "1. …".</summary>
    public static readonly LedgerColumn Measures = new("Measures", "整改措施", 48, LedgerCellKind.Text);

    public static readonly LedgerColumn Kind = new("Kind", "整改类型", 11, LedgerCellKind.Text);

    public static readonly LedgerColumn OwningUnit = new("OwningUnit", "责任单位", 20, LedgerCellKind.Text, Required: true);

    public static readonly LedgerColumn Leader = new("Leader", "责任领导", 11, LedgerCellKind.Text);

    public static readonly LedgerColumn Department = new("Department", "责任科室", 16, LedgerCellKind.Text);

    public static readonly LedgerColumn Person = new("Person", "具体责任人", 11, LedgerCellKind.Text)
    {
        Aliases = ["责任人"],
    };

    public static readonly LedgerColumn Deadline = new("Deadline", "整改时限", 15, LedgerCellKind.Date)
    {
        Aliases = ["完成时限", "整改期限"],
    };

    /// <summary>原定时限: the deadline first set, when an approved extension (延期) has changed it since.</summary>
    public static readonly LedgerColumn OriginalDeadline = new("OriginalDeadline", "原定时限", 15, LedgerCellKind.Date, ImportIgnored: true);

    public static readonly LedgerColumn Status = new("Status", "整改状态", 10, LedgerCellKind.Text, ImportIgnored: true);

    public static readonly LedgerColumn Summary = new("Summary", "整改进展(落实情况)", 48, LedgerCellKind.Text)
    {
        Aliases = ["整改进展", "落实情况", "整改落实情况"],
    };

    public static readonly LedgerColumn EvidenceCount = new("EvidenceCount", "佐证材料数", 10, LedgerCellKind.Number, ImportIgnored: true);

    public static readonly LedgerColumn ClosedOn = new("ClosedOn", "销号日期", 15, LedgerCellKind.Date, ImportIgnored: true);

    public static IReadOnlyList<LedgerColumn> All { get; } =
    [
        Number, Category, Description, Measures, Kind, OwningUnit, Leader, Department, Person, Deadline, OriginalDeadline, Status, Summary,
        EvidenceCount, ClosedOn,
    ];

    /// <summary>The column a heading names, ignoring spaces and the width of brackets; <c>null</c> for any other heading.</summary>
    public static LedgerColumn? FromHeader(string? heading)
    {
        if (string.IsNullOrWhiteSpace(heading))
        {
            return null;
        }

        var wanted = NormaliseHeading(heading);
        return All.FirstOrDefault(c => NormaliseHeading(c.Header) == wanted || c.Aliases.Any(a => NormaliseHeading(a) == wanted));
    }

    private static string NormaliseHeading(string heading) =>
        string.Concat(heading.Where(c => !char.IsWhiteSpace(c) && c != '*'))
            .Replace('（', '(')
            .Replace('）', ')');
}
