namespace Rectification.Core.Scoping;

/// <summary>
/// Who is asking, and which part of the unit tree they may see. Admin sees everything; UnitStaff see their own
/// unit only; every other role sees their unit's subtree. Drafts stay with the inspection office.
/// </summary>
public sealed class UserScope
{
    private const string NoPath = "\0";

    private UserScope(string? userId, string displayName, int? unitId, string? unitPath, IEnumerable<string> roles, bool isSystem)
    {
        UserId = userId;
        DisplayName = displayName;
        UnitId = unitId;
        UnitPath = unitPath ?? NoPath;
        Roles = roles.ToHashSet(StringComparer.Ordinal);
        IsSystem = isSystem;
        // Worked out once: the roles never change, and pickers ask Covers for each of thousands of units.
        SeesEverything = IsSystem || IsAdmin;
        OwnUnitOnly = !SeesEverything
            && Roles.Contains(Accounts.Roles.UnitStaff)
            && !Roles.Overlaps([Accounts.Roles.InspectionOffice, Accounts.Roles.Leader, Accounts.Roles.UnitHead]);
        SeesDrafts = SeesEverything || Roles.Contains(Accounts.Roles.InspectionOffice);
        Range = SeesEverything ? PathRange.Everything
            : !IsAuthenticated ? PathRange.Nothing
            : OwnUnitOnly ? PathRange.Unit(UnitPath)
            : PathRange.Subtree(UnitPath);
    }

    /// <summary>Background work and start-up seeding: sees everything, acts as nobody.</summary>
    public static UserScope System { get; } = new(null, "系统", null, null, [], isSystem: true);

    /// <summary>Not signed in: sees nothing.</summary>
    public static UserScope Anonymous { get; } = new(null, string.Empty, null, null, [], isSystem: false);

    public static UserScope ForUser(string userId, string displayName, int unitId, string unitPath, IEnumerable<string> roles) =>
        new(userId, displayName, unitId, unitPath, roles, isSystem: false);

    public string? UserId { get; }

    public string DisplayName { get; }

    public int? UnitId { get; }

    /// <summary>The user's unit path; a value no unit has when there is no user.</summary>
    public string UnitPath { get; }

    public IReadOnlySet<string> Roles { get; }

    public bool IsSystem { get; }

    public bool IsAuthenticated => UserId is not null;

    public bool IsAdmin => Roles.Contains(Accounts.Roles.Admin);

    public bool SeesEverything { get; }

    /// <summary>UnitStaff (and nothing broader) see only findings owned by their own unit, not its sub-units.</summary>
    public bool OwnUnitOnly { get; }

    /// <summary>Draft findings are the inspection office's working copy; units and leaders see them once assigned.</summary>
    public bool SeesDrafts { get; }

    /// <summary>The unit paths within the scope: everything, the user's unit alone, or its subtree.</summary>
    public PathRange Range { get; }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>
    /// Whether the user sets this unit's group robot: an administrator any unit's, a unit head their own unit's,
    /// the inspection office the office's (its own unit).
    /// </summary>
    public bool ManagesGroupRobotOf(int unitId) =>
        IsAdmin || (UnitId == unitId && Roles.Overlaps([Accounts.Roles.UnitHead, Accounts.Roles.InspectionOffice]));

    /// <summary>Whether a unit with this path lies within the scope.</summary>
    public bool Covers(string unitPath) => Range.Contains(unitPath);
}
