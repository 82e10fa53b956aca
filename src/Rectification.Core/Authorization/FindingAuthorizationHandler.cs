using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Urging;

namespace Rectification.Core.Authorization;

/// <summary>Resource-based checks for findings. The finding must be loaded with its owning unit.</summary>
public sealed class FindingAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Finding>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Finding finding)
    {
        var owningUnitPath = finding.OwningUnit?.Path
            ?? throw new InvalidOperationException("Load the finding's owning unit before authorizing.");
        var scope = ScopeClaims.ToScope(context.User);
        if (!FindingPermissions.CanView(scope, finding.Status, owningUnitPath))
        {
            return Task.CompletedTask;
        }

        var allowed = requirement.Name switch
        {
            nameof(FindingOperations.View) => true,
            nameof(FindingOperations.Edit) => FindingPermissions.MayEdit(scope),
            nameof(FindingOperations.UpdateProgress) => FindingPermissions.MayUpdateProgress(scope),
            nameof(FindingOperations.HandleEvidence) => FindingPermissions.MayHandleEvidence(scope),
            nameof(FindingOperations.ReviewEvidence) => FindingPermissions.MayReviewEvidence(scope),
            nameof(FindingOperations.RequestExtension) => scope.HasRole(Accounts.Roles.UnitHead),
            nameof(FindingOperations.DecideExtension) => scope.HasRole(Accounts.Roles.InspectionOffice),
            nameof(FindingOperations.Urge) => UrgePermissions.MayUrge(scope),
            _ when Enum.TryParse<FindingAction>(requirement.Name, out var action) => FindingPermissions.MayPerform(scope, action),
            _ => false,
        };

        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
