using Rectification.Core.Accounts;
using Rectification.Core.Scoping;

namespace Rectification.Core.Urging;

public static class UrgePermissions
{
    /// <summary>Leaders and the inspection office urge (督办).</summary>
    public static bool MayUrge(UserScope scope) => scope.HasRole(Roles.Leader) || scope.HasRole(Roles.InspectionOffice);

    /// <summary>The urged unit's own head or liaison acknowledges (签收); the urge must be in their scope.</summary>
    public static bool MayAcknowledge(UserScope scope, string unitPath) =>
        (scope.HasRole(Roles.UnitHead) || scope.HasRole(Roles.UnitStaff)) && scope.Covers(unitPath);
}
