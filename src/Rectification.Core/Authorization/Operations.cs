using Microsoft.AspNetCore.Authorization.Infrastructure;
using Rectification.Core.Findings;

namespace Rectification.Core.Authorization;

/// <summary>The operations checked with <c>IAuthorizationService.AuthorizeAsync(user, finding, operation)</c>.</summary>
public static class FindingOperations
{
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
    public static readonly OperationAuthorizationRequirement UpdateProgress = new() { Name = nameof(UpdateProgress) };
    public static readonly OperationAuthorizationRequirement HandleEvidence = new() { Name = nameof(HandleEvidence) };
    public static readonly OperationAuthorizationRequirement ReviewEvidence = new() { Name = nameof(ReviewEvidence) };
    public static readonly OperationAuthorizationRequirement RequestExtension = new() { Name = nameof(RequestExtension) };
    public static readonly OperationAuthorizationRequirement DecideExtension = new() { Name = nameof(DecideExtension) };
    public static readonly OperationAuthorizationRequirement Urge = new() { Name = nameof(Urge) };

    /// <summary>Answer a 回头看 (note and evidence): the owning unit.</summary>
    public static readonly OperationAuthorizationRequirement AnswerFollowUp = new() { Name = nameof(AnswerFollowUp) };

    /// <summary>Accept a 回头看 answer: the inspection office (reopening is the workflow's <see cref="FindingAction.ReopenAfterFollowUp"/>).</summary>
    public static readonly OperationAuthorizationRequirement AcceptFollowUp = new() { Name = nameof(AcceptFollowUp) };

    private static readonly Dictionary<FindingAction, OperationAuthorizationRequirement> s_actions =
        Enum.GetValues<FindingAction>().ToDictionary(a => a, a => new OperationAuthorizationRequirement { Name = a.ToString() });

    public static OperationAuthorizationRequirement For(FindingAction action) => s_actions[action];
}

public static class InspectionOperations
{
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
    public static readonly OperationAuthorizationRequirement AddFinding = new() { Name = nameof(AddFinding) };

    /// <summary>Draft, regenerate, publish and unpublish the public report, and handle its comments.</summary>
    public static readonly OperationAuthorizationRequirement EditReport = new() { Name = nameof(EditReport) };

    /// <summary>Read the inspection's on-site visits (现场查验).</summary>
    public static readonly OperationAuthorizationRequirement ViewVisits = new() { Name = nameof(ViewVisits) };

    /// <summary>Record on-site visits, their results and photos, and return a finding found 不到位.</summary>
    public static readonly OperationAuthorizationRequirement RecordVisits = new() { Name = nameof(RecordVisits) };
}
