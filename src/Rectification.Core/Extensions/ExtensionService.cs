using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Extensions;

/// <summary>
/// 延期申请: the owning unit's head asks for a later deadline with a reason; the inspection office approves (the
/// finding's deadline moves, the original stays on record) or rejects with a note. Both ends are on the timeline.
/// </summary>
public sealed class ExtensionService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, FindingEditor editor, Notifier notifier)
{
    public async Task<OperationResult> RequestAsync(
        int findingId, DateOnly? requested, string? reason, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId, cancellationToken);
        if (finding is null)
        {
            return OperationResult.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.RequestExtension)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (!FindingPermissions.AcceptsProgress(finding.Status) || finding.Kind == FindingKind.LongTerm || finding.Deadline is null)
        {
            return OperationResult.Invalid("这个问题现在不能申请延期。");
        }

        if (finding.Version != version)
        {
            return await editor.ConflictAsync(finding.Id, cancellationToken);
        }

        if (await db.DeadlineExtensions.AnyAsync(e => e.FindingId == findingId && e.Status == ExtensionStatus.Pending, cancellationToken))
        {
            return OperationResult.Invalid("已有一份延期申请在审批中。");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return OperationResult.Invalid("请填写{0}", "reason", "延期理由");
        }

        if (reason.Length > Limits.ExtensionText)
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "reason", "延期理由", Limits.ExtensionText);
        }

        if (requested is not { } newDeadline || newDeadline <= finding.Deadline || newDeadline < clock.Today)
        {
            return OperationResult.Invalid("申请的整改时限必须晚于现在的时限({0})。", "requestedDeadline", ChineseDates.Format(finding.Deadline.Value));
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        db.DeadlineExtensions.Add(new DeadlineExtension
        {
            FindingId = finding.Id,
            CurrentDeadline = finding.Deadline,
            RequestedDeadline = newDeadline,
            Reason = reason,
            RequestedAt = now,
            RequestedById = actor.UserId,
            RequestedByName = actor.Name,
        });
        finding.UpdatedAt = now;
        finding.Events.Add(new FindingEvent
        {
            Kind = FindingEventKind.ExtensionRequested,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Comment = reason,
            Changes = [new FieldChange("申请整改时限", ChineseDates.Format(finding.Deadline.Value), ChineseDates.Format(newDeadline))],
        });
        return await editor.SaveAsync(finding, version, cancellationToken);
    }

    /// <summary>
    /// Approves or rejects a pending request. <paramref name="findingId"/> is the finding the decision was made on: a
    /// request of another finding is not found, rather than decided there and reported back on the wrong page.
    /// </summary>
    public async Task<OperationResult> DecideAsync(
        int extensionId, int findingId, bool approve, string? note, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var extension = await db.DeadlineExtensions.IgnoreQueryFilters().Include(e => e.Finding)
            .FirstOrDefaultAsync(e => e.Id == extensionId, cancellationToken);
        if (extension is null || extension.FindingId != findingId || !db.CanSee(extension.Finding!))
        {
            return OperationResult.NotFound;
        }

        var finding = extension.Finding!;
        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.DecideExtension)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (extension.Status != ExtensionStatus.Pending)
        {
            return OperationResult.Conflict("这份延期申请已经处理过了。");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (!approve && note is null)
        {
            return OperationResult.Invalid("请填写{0}", "note", "驳回理由");
        }

        if (note is { Length: > Limits.ExtensionText })
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "note", "审批意见", Limits.ExtensionText);
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        extension.Status = approve ? ExtensionStatus.Approved : ExtensionStatus.Rejected;
        extension.DecidedAt = now;
        extension.DecidedById = actor.UserId;
        extension.DecidedByName = actor.Name;
        extension.DecisionNote = note;

        var changes = new List<FieldChange>();
        if (approve)
        {
            changes.Add(new FieldChange("整改时限", Format(finding.Deadline), ChineseDates.Format(extension.RequestedDeadline)));
            finding.OriginalDeadline ??= finding.Deadline;
            finding.Deadline = extension.RequestedDeadline;
        }

        finding.UpdatedAt = now;
        finding.Events.Add(new FindingEvent
        {
            Kind = approve ? FindingEventKind.ExtensionApproved : FindingEventKind.ExtensionRejected,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Comment = note,
            Changes = changes,
        });

        var told = await notifier.UnitPeopleAsync(finding.OwningUnitId, [Roles.UnitHead], cancellationToken);
        if (extension.RequestedById is { } requester)
        {
            told.Add(requester);
        }

        await notifier.AddAsync(approve ? NotificationKind.ExtensionApproved : NotificationKind.ExtensionRejected, told, finding.Id,
            new NotificationContent(finding.Title, note, approve ? extension.RequestedDeadline : finding.Deadline), cancellationToken);

        // Two deciders at once: the finding's version lets the first save win and refuses the second.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult.Conflict("这份延期申请已经处理过了。");
        }
    }

    /// <summary>Pending requests in the user's scope, oldest first (the inspection office's approvals).</summary>
    public async Task<IReadOnlyList<ExtensionRequestItem>> PendingAsync(CancellationToken cancellationToken = default) =>
        await db.DeadlineExtensions.AsNoTracking()
            .Where(e => e.Status == ExtensionStatus.Pending)
            .OrderBy(e => e.RequestedAt)
            .Select(e => new ExtensionRequestItem(e.Id, e.FindingId, e.Finding!.Title, e.Finding.OwningUnit!.Name,
                e.CurrentDeadline, e.RequestedDeadline, e.Reason, e.RequestedByName, e.RequestedAt))
            .Take(200)
            .ToListAsync(cancellationToken);

    private static string? Format(DateOnly? date) => date is { } d ? ChineseDates.Format(d) : null;
}

public sealed record ExtensionRequestItem(
    int Id, int FindingId, string FindingTitle, string OwningUnitName, DateOnly? CurrentDeadline, DateOnly RequestedDeadline,
    string Reason, string RequestedByName, DateTime RequestedAt);

public sealed record ExtensionView(
    int Id, DateOnly? CurrentDeadline, DateOnly RequestedDeadline, string Reason, string RequestedByName, DateTime RequestedAt,
    ExtensionStatus Status, string? DecidedByName, DateTime? DecidedAt, string? DecisionNote);
