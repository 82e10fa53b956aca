using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Urging;

namespace Rectification.Core.Authorization;

/// <summary>Resource-based checks for findings, on the finding as loaded (its stored owning unit path decides visibility).</summary>
public sealed class FindingAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, Finding>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Finding finding)
    {
        var owningUnitPath = finding.OwningUnitPath is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("Authorize a finding as loaded from the database (with its owning unit path).");
        var scope = ScopeClaims.ToScope(context.User);
        if (!Visibility.CanSee(scope, owningUnitPath, finding.Status))
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
            nameof(FindingOperations.AnswerFollowUp) => FindingPermissions.MayAnswerFollowUp(scope),
            nameof(FindingOperations.AcceptFollowUp) => FindingPermissions.MayReviewFollowUp(scope),
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
