using Rectification.Core.Accounts;
using Rectification.Core.Scoping;

namespace Rectification.Core.Visits;

/// <summary>
/// Who works with an inspection's on-site visits: the inspection office covering the inspected unit records them;
/// leaders and the administrator covering it read them. Units read a visit's result for their own findings only, on
/// the finding's page (the results' query filter follows the finding's).
/// </summary>
public static class SiteVisitPermissions
{
    public static bool MayView(UserScope scope, string inspectedUnitPath) =>
        (scope.HasRole(Roles.InspectionOffice) || scope.HasRole(Roles.Leader) || scope.IsAdmin) && scope.Covers(inspectedUnitPath);

    public static bool MayRecord(UserScope scope, string inspectedUnitPath) =>
        scope.HasRole(Roles.InspectionOffice) && scope.Covers(inspectedUnitPath);
}
