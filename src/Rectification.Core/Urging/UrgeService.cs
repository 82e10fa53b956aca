using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.Core.Scoping;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Urging;

/// <summary>督办: pressing a unit about a finding or about all its open findings, and the unit's acknowledgement.</summary>
public sealed class UrgeService(RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, Notifier notifier)
{
    public const int PageSize = 30;

    /// <summary>
    /// Whether the user may urge this finding (or, without one, this unit) at all, before any form is shown or read:
    /// NotFound when it is missing or out of scope, Forbidden for a role that may not urge.
    /// </summary>
    public async Task<OperationResult> CheckTargetAsync(int? unitId, int? findingId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (findingId is { } id)
        {
            var finding = await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
            if (finding is null)
            {
                return OperationResult.NotFound;
            }

            return (await authorization.AuthorizeAsync(user, finding, FindingOperations.Urge)).Succeeded ? OperationResult.Ok : OperationResult.Forbidden;
        }

        var scope = ScopeClaims.ToScope(user);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.IsActive, cancellationToken);
        if (unit is null || !scope.Covers(unit.Path))
        {
            return OperationResult.NotFound;
        }

        return UrgePermissions.MayUrge(scope) ? OperationResult.Ok : OperationResult.Forbidden;
    }

    public async Task<OperationResult> UrgeFindingAsync(int findingId, UrgeInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var finding = await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == findingId, cancellationToken);
        if (finding is null)
        {
            return OperationResult.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.Urge)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (finding.Status is FindingStatus.Closed or FindingStatus.Draft)
        {
            return OperationResult.Invalid("问题当前状态为“{0}”,无需督办。", null, EnumNames.Of(finding.Status));
        }

        if (Check(input) is { } invalid)
        {
            return invalid;
        }

        return await SaveAsync(finding.OwningUnitId, finding.Title, [finding.Id], finding, input, user, cancellationToken);
    }

    public async Task<OperationResult> UrgeUnitAsync(int unitId, UrgeInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var scope = ScopeClaims.ToScope(user);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.IsActive, cancellationToken);
        if (unit is null || !scope.Covers(unit.Path))
        {
            return OperationResult.NotFound;
        }

        if (!UrgePermissions.MayUrge(scope))
        {
            return OperationResult.Forbidden;
        }

        if (Check(input) is { } invalid)
        {
            return invalid;
        }

        var open = await OpenFindingIdsAsync(unitId, cancellationToken);
        if (open.Count == 0)
        {
            return OperationResult.Invalid("该单位没有未销号的问题,无需督办。");
        }

        return await SaveAsync(unitId, unit.Name, open, null, input, user, cancellationToken);
    }

    public async Task<OperationResult> AcknowledgeAsync(int urgeId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var urge = await db.Urges.Include(u => u.Unit).FirstOrDefaultAsync(u => u.Id == urgeId, cancellationToken);
        if (urge is null)
        {
            return OperationResult.NotFound;
        }

        if (!UrgePermissions.MayAcknowledge(ScopeClaims.ToScope(user), urge.Unit!.Path))
        {
            return OperationResult.Forbidden;
        }

        if (urge.AcknowledgedAt is not null)
        {
            return OperationResult.Ok; // acknowledging twice changes nothing
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        urge.AcknowledgedAt = now;
        urge.AcknowledgedById = actor.UserId;
        urge.AcknowledgedByName = actor.Name;
        var urged = urge.FindingId is { } findingId ? [findingId] : await OpenFindingIdsAsync(urge.UnitId, cancellationToken);
        foreach (var id in urged)
        {
            db.FindingEvents.Add(new FindingEvent
            {
                FindingId = id,
                Kind = FindingEventKind.UrgeAcknowledged,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                At = now,
                Comment = urge.Message,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok;
    }

    /// <summary>Urges in the user's scope: those not yet acknowledged first, then the newest.</summary>
    public async Task<PagedList<UrgeItem>> ListAsync(bool openOnly, int page, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var query = db.Urges.AsNoTracking();
        if (openOnly)
        {
            query = query.Where(u => u.AcknowledgedAt == null);
        }

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query
            .OrderBy(u => u.AcknowledgedAt != null).ThenByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new UrgeItem(u.Id, u.UnitId, u.Unit!.Name, u.Unit.Path, u.FindingId, u.Finding!.Title, u.Message, u.ExpectedBy,
                u.CreatedByName, u.CreatedAt, u.AcknowledgedByName, u.AcknowledgedAt))
            .ToListAsync(cancellationToken);
        var scope = ScopeClaims.ToScope(user);
        return new PagedList<UrgeItem>(
            items.Select(i => i with { CanAcknowledge = i.AcknowledgedAt is null && UrgePermissions.MayAcknowledge(scope, i.UnitPath) }).ToList(),
            page, PageSize, total);
    }

    /// <summary>Urges of one finding, for its details page.</summary>
    public async Task<IReadOnlyList<UrgeItem>> ForFindingAsync(int findingId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var scope = ScopeClaims.ToScope(user);
        var items = await db.Urges.AsNoTracking()
            .Where(u => u.FindingId == findingId)
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => new UrgeItem(u.Id, u.UnitId, u.Unit!.Name, u.Unit.Path, u.FindingId, u.Finding!.Title, u.Message, u.ExpectedBy,
                u.CreatedByName, u.CreatedAt, u.AcknowledgedByName, u.AcknowledgedAt))
            .ToListAsync(cancellationToken);
        return items.Select(i => i with { CanAcknowledge = i.AcknowledgedAt is null && UrgePermissions.MayAcknowledge(scope, i.UnitPath) }).ToList();
    }

    private OperationResult? Check(UrgeInput input) =>
        input.ExpectedBy is { } expected && expected >= clock.Today
            ? null
            : OperationResult.Invalid("要求完成日期不能早于今天。", nameof(UrgeInput.ExpectedBy));

    /// <summary>
    /// Records the urge, and on the timeline of each finding it presses. An urge is not an edit of the findings: their
    /// version and UpdatedAt stay, so a progress form open on one of them still saves, and "recently updated" lists keep
    /// their order (a unit-wide urge used to touch every open finding of the unit).
    /// </summary>
    private async Task<OperationResult> SaveAsync(
        int unitId, string subject, IReadOnlyList<int> findingIds, Finding? urgedFinding, UrgeInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var actor = Actor.From(user);
        var urge = new Urge
        {
            UnitId = unitId,
            FindingId = urgedFinding?.Id,
            Message = input.Message!.Trim(),
            ExpectedBy = input.ExpectedBy!.Value,
            CreatedAt = now,
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
        };
        foreach (var id in findingIds)
        {
            db.FindingEvents.Add(new FindingEvent
            {
                FindingId = id,
                Kind = FindingEventKind.Urged,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                At = now,
                Comment = urge.Message,
                Changes = [new FieldChange("要求完成日期", null, ChineseDates.Format(urge.ExpectedBy))],
            });
        }

        // Inside a bulk action's transaction (BulkFindingService) the urge joins it, so a refused batch urges no one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.Urges.Add(urge);
        await db.SaveChangesAsync(cancellationToken);

        var told = urgedFinding is null
            ? await notifier.UnitPeopleAsync(unitId, [Roles.UnitHead, Roles.UnitStaff], cancellationToken)
            : await notifier.FindingTeamAsync(urgedFinding, cancellationToken);
        await notifier.AddAsync(NotificationKind.Urged, told, urgedFinding?.Id, new NotificationContent(subject, urge.Message, urge.ExpectedBy, UrgeId: urge.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return OperationResult.Ok;
    }

    /// <summary>The unit's findings an urge of the whole unit presses: those assigned and not yet closed.</summary>
    private Task<List<int>> OpenFindingIdsAsync(int unitId, CancellationToken cancellationToken) =>
        db.Findings.Where(f => f.OwningUnitId == unitId && f.Status != FindingStatus.Closed && f.Status != FindingStatus.Draft)
            .Select(f => f.Id).ToListAsync(cancellationToken);
}
