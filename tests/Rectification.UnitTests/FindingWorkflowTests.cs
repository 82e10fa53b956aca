using Rectification.Core.Accounts;
using Rectification.Core.Findings;

namespace Rectification.UnitTests;

/// <summary>The status machine is exactly DESIGN.md's, move by move and role by role.</summary>
public sealed class FindingWorkflowTests
{
    // DESIGN.md: Draft → Assigned → InProgress → Submitted → Closed, Submitted → Returned → InProgress,
    // Closed → Reopened → InProgress; and a 回头看 not passed, Closed → InProgress at once.
    private static readonly HashSet<(FindingStatus From, FindingStatus To)> s_designEdges =
    [
        (FindingStatus.Draft, FindingStatus.Assigned),
        (FindingStatus.Assigned, FindingStatus.InProgress),
        (FindingStatus.InProgress, FindingStatus.Submitted),
        (FindingStatus.Submitted, FindingStatus.Closed),
        (FindingStatus.Submitted, FindingStatus.Returned),
        (FindingStatus.Returned, FindingStatus.InProgress),
        (FindingStatus.Closed, FindingStatus.Reopened),
        (FindingStatus.Reopened, FindingStatus.InProgress),
        (FindingStatus.Closed, FindingStatus.InProgress),
    ];

    [Fact]
    public void The_machine_allows_exactly_the_designed_moves()
    {
        var edges = FindingWorkflow.Transitions
            .SelectMany(t => t.From.Select(from => (from, t.To)))
            .ToHashSet();

        Assert.Equal(s_designEdges.OrderBy(e => e.From).ThenBy(e => e.To), edges.OrderBy(e => e.from).ThenBy(e => e.To));
    }

    public static TheoryData<FindingAction, FindingStatus[]> ActionsAndTheirStartingStatuses => new()
    {
        { FindingAction.Assign, [FindingStatus.Draft] },
        { FindingAction.Claim, [FindingStatus.Assigned] },
        { FindingAction.Start, [FindingStatus.Returned, FindingStatus.Reopened] },
        { FindingAction.Submit, [FindingStatus.InProgress] },
        { FindingAction.Approve, [FindingStatus.Submitted] },
        { FindingAction.Return, [FindingStatus.Submitted] },
        { FindingAction.Reopen, [FindingStatus.Closed] },
        { FindingAction.ReopenAfterFollowUp, [FindingStatus.Closed] },
    };

    [Theory]
    [MemberData(nameof(ActionsAndTheirStartingStatuses))]
    public void Each_action_applies_from_its_statuses_and_is_refused_from_every_other(FindingAction action, FindingStatus[] from)
    {
        foreach (var status in Enum.GetValues<FindingStatus>())
        {
            Assert.True(FindingWorkflow.CanApply(action, status) == from.Contains(status), $"{action} from {status}");
        }
    }

    [Theory]
    [InlineData(FindingAction.Assign, Roles.InspectionOffice)]
    [InlineData(FindingAction.Claim, Roles.UnitHead)]
    [InlineData(FindingAction.Submit, Roles.UnitHead)]
    [InlineData(FindingAction.Approve, Roles.InspectionOffice)]
    [InlineData(FindingAction.Return, Roles.InspectionOffice)]
    [InlineData(FindingAction.Reopen, Roles.InspectionOffice)]
    public void Each_move_belongs_to_one_role(FindingAction action, string role) =>
        Assert.Equal([role], FindingWorkflow.For(action).Roles);

    [Fact]
    public void Unit_staff_may_resume_work_but_nothing_else()
    {
        var staffActions = Enum.GetValues<FindingAction>().Where(a => FindingWorkflow.For(a).Roles.Contains(Roles.UnitStaff));
        Assert.Equal([FindingAction.Start], staffActions);
    }

    [Fact]
    public void Leaders_and_administrators_make_no_moves()
    {
        Assert.DoesNotContain(FindingWorkflow.Transitions, t => t.Roles.Contains(Roles.Leader) || t.Roles.Contains(Roles.Admin));
    }

    [Fact]
    public void Returning_and_reopening_need_a_reason()
    {
        var withReason = FindingWorkflow.Transitions.Where(t => t.RequiresComment).Select(t => t.Action).Order();
        Assert.Equal([FindingAction.Return, FindingAction.Reopen, FindingAction.ReopenAfterFollowUp], withReason);
    }
}
