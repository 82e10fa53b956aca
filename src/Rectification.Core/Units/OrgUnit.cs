namespace Rectification.Core.Units;

/// <summary>
/// A node of the organisation tree. <see cref="Path"/> is the materialised path of ids from the root,
/// e.g. <c>/1/5/23/</c>, so a subtree is every unit whose path starts with its root's path.
/// </summary>
public class OrgUnit
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Code { get; set; }

    public OrgUnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    public OrgUnit? Parent { get; set; }

    public List<OrgUnit> Children { get; } = [];

    public string Path { get; set; } = string.Empty;

    public int Depth { get; set; }

    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;
}
