using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Rectification.Core.Accounts;
using Rectification.Core.Inspections;
using Rectification.Core.Reports;
using Rectification.Core.Scoping;
using Rectification.Core.Visits;

namespace Rectification.Core.Authorization;

/// <summary>
/// Resource-based checks for inspections. Visibility itself comes from the query filter (an inspection of a
/// unit in scope, or one holding a finding in scope); changing one needs the inspection office and the
/// inspected unit in scope; its public report is the inspection office's and the administrator's. The inspection
/// must be loaded with its inspected unit.
/// </summary>
public sealed class InspectionAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Inspection>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Inspection inspection)
    {
        var inspectedPath = inspection.InspectedUnit?.Path
            ?? throw new InvalidOperationException("Load the inspection's inspected unit before authorizing.");
        var scope = ScopeClaims.ToScope(context.User);

        var allowed = requirement.Name switch
        {
            nameof(InspectionOperations.View) => scope.IsAuthenticated,
            nameof(InspectionOperations.Edit) or nameof(InspectionOperations.AddFinding) =>
                scope.HasRole(Roles.InspectionOffice) && scope.Covers(inspectedPath),
            nameof(InspectionOperations.EditReport) => ReportPermissions.MayEdit(scope, inspectedPath),
            nameof(InspectionOperations.ViewVisits) => SiteVisitPermissions.MayView(scope, inspectedPath),
            nameof(InspectionOperations.RecordVisits) => SiteVisitPermissions.MayRecord(scope, inspectedPath),
            _ => false,
        };

        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
