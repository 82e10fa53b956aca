using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Findings;

/// <summary>Moves findings through the status machine, recording who, when and why on the timeline.</summary>
public sealed class FindingWorkflowService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, FindingEditor editor)
{
    public const int CommentLength = 2000;

    public async Task<OperationResult> ApplyAsync(
        int id, FindingAction action, string? comment, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var finding = await db.Findings.Include(f => f.OwningUnit).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (finding is null)
        {
            return OperationResult.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.For(action))).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (finding.Version != version)
        {
            return await editor.ConflictAsync(finding.Id, cancellationToken);
        }

        var transition = FindingWorkflow.For(action);
        if (!FindingWorkflow.CanApply(action, finding.Status))
        {
            return OperationResult.Invalid("问题当前状态为“{0}”,不能执行“{1}”。", null, EnumNames.Of(finding.Status), EnumNames.Of(action));
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (transition.RequiresComment && comment is null)
        {
            return OperationResult.Invalid("请填写{0}", "Comment", action == FindingAction.Return ? "退回原因" : "重新打开的原因");
        }

        if (comment is { Length: > CommentLength })
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "Comment", "说明", CommentLength);
        }

        if (Precondition(action, finding) is { } unmet)
        {
            return unmet;
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        var from = finding.Status;
        finding.Status = transition.To;
        finding.UpdatedAt = now;
        if (action == FindingAction.Approve)
        {
            finding.ClosedAt = now;
            finding.ClosedById = actor.UserId;
        }
        else if (action == FindingAction.Reopen)
        {
            finding.ClosedAt = null;
            finding.ClosedById = null;
        }

        db.FindingEvents.Add(new FindingEvent
        {
            FindingId = finding.Id,
            Kind = transition.EventKind,
            FromStatus = from,
            ToStatus = transition.To,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Comment = comment,
        });

        return await editor.SaveAsync(finding, version, cancellationToken);
    }

    /// <summary>What must be true of the finding itself before a move, beyond its status.</summary>
    private static OperationResult? Precondition(FindingAction action, Finding finding) => action switch
    {
        FindingAction.Assign when finding.Deadline is null =>
            OperationResult.Invalid("交办前请先设定整改时限。"),
        FindingAction.Submit when string.IsNullOrWhiteSpace(finding.RectificationSummary) =>
            OperationResult.Invalid("申请销号前请先填写整改进展(落实情况)。"),
        _ => null,
    };
}
