using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Time;
using Rectification.Core.Urging;

namespace Rectification.Core.Findings.Bulk;

/// <summary>
/// 批量交办、设定时限、督办 from the findings list. Each finding goes through the single-finding service
/// (<see cref="FindingWorkflowService"/>, <see cref="FindingEditor"/>, <see cref="UrgeService"/>), which checks scope,
/// role, status and version and writes the finding's own event and audit entry; this service only picks the findings,
/// loops, and keeps all of it in one transaction: one refusal, and nothing changes.
/// </summary>
public sealed class BulkFindingService(
    RectificationDbContext db,
    FindingQueries queries,
    FindingWorkflowService workflow,
    FindingEditor editor,
    UrgeService urges,
    BusinessClock clock)
{
    public async Task<BulkOutcome> ApplyAsync(BulkRequest request, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var action = request.Action;
        if (CheckInput(request) is { } invalid)
        {
            return invalid;
        }

        var (ids, total) = await SelectAsync(request, cancellationToken);
        if (total == 0)
        {
            return BulkOutcome.Invalid(action, "请先勾选要处理的问题。");
        }

        if (total > Limits.BulkFindings)
        {
            return BulkOutcome.Invalid(action, "一次最多处理{0}个问题,本次选中{1}个。请缩小筛选范围后分批处理。", Limits.BulkFindings, total);
        }

        // Only what the user can see is named; the rest are tried too, and refused by the single action (not found).
        var visible = await db.FindingsInScope.AsNoTracking()
            .Where(f => ids.Contains(f.Id))
            .OrderBy(f => f.InspectionId).ThenBy(f => f.CategoryOrdinal).ThenBy(f => f.Ordinal).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.CategoryOrdinal, f.Ordinal, f.Title, f.Version })
            .ToListAsync(cancellationToken);
        var ordered = visible.Select(f => f.Id).Concat(ids.Except(visible.Select(f => f.Id)).Order()).ToList();
        var versions = visible.ToDictionary(f => f.Id, f => f.Version);

        var refusals = new List<BulkRefusal>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in ordered)
        {
            var result = await ApplyOneAsync(request, id, versions.GetValueOrDefault(id), user, cancellationToken);
            if (!result.Succeeded)
            {
                var seen = visible.FirstOrDefault(f => f.Id == id);
                refusals.Add(new BulkRefusal(id, seen?.CategoryOrdinal, seen?.Ordinal, seen?.Title, result));
            }
        }

        if (refusals.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new BulkOutcome(action, 0, null, refusals);
        }

        await transaction.CommitAsync(cancellationToken);
        return new BulkOutcome(action, ordered.Count, null, []);
    }

    /// <summary>How many findings "all matching the filter" would take, for the list's button.</summary>
    public async Task<int> CountMatchingAsync(FindingFilter filter, CancellationToken cancellationToken = default) =>
        await (await MatchingAsync(filter, cancellationToken)).CountAsync(cancellationToken);

    private Task<OperationResult> ApplyOneAsync(BulkRequest request, int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        request.Action switch
        {
            BulkAction.Assign => workflow.ApplyAsync(id, FindingAction.Assign, new TransitionInput { Comment = request.Comment }, version, user, cancellationToken),
            BulkAction.SetDeadline => SetDeadlineAsync(id, request.Deadline!.Value, user, cancellationToken),
            _ => urges.UrgeFindingAsync(id, new UrgeInput { Message = request.Message, ExpectedBy = request.ExpectedBy }, user, cancellationToken),
        };

    /// <summary>The edit form's save with only the deadline changed: its checks, event and audit entry.</summary>
    private async Task<OperationResult> SetDeadlineAsync(int id, DateOnly deadline, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var current = await queries.GetForEditAsync(id, cancellationToken);
        if (current is null)
        {
            return OperationResult.NotFound;
        }

        current.Input.Deadline = deadline;
        return await editor.UpdateAsync(id, current.Input, current.Version, user, cancellationToken);
    }

    /// <summary>The ticked ids, or the list's filter run again here, within the user's scope.</summary>
    private async Task<(List<int> Ids, int Total)> SelectAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        if (!request.AllMatching)
        {
            var ticked = request.Ids.Distinct().ToList();
            return (ticked, ticked.Count);
        }

        // One past the limit is enough to refuse; then the count tells the user how many there were.
        var matching = await MatchingAsync(request.Filter, cancellationToken);
        var ids = await matching.OrderBy(f => f.Id).Select(f => f.Id).Take(Limits.BulkFindings + 1).ToListAsync(cancellationToken);
        return (ids, ids.Count <= Limits.BulkFindings ? ids.Count : await matching.CountAsync(cancellationToken));
    }

    private async Task<IQueryable<Finding>> MatchingAsync(FindingFilter filter, CancellationToken cancellationToken) =>
        await queries.ApplyFilterAsync(db.FindingsInScope.AsNoTracking(), filter.Normalised(), clock.Today, cancellationToken);

    /// <summary>The action's own input, checked once before any finding is touched.</summary>
    private static BulkOutcome? CheckInput(BulkRequest request)
    {
        var action = request.Action;
        switch (action)
        {
            case BulkAction.Assign when request.Comment is { Length: > Limits.TimelineComment }:
                return BulkOutcome.Invalid(action, "{0}不能超过{1}个字", "说明", Limits.TimelineComment);
            case BulkAction.SetDeadline when request.Deadline is null:
                return BulkOutcome.Invalid(action, "请填写{0}", "整改时限");
            case BulkAction.Urge when string.IsNullOrWhiteSpace(request.Message):
                return BulkOutcome.Invalid(action, "请填写{0}", "督办意见");
            case BulkAction.Urge when request.Message.Length > Limits.UrgeMessage:
                return BulkOutcome.Invalid(action, "{0}不能超过{1}个字", "督办意见", Limits.UrgeMessage);
            case BulkAction.Urge when request.ExpectedBy is null:
                return BulkOutcome.Invalid(action, "请填写{0}", "要求完成日期");
            case not (BulkAction.Assign or BulkAction.SetDeadline or BulkAction.Urge):
                return BulkOutcome.Invalid(action, "请选择批量操作。");
            default:
                return null;
        }
    }
}
