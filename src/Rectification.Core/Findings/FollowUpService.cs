using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Notifications;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Findings;

/// <summary>
/// 回头看 of closed long-term findings: the unit answers one with a note and evidence, the office accepts it (and the
/// next one is scheduled) or reopens the finding through the status machine (<see cref="FindingAction.ReopenAfterFollowUp"/>).
/// Each is a change of the finding: with its version checked, on its timeline and in the audit trail.
/// </summary>
public sealed class FollowUpService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, FindingEditor editor, FindingWorkflowService workflow, Notifier notifier)
{
    public async Task<OperationResult> AnswerAsync(int followUpId, string? note, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var (followUp, refused) = await LoadAsync(followUpId, FindingOperations.AnswerFollowUp, version, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var finding = followUp!.Finding!;
        if (followUp.Status != FollowUpStatus.Due)
        {
            return OperationResult.Invalid("这次回头看当前状态为“{0}”,不能再反馈。", null, EnumNames.Of(followUp.Status));
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is null)
        {
            return OperationResult.Invalid("请填写{0}", "Note", "回头看情况");
        }

        if (note.Length > Limits.TimelineComment)
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "Note", "回头看情况", Limits.TimelineComment);
        }

        if (!await db.EvidenceItems.AnyAsync(e => e.FollowUpId == followUp.Id && !e.IsDeleted, cancellationToken))
        {
            return OperationResult.Invalid("反馈回头看情况前请至少上传一份佐证材料。");
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        followUp.Status = FollowUpStatus.Answered;
        followUp.AnswerNote = note;
        followUp.AnsweredAt = now;
        followUp.AnsweredById = actor.UserId;
        AddEvent(finding, FindingEventKind.FollowUpAnswered, actor, now, note, followUp.DueOn);
        await notifier.AddAsync(NotificationKind.FollowUpAnswered, await notifier.InspectionOfficeCoveringAsync(finding.OwningUnitPath, cancellationToken),
            finding.Id, new NotificationContent(finding.Title, note, followUp.DueOn), cancellationToken);
        return await editor.SaveAsync(finding, version, cancellationToken);
    }

    /// <summary>通过: the answer stands, its evidence is accepted with it, and the next follow-up is scheduled unless the schedule has ended.</summary>
    public async Task<OperationResult> AcceptAsync(int followUpId, string? comment, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var (followUp, refused) = await LoadAsync(followUpId, FindingOperations.AcceptFollowUp, version, user, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var finding = followUp!.Finding!;
        if (followUp.Status != FollowUpStatus.Answered)
        {
            return OperationResult.Invalid("这次回头看当前状态为“{0}”,不能审核。", null, EnumNames.Of(followUp.Status));
        }

        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > Limits.TimelineComment })
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "Comment", "说明", Limits.TimelineComment);
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        followUp.Status = FollowUpStatus.Accepted;
        followUp.ReviewedAt = now;
        followUp.ReviewedById = actor.UserId;
        followUp.ReviewComment = comment;
        var evidence = await db.EvidenceItems.Where(e => e.FollowUpId == followUp.Id && !e.IsDeleted && e.Review != EvidenceReview.Accepted).ToListAsync(cancellationToken);
        foreach (var item in evidence)
        {
            item.Review = EvidenceReview.Accepted;
            item.ReviewedAt = now;
            item.ReviewedById = actor.UserId;
        }

        var next = FollowUpRules.Next(followUp.DueOn, finding.FollowUpEvery ?? FollowUpRules.DefaultInterval, finding.FollowUpUntil);
        finding.FollowUpDate = next;
        if (next is { } due)
        {
            db.FollowUps.Add(new FollowUp { FindingId = finding.Id, DueOn = due, Status = FollowUpStatus.Due, CreatedAt = now });
        }

        AddEvent(finding, FindingEventKind.FollowUpAccepted, actor, now, comment, followUp.DueOn, next);
        return await editor.SaveAsync(finding, version, cancellationToken);
    }

    /// <summary>不通过: the finding goes back to work through the status machine, which closes the follow-up with the reason.</summary>
    public async Task<OperationResult> ReopenAsync(int followUpId, string? comment, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var findingId = await db.FollowUps.Where(f => f.Id == followUpId).Select(f => (int?)f.FindingId).FirstOrDefaultAsync(cancellationToken);
        return findingId is { } id
            ? await workflow.ApplyAsync(id, FindingAction.ReopenAfterFollowUp, new TransitionInput { Comment = comment }, version, user, cancellationToken)
            : OperationResult.NotFound;
    }

    /// <summary>The follow-up with its finding, if the user sees it (else 404), may do this (else 403) and saw its latest version.</summary>
    private async Task<(FollowUp? FollowUp, OperationResult? Refused)> LoadAsync(
        int followUpId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation, int version, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var followUp = await db.FollowUps.Include(f => f.Finding).FirstOrDefaultAsync(f => f.Id == followUpId, cancellationToken);
        if (followUp?.Finding is not { } finding)
        {
            return (null, OperationResult.NotFound);
        }

        if (!(await authorization.AuthorizeAsync(user, finding, operation)).Succeeded)
        {
            return (null, OperationResult.Forbidden);
        }

        if (finding.Version != version)
        {
            return (null, await editor.ConflictAsync(finding.Id, cancellationToken));
        }

        if (finding.Status != FindingStatus.Closed)
        {
            return (null, OperationResult.Invalid("问题当前状态为“{0}”,回头看已结束。", null, EnumNames.Of(finding.Status)));
        }

        return (followUp, null);
    }

    private void AddEvent(Finding finding, FindingEventKind kind, Actor actor, DateTime now, string? comment, DateOnly due, DateOnly? next = null)
    {
        finding.UpdatedAt = now;
        var changes = new List<FieldChange> { new("回头看日期", null, ChineseDates.Format(due)) };
        if (kind == FindingEventKind.FollowUpAccepted)
        {
            changes.Add(new("下次回头看日期", null, next is { } day ? ChineseDates.Format(day) : "—"));
        }

        db.FindingEvents.Add(new FindingEvent
        {
            FindingId = finding.Id,
            Kind = kind,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Comment = comment,
            Changes = changes,
        });
    }
}
