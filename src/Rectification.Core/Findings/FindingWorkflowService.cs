using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Notifications;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Findings;

/// <summary>Moves findings through the status machine, recording who, when and why on the timeline.</summary>
public sealed class FindingWorkflowService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, FindingEditor editor, Notifier notifier)
{
    public async Task<OperationResult> ApplyAsync(
        int id, FindingAction action, TransitionInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var comment = input.Comment;
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
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

        if (comment is { Length: > Limits.TimelineComment })
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "Comment", "说明", Limits.TimelineComment);
        }

        if (await PreconditionAsync(action, finding, input, cancellationToken) is { } unmet)
        {
            return unmet;
        }

        var onSiteVisit = action == FindingAction.Approve && input.VerificationMethod == VerificationMethod.OnSiteCheck
            ? await db.SiteVisits.AsNoTracking().FirstAsync(v => v.Id == input.SiteVisitId, cancellationToken)
            : null;

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        var from = finding.Status;
        finding.Status = transition.To;
        finding.UpdatedAt = now;
        if (action == FindingAction.Assign)
        {
            finding.AssignedOn = clock.Today;
            finding.OriginalDeadline ??= finding.Deadline;
        }
        else if (action == FindingAction.Submit)
        {
            finding.SubmittedAt = now;
            finding.SubmittedById = actor.UserId;
        }
        else if (action == FindingAction.Approve)
        {
            finding.ClosedAt = now;
            finding.ClosedOn = clock.Today;
            finding.ClosedById = actor.UserId;
            finding.VerificationMethod = input.VerificationMethod;
            finding.SiteVisitId = onSiteVisit?.Id;
            finding.VerifiedOn = onSiteVisit?.VisitedOn;
            ScheduleFollowUps(finding, input, now);
        }
        else if (action is FindingAction.Reopen or FindingAction.ReopenAfterFollowUp)
        {
            await CloseFollowUpsAsync(finding, comment, actor, now, cancellationToken);
            finding.ClosedAt = null;
            finding.ClosedOn = null;
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
            Changes = action == FindingAction.Approve ? DescribeVerification(finding, onSiteVisit?.Team) : [],
        });

        if (s_announced.TryGetValue(action, out var kind))
        {
            await notifier.AddAsync(kind, await notifier.FindingTeamAsync(finding, cancellationToken), finding.Id,
                new NotificationContent(finding.Title, comment, finding.Deadline), cancellationToken);
        }
        else if (action == FindingAction.Submit)
        {
            // The office that reviews it learns of the request at once, instead of finding it in the queue by chance.
            await notifier.AddAsync(NotificationKind.SubmittedForReview, await notifier.InspectionOfficeCoveringAsync(finding.OwningUnitPath, cancellationToken),
                finding.Id, new NotificationContent(finding.Title, comment, finding.Deadline), cancellationToken);
        }

        return await editor.SaveAsync(finding, version, cancellationToken);
    }

    /// <summary>The moves the finding's unit is told about.</summary>
    private static readonly Dictionary<FindingAction, NotificationKind> s_announced = new()
    {
        [FindingAction.Assign] = NotificationKind.Assigned,
        [FindingAction.Return] = NotificationKind.Returned,
        [FindingAction.Approve] = NotificationKind.Approved,
    };

    /// <summary>What must be true of the finding itself before a move, beyond its status.</summary>
    private async Task<OperationResult?> PreconditionAsync(
        FindingAction action, Finding finding, TransitionInput input, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case FindingAction.Assign when finding.Deadline is null:
                return OperationResult.Invalid("交办前请先设定整改时限。");
            case FindingAction.Submit when string.IsNullOrWhiteSpace(finding.RectificationSummary):
                return OperationResult.Invalid("申请销号前请先填写整改进展(落实情况)。");
            case FindingAction.Submit when !await db.EvidenceItems.AnyAsync(e => e.FindingId == finding.Id && !e.IsDeleted, cancellationToken):
                return OperationResult.Invalid("申请销号前请至少上传一份佐证材料。");
            case FindingAction.Approve:
                return await ApprovalPreconditionAsync(finding, input, cancellationToken);
            case FindingAction.ReopenAfterFollowUp when !await db.FollowUps.AnyAsync(f => f.FindingId == finding.Id && f.Status == FollowUpStatus.Answered, cancellationToken):
                return OperationResult.Invalid("这个问题没有待审核的回头看反馈。");
            default:
                return null;
        }
    }

    /// <summary>销号 needs every piece of evidence accepted, the way it was verified, and for long-term findings a follow-up date.</summary>
    private async Task<OperationResult?> ApprovalPreconditionAsync(Finding finding, TransitionInput input, CancellationToken cancellationToken)
    {
        var reviews = await db.EvidenceItems.Where(e => e.FindingId == finding.Id && !e.IsDeleted).Select(e => e.Review).ToListAsync(cancellationToken);
        var notAccepted = reviews.Count(r => r != Evidence.EvidenceReview.Accepted);
        if (reviews.Count == 0)
        {
            return OperationResult.Invalid("没有佐证材料,不能销号。");
        }

        if (notAccepted > 0)
        {
            return OperationResult.Invalid("还有{0}份佐证材料未审核通过,请先逐份审核;不通过的请退回整改。", null, notAccepted);
        }

        if (input.VerificationMethod is null)
        {
            return OperationResult.Invalid("请选择{0}", nameof(TransitionInput.VerificationMethod), "核查方式");
        }

        if (input.VerificationMethod == VerificationMethod.OnSiteCheck && await OnSiteCheckRefusalAsync(finding, input.SiteVisitId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var today = clock.Today;

        if (finding.Kind == FindingKind.LongTerm && (input.FollowUpDate is not { } followUp || followUp <= today))
        {
            return OperationResult.Invalid("长期坚持类问题销号时须设定今后的跟踪检查日期。", nameof(TransitionInput.FollowUpDate));
        }

        if (finding.Kind == FindingKind.LongTerm && input.FollowUpUntil is { } until && until < input.FollowUpDate)
        {
            return OperationResult.Invalid("回头看截止日期不能早于首次跟踪检查日期。", nameof(TransitionInput.FollowUpUntil));
        }

        return null;
    }

    /// <summary>
    /// 现场查验 rests on a recorded visit (<see cref="Visits.SiteVisit"/>) of the finding's own inspection that found it
    /// 整改到位; a visit of another inspection, one that did not check the finding, or one that found it 不到位 will not do.
    /// </summary>
    private async Task<OperationResult?> OnSiteCheckRefusalAsync(Finding finding, int? siteVisitId, CancellationToken cancellationToken)
    {
        if (siteVisitId is null)
        {
            return OperationResult.Invalid("以现场查验销号,请选择记录了这个问题查验结果的现场查验。", nameof(TransitionInput.SiteVisitId));
        }

        var outcome = await db.SiteVisitResults.AsNoTracking()
            .Where(r => r.SiteVisitId == siteVisitId && r.FindingId == finding.Id && r.SiteVisit!.InspectionId == finding.InspectionId)
            .Select(r => (Visits.VisitOutcome?)r.Outcome)
            .FirstOrDefaultAsync(cancellationToken);
        return outcome switch
        {
            null => OperationResult.Invalid("所选现场查验没有查验这个问题,不能据此销号。", nameof(TransitionInput.SiteVisitId)),
            Visits.VisitOutcome.InPlace => null,
            _ => OperationResult.Invalid("所选现场查验认定这个问题整改不到位,不能以现场查验销号;请退回整改。", nameof(TransitionInput.SiteVisitId)),
        };
    }

    /// <summary>
    /// Reopening ends the finding's schedule: the answered follow-up that led to it is marked reopened with the reason,
    /// and no other stays open (a new schedule starts at the next close-off).
    /// </summary>
    private async Task CloseFollowUpsAsync(Finding finding, string? comment, Actor actor, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.FollowUps.Where(f => f.FindingId == finding.Id && (f.Status == FollowUpStatus.Due || f.Status == FollowUpStatus.Answered))
            .ToListAsync(cancellationToken);
        foreach (var followUp in open)
        {
            followUp.Status = FollowUpStatus.Reopened;
            followUp.ReviewedAt = now;
            followUp.ReviewedById = actor.UserId;
            followUp.ReviewComment = comment;
        }

        finding.FollowUpDate = null;
    }

    /// <summary>A long-term finding closes with its 回头看 schedule and the first follow-up on it; any other kind with none.</summary>
    private static void ScheduleFollowUps(Finding finding, TransitionInput input, DateTime now)
    {
        if (finding.Kind != FindingKind.LongTerm)
        {
            finding.FollowUpDate = null;
            finding.FollowUpEvery = null;
            finding.FollowUpUntil = null;
            return;
        }

        finding.FollowUpEvery = input.FollowUpEvery ?? FollowUpRules.DefaultInterval;
        finding.FollowUpUntil = input.FollowUpUntil;
        finding.FollowUpDate = input.FollowUpDate;
        finding.FollowUps.Add(new FollowUp { DueOn = input.FollowUpDate!.Value, Status = FollowUpStatus.Due, CreatedAt = now });
    }

    private static List<FieldChange> DescribeVerification(Finding finding, string? team)
    {
        var changes = new List<FieldChange>
        {
            new("核查方式", null, EnumNames.Of(finding.VerificationMethod ?? VerificationMethod.DocumentReview)),
        };
        if (finding.VerifiedOn is { } verifiedOn)
        {
            changes.Add(new("查验日期", null, ChineseDates.Format(verifiedOn)));
        }

        if (team is not null)
        {
            changes.Add(new("查验组", null, team));
        }

        if (finding.FollowUpDate is { } followUp)
        {
            changes.Add(new("跟踪检查日期", null, ChineseDates.Format(followUp)));
            changes.Add(new("回头看周期", null, EnumNames.Of(finding.FollowUpEvery ?? FollowUpRules.DefaultInterval)));
        }

        if (finding.FollowUpUntil is { } until)
        {
            changes.Add(new("回头看截止日期", null, ChineseDates.Format(until)));
        }

        return changes;
    }
}

/// <summary>What the user adds to a status change: a comment, and for 销号 how it was verified.</summary>
public sealed class TransitionInput
{
    public string? Comment { get; set; }

    public VerificationMethod? VerificationMethod { get; set; }

    /// <summary>For 现场查验: the recorded visit that found the finding 整改到位.</summary>
    public int? SiteVisitId { get; set; }

    public DateOnly? FollowUpDate { get; set; }

    /// <summary>回头看周期 of a long-term finding; quarterly when not chosen.</summary>
    public FollowUpInterval? FollowUpEvery { get; set; }

    /// <summary>The last day a follow-up may fall due; none: for as long as it stays closed.</summary>
    public DateOnly? FollowUpUntil { get; set; }
}
