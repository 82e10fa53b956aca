using Rectification.Core.Accounts;
using Rectification.Core.Scoping;

namespace Rectification.Core.Reports;

/// <summary>
/// Who answers for an inspection's public report: the inspection office covering the inspected unit, and the
/// administrator. They draft, publish and unpublish it and handle the public's comments on it.
/// </summary>
public static class ReportPermissions
{
    public static bool MayEdit(UserScope scope, string inspectedUnitPath) =>
        (scope.HasRole(Roles.InspectionOffice) || scope.IsAdmin) && scope.Covers(inspectedUnitPath);
}
