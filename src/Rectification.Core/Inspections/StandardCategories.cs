namespace Rectification.Core.Inspections;

/// <summary>The four standard 方面 that pre-fill every new inspection (DESIGN.md).</summary>
public static class StandardCategories
{
    public static readonly IReadOnlyList<string> Names =
    [
        "贯彻党的路线方针政策和党中央决策部署方面",
        "群众身边腐败和不正之风方面",
        "基层党组织软弱涣散、组织力欠缺方面",
        "巡视巡察、审计等监督发现",
    ];

    public static IEnumerable<FindingCategory> Create() =>
        Names.Select((name, index) => new FindingCategory { Name = name, Ordinal = index + 1 });
}
