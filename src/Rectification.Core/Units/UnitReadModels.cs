namespace Rectification.Core.Units;

public sealed record UnitNode(
    int Id, string Name, string Code, OrgUnitKind Kind, int? ParentId, int Depth, int SortOrder, bool IsActive, int UserCount);

/// <summary>A unit as a picker offers it, indented by depth.</summary>
public sealed record UnitOption(int Id, string Name, int Depth, OrgUnitKind Kind);
