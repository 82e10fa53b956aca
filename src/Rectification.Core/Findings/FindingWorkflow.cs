using Rectification.Core.Accounts;

namespace Rectification.Core.Findings;

/// <summary>The status changes a user can ask for; one POST action each.</summary>
public enum FindingAction
{
    Assign,
    Claim,
    Start,
    Submit,
    Approve,
    Return,
    Reopen,
    ReopenAfterFollowUp,
}

/// <summary>One allowed move of the status machine and who may make it.</summary>
public sealed record FindingTransition(
    FindingAction Action,
    IReadOnlySet<FindingStatus> From,
    FindingStatus To,
    IReadOnlyList<string> Roles,
    bool RequiresComment,
    FindingEventKind EventKind);

/// <summary>
/// The status machine of DESIGN.md, in one table. Nothing else decides which status may follow which.
/// </summary>
public static class FindingWorkflow
{
    private static readonly Dictionary<FindingAction, FindingTransition> s_transitions = new[]
    {
        // 交办: the inspection office hands a drafted finding to its unit.
        new FindingTransition(FindingAction.Assign, Set(FindingStatus.Draft), FindingStatus.Assigned,
            [Roles.InspectionOffice], RequiresComment: false, FindingEventKind.Assigned),

        // 认领: the unit head accepts the finding and rectification starts.
        new FindingTransition(FindingAction.Claim, Set(FindingStatus.Assigned), FindingStatus.InProgress,
            [Roles.UnitHead], RequiresComment: false, FindingEventKind.Claimed),

        // 继续整改: work resumes after a return or a reopening (回头看).
        new FindingTransition(FindingAction.Start, Set(FindingStatus.Returned, FindingStatus.Reopened), FindingStatus.InProgress,
            [Roles.UnitHead, Roles.UnitStaff], RequiresComment: false, FindingEventKind.Started),

        // 申请销号.
        new FindingTransition(FindingAction.Submit, Set(FindingStatus.InProgress), FindingStatus.Submitted,
            [Roles.UnitHead], RequiresComment: false, FindingEventKind.Submitted),

        // 销号.
        new FindingTransition(FindingAction.Approve, Set(FindingStatus.Submitted), FindingStatus.Closed,
            [Roles.InspectionOffice], RequiresComment: false, FindingEventKind.Approved),

        // 退回, always with the reason the unit will read.
        new FindingTransition(FindingAction.Return, Set(FindingStatus.Submitted), FindingStatus.Returned,
            [Roles.InspectionOffice], RequiresComment: true, FindingEventKind.Returned),

        // 回头看: a closed finding is opened again, always with a reason.
        new FindingTransition(FindingAction.Reopen, Set(FindingStatus.Closed), FindingStatus.Reopened,
            [Roles.InspectionOffice], RequiresComment: true, FindingEventKind.Reopened),

        // 回头看不通过: a follow-up shows the rectification slipping; the unit is back at work at once, with the reason.
        new FindingTransition(FindingAction.ReopenAfterFollowUp, Set(FindingStatus.Closed), FindingStatus.InProgress,
            [Roles.InspectionOffice], RequiresComment: true, FindingEventKind.Reopened),
    }.ToDictionary(t => t.Action);

    public static IReadOnlyCollection<FindingTransition> Transitions => s_transitions.Values;

    public static FindingTransition For(FindingAction action) => s_transitions[action];

    public static bool CanApply(FindingAction action, FindingStatus from) => For(action).From.Contains(from);

    /// <summary>The actions the status machine allows from <paramref name="from"/>, whoever asks.</summary>
    public static IEnumerable<FindingAction> ActionsFrom(FindingStatus from) =>
        s_transitions.Values.Where(t => t.From.Contains(from)).Select(t => t.Action);

    private static HashSet<FindingStatus> Set(params FindingStatus[] statuses) => [.. statuses];
}
