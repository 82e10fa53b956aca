using Rectification.Core.Accounts;
using Rectification.Core.Scoping;

namespace Rectification.Core.Findings;

/// <summary>
/// Who may do what with a finding, from the role table in DESIGN.md. Scope decides visibility (outside it the
/// finding does not exist for the user: 404); roles decide what a user who can see it may change (403).
/// The status machine (<see cref="FindingWorkflow"/>) decides separately whether the change fits the status.
/// </summary>
public static class FindingPermissions
{
    private static readonly HashSet<FindingStatus> s_progressStatuses =
        [FindingStatus.Assigned, FindingStatus.InProgress, FindingStatus.Returned, FindingStatus.Reopened];

    /// <summary>Edit title, category, responsibility, deadline and kind: the inspection office's job.</summary>
    public static bool MayEdit(UserScope scope) => scope.HasRole(Roles.InspectionOffice);

    /// <summary>Record progress (measures and 落实情况): the owning unit, and the inspection office.</summary>
    public static bool MayUpdateProgress(UserScope scope) =>
        scope.HasRole(Roles.UnitHead) || scope.HasRole(Roles.UnitStaff) || scope.HasRole(Roles.InspectionOffice);

    /// <summary>Upload, replace and remove evidence: the owning unit, and the inspection office.</summary>
    public static bool MayHandleEvidence(UserScope scope) => MayUpdateProgress(scope);

    /// <summary>Accept or reject evidence: the inspection office.</summary>
    public static bool MayReviewEvidence(UserScope scope) => scope.HasRole(Roles.InspectionOffice);

    /// <summary>
    /// Evidence changes while the unit works on the finding; the inspection office may add its own (an on-site
    /// check's photos) while reviewing too. Nothing changes once the finding is closed.
    /// </summary>
    public static bool AcceptsEvidence(UserScope scope, FindingStatus status) =>
        AcceptsProgress(status) || (status == FindingStatus.Submitted && scope.HasRole(Roles.InspectionOffice));

    /// <summary>Answer a 回头看 with a note and evidence: the owning unit, whose work is being looked at again.</summary>
    public static bool MayAnswerFollowUp(UserScope scope) => scope.HasRole(Roles.UnitHead) || scope.HasRole(Roles.UnitStaff);

    /// <summary>Accept a 回头看 answer or reopen the finding over it: whoever may reopen a closed finding.</summary>
    public static bool MayReviewFollowUp(UserScope scope) => MayPerform(scope, FindingAction.ReopenAfterFollowUp);

    public static bool MayPerform(UserScope scope, FindingAction action) =>
        FindingWorkflow.For(action).Roles.Any(scope.HasRole);

    /// <summary>Editing stops at close-off; a closed finding changes only by reopening it.</summary>
    public static bool IsEditable(FindingStatus status) => status != FindingStatus.Closed;

    /// <summary>Progress is recorded while the unit works on it: not in draft, under review or after close-off.</summary>
    public static bool AcceptsProgress(FindingStatus status) => s_progressStatuses.Contains(status);
}
