using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Findings;

/// <summary>Creating findings, editing their responsibility and deadline, and recording progress.</summary>
public sealed class FindingEditor(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, EditConflicts conflicts, FindingPeople findingPeople)
{
    public async Task<OperationResult<int>> CreateAsync(
        int inspectionId, FindingInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections.Include(i => i.InspectedUnit)
            .FirstOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        if (inspection is null)
        {
            return OperationResult<int>.From(OperationResult.NotFound);
        }

        if (!(await authorization.AuthorizeAsync(user, inspection, InspectionOperations.AddFinding)).Succeeded)
        {
            return OperationResult<int>.From(OperationResult.Forbidden);
        }

        var references = await ResolveReferencesAsync(inspection, input, ScopeClaims.ToScope(user), cancellationToken);
        if (references.Error is { } error)
        {
            return OperationResult<int>.From(error);
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        var ordinal = await db.Findings.IgnoreQueryFilters()
            .Where(f => f.CategoryId == input.CategoryId)
            .MaxAsync(f => (int?)f.Ordinal, cancellationToken) ?? 0;

        var finding = new Finding
        {
            InspectionId = inspection.Id,
            Title = input.Title!.Trim(),
            Ordinal = ordinal + 1,
            Status = FindingStatus.Draft,
            CreatedAt = now,
        };
        Apply(finding, input, now);
        finding.Events.Add(new FindingEvent
        {
            Kind = FindingEventKind.Created,
            ToStatus = FindingStatus.Draft,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
        });

        db.Findings.Add(finding);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<int>.Success(finding.Id);
    }

    public async Task<OperationResult> UpdateAsync(
        int id, FindingInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var finding = await db.Findings.IgnoreQueryFilters()
            .Include(f => f.Inspection).ThenInclude(i => i!.InspectedUnit)
            .FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (finding is null || !db.CanSee(finding))
        {
            return OperationResult.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.Edit)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (!FindingPermissions.IsEditable(finding.Status))
        {
            return OperationResult.Invalid("已销号的问题不能修改;如需调整,请先重新打开(回头看)。");
        }

        if (finding.Version != version)
        {
            return await ConflictAsync(finding.Id, cancellationToken);
        }

        var references = await ResolveReferencesAsync(finding.Inspection!, input, ScopeClaims.ToScope(user), cancellationToken);
        if (references.Error is { } error)
        {
            return error;
        }

        var before = await DescribeAsync(finding, cancellationToken);
        var now = clock.UtcNow;
        var categoryChanged = finding.CategoryId != input.CategoryId;
        var oldCategoryId = finding.CategoryId;
        var oldOrdinal = finding.Ordinal;
        Apply(finding, input, now);
        var after = await DescribeAsync(finding, cancellationToken);
        var changes = before.Zip(after, (b, a) => new FieldChange(b.Field, b.Value, a.Value))
            .Where(c => c.Old != c.New)
            .ToList();

        if (categoryChanged)
        {
            // The finding moves to the end of its new category; the old category closes the gap it leaves,
            // so 一是、二是… stay consecutive.
            var last = await db.Findings.IgnoreQueryFilters()
                .Where(f => f.CategoryId == finding.CategoryId && f.Id != finding.Id)
                .MaxAsync(f => (int?)f.Ordinal, cancellationToken) ?? 0;
            finding.Ordinal = last + 1;
            var followers = await db.Findings.IgnoreQueryFilters()
                .Where(f => f.CategoryId == oldCategoryId && f.Ordinal > oldOrdinal)
                .ToListAsync(cancellationToken);
            followers.ForEach(f => f.Ordinal--);
        }

        if (changes.Count > 0)
        {
            var actor = Actor.From(user);
            db.FindingEvents.Add(new FindingEvent
            {
                FindingId = finding.Id,
                Kind = FindingEventKind.Edited,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                At = now,
                Changes = changes,
            });
        }

        return await SaveAsync(finding, version, cancellationToken);
    }

    public async Task<OperationResult> UpdateProgressAsync(
        int id, ProgressInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var finding = await db.Findings.IgnoreQueryFilters()
            .Include(f => f.Measures)
            .FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (finding is null || !db.CanSee(finding))
        {
            return OperationResult.NotFound;
        }

        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.UpdateProgress)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (!FindingPermissions.AcceptsProgress(finding.Status))
        {
            return OperationResult.Invalid("问题当前状态为“{0}”,不能更新整改进展。", null, EnumNames.Of(finding.Status));
        }

        if (finding.Version != version)
        {
            return await ConflictAsync(finding.Id, cancellationToken);
        }

        // Counted before anything is applied: the measures kept, and the new rows that are not empty spares.
        var removed = input.Measures.Where(m => m.Id != 0 && m.Remove).Select(m => m.Id).ToHashSet();
        var measureCount = finding.Measures.Count(m => !removed.Contains(m.Id))
            + input.Measures.Count(m => m.Id == 0 && !m.Remove && !string.IsNullOrWhiteSpace(m.Description));
        if (measureCount > Limits.MeasuresPerFinding)
        {
            return OperationResult.Invalid("每个问题最多{0}项整改措施,本次保存后将有{1}项。请合并或删除部分措施后再保存。",
                nameof(ProgressInput.Measures), Limits.MeasuresPerFinding, measureCount);
        }

        if (await CheckOwnersAsync(finding, input, cancellationToken) is { } refusedOwner)
        {
            return refusedOwner;
        }

        var changes = new List<FieldChange>();
        var summary = input.RectificationSummary?.Trim() ?? string.Empty;
        if (summary != finding.RectificationSummary)
        {
            changes.Add(new FieldChange("整改进展(落实情况)", Abbreviate(finding.RectificationSummary), Abbreviate(summary)));
            finding.RectificationSummary = summary;
        }

        for (var index = 0; index < input.Measures.Count; index++)
        {
            var measureInput = input.Measures[index];
            var field = $"Measures[{index}]";
            var description = measureInput.Description?.Trim();
            if (measureInput.Id == 0)
            {
                if (string.IsNullOrEmpty(description) || measureInput.Remove)
                {
                    continue; // an empty spare row
                }

                var measure = new Measure { Description = description };
                CopyMeasure(measureInput, measure);
                finding.Measures.Add(measure);
                changes.Add(new FieldChange("新增整改措施", null, description));
                continue;
            }

            var existing = finding.Measures.FirstOrDefault(m => m.Id == measureInput.Id);
            if (existing is null)
            {
                // Not a measure of this finding: a stale page or a forged form. Change nothing.
                return OperationResult.Invalid("整改措施已不存在,请刷新页面后重试。");
            }

            if (measureInput.Remove)
            {
                // The measure's evidence stays with the finding.
                var linked = await db.EvidenceItems.Where(e => e.MeasureId == existing.Id).ToListAsync(cancellationToken);
                linked.ForEach(e => e.MeasureId = null);
                finding.Measures.Remove(existing);
                db.Measures.Remove(existing);
                changes.Add(new FieldChange("删除整改措施", existing.Description, null));
                continue;
            }

            if (string.IsNullOrEmpty(description))
            {
                return OperationResult.Invalid("请填写{0}", field + ".Description", "整改措施");
            }

            var (wasOwner, wasDeadline, wasDone) = (existing.OwnerId, existing.Deadline, existing.DoneDate);
            if (existing.Description != description)
            {
                changes.Add(new FieldChange("修改整改措施", existing.Description, description));
            }

            existing.Description = description;
            CopyMeasure(measureInput, existing);

            // Each of these is a change of its own: a new owner or deadline alone was not saved.
            if (wasOwner != existing.OwnerId)
            {
                var names = await PersonNamesAsync([wasOwner, existing.OwnerId], cancellationToken);
                changes.Add(new FieldChange("措施责任人", names.GetValueOrDefault(wasOwner ?? string.Empty), names.GetValueOrDefault(existing.OwnerId ?? string.Empty)));
            }

            if (wasDeadline != existing.Deadline)
            {
                changes.Add(new FieldChange("措施时限", FormatDate(wasDeadline), FormatDate(existing.Deadline)));
            }

            if (wasDone != existing.DoneDate)
            {
                changes.Add(new FieldChange("措施完成日期", FormatDate(wasDone), FormatDate(existing.DoneDate)));
            }
        }

        var ordinal = 1;
        foreach (var measure in finding.Measures.OrderBy(m => m.Id == 0).ThenBy(m => m.Ordinal))
        {
            measure.Ordinal = ordinal++;
        }

        if (changes.Count == 0)
        {
            return OperationResult.Ok;
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        finding.UpdatedAt = now;
        db.FindingEvents.Add(new FindingEvent
        {
            FindingId = finding.Id,
            Kind = FindingEventKind.ProgressUpdated,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Changes = changes,
        });
        return await SaveAsync(finding, version, cancellationToken);
    }

    /// <summary>
    /// Every owner the form assigns must be an active account among the finding's people (<see cref="FindingPeople"/>),
    /// checked before anything is applied; a measure may keep the active owner it has. Removed rows and empty spare
    /// rows assign no one.
    /// </summary>
    private async Task<OperationResult?> CheckOwnersAsync(Finding finding, ProgressInput input, CancellationToken cancellationToken)
    {
        var assigned = input.Measures.Select((measure, index) => (Measure: measure, Index: index))
            .Where(r => r.Measure.OwnerId is { Length: > 0 } && !r.Measure.Remove && (r.Measure.Id != 0 || !string.IsNullOrWhiteSpace(r.Measure.Description)))
            .ToList();
        if (assigned.Count == 0)
        {
            return null;
        }

        var ids = assigned.Select(r => r.Measure.OwnerId!).Distinct().ToList();
        var active = (await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var people = await findingPeople.AmongAsync(finding.Id, ids, cancellationToken);
        foreach (var (measure, index) in assigned)
        {
            var ownerId = measure.OwnerId!;
            var field = $"Measures[{index}].{nameof(MeasureInput.OwnerId)}";
            if (!active.Contains(ownerId))
            {
                return OperationResult.Invalid("所选人员不存在或已停用。", field);
            }

            var keeps = measure.Id != 0 && finding.Measures.Any(m => m.Id == measure.Id && m.OwnerId == ownerId);
            if (!people.Contains(ownerId) && !keeps)
            {
                return OperationResult.Invalid("措施责任人须是本问题责任单位(含下属单位)或责任科室的人员,或本问题的责任领导、具体责任人。", field);
            }
        }

        return null;
    }

    /// <summary>Saves with the version the user saw, so a save that raced another one is refused, not merged.</summary>
    internal async Task<OperationResult> SaveAsync(Finding finding, int version, CancellationToken cancellationToken)
    {
        db.Entry(finding).Property(f => f.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(finding.Id, cancellationToken);
        }
    }

    /// <summary>The refusal of a stale save of the finding, naming who saved it last and when (<see cref="EditConflicts"/>).</summary>
    internal Task<OperationResult> ConflictAsync(int findingId, CancellationToken cancellationToken) =>
        conflicts.ConflictAsync<Finding>(findingId, cancellationToken);

    private static void Apply(Finding finding, FindingInput input, DateTime now)
    {
        finding.CategoryId = input.CategoryId!.Value;
        finding.Title = input.Title!.Trim();
        finding.Description = input.Description?.Trim() ?? string.Empty;
        finding.OwningUnitId = input.OwningUnitId!.Value;
        finding.ResponsibleLeaderId = NullIfEmpty(input.ResponsibleLeaderId);
        finding.ResponsibleDepartmentId = input.ResponsibleDepartmentId;
        finding.ResponsiblePersonId = NullIfEmpty(input.ResponsiblePersonId);
        finding.Deadline = input.Deadline;
        finding.Kind = input.Kind;
        finding.UpdatedAt = now;
    }

    private static void CopyMeasure(MeasureInput input, Measure measure)
    {
        measure.OwnerId = NullIfEmpty(input.OwnerId);
        measure.Deadline = input.Deadline;
        measure.DoneDate = input.DoneDate;
    }

    private sealed record References(OperationResult? Error);

    /// <summary>
    /// Checks every id the form sent: the category must belong to this inspection, units must be active and in
    /// the user's scope, people must be active accounts, and the deadline cannot precede the feedback.
    /// </summary>
    private async Task<References> ResolveReferencesAsync(
        Inspection inspection, FindingInput input, UserScope scope, CancellationToken cancellationToken)
    {
        var categoryOk = await db.FindingCategories.AnyAsync(c => c.Id == input.CategoryId && c.InspectionId == inspection.Id, cancellationToken);
        if (!categoryOk)
        {
            return new(OperationResult.Invalid("所选问题类别不属于本次巡察。", nameof(FindingInput.CategoryId)));
        }

        var unitIds = new[] { input.OwningUnitId, input.ResponsibleDepartmentId }.OfType<int>().ToList();
        var units = await db.Units.Where(u => unitIds.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, cancellationToken);
        if (!units.TryGetValue(input.OwningUnitId!.Value, out var owningPath) || !scope.Covers(owningPath))
        {
            return new(OperationResult.Invalid("所选责任单位不存在、已停用或不在您的管理范围内。", nameof(FindingInput.OwningUnitId)));
        }

        if (input.ResponsibleDepartmentId is { } departmentId && !units.ContainsKey(departmentId))
        {
            return new(OperationResult.Invalid("所选责任科室不存在或已停用。", nameof(FindingInput.ResponsibleDepartmentId)));
        }

        foreach (var (userId, field) in new[]
                 {
                     (input.ResponsibleLeaderId, nameof(FindingInput.ResponsibleLeaderId)),
                     (input.ResponsiblePersonId, nameof(FindingInput.ResponsiblePersonId)),
                 })
        {
            if (!string.IsNullOrEmpty(userId) && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken))
            {
                return new(OperationResult.Invalid("所选人员不存在或已停用。", field));
            }
        }

        if (input.Deadline is { } deadline && deadline < inspection.FeedbackDate)
        {
            return new(OperationResult.Invalid("整改时限不能早于巡察反馈日期({0})。", nameof(FindingInput.Deadline),
                ChineseDates.Format(inspection.FeedbackDate)));
        }

        return new(null);
    }

    private sealed record FieldValue(string Field, string? Value);

    /// <summary>The fields whose changes go on the timeline, as the user reads them.</summary>
    private async Task<IReadOnlyList<FieldValue>> DescribeAsync(Finding finding, CancellationToken cancellationToken)
    {
        var unitIds = new[] { finding.OwningUnitId, finding.ResponsibleDepartmentId ?? 0 };
        var unitNames = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var userIds = new[] { finding.ResponsibleLeaderId, finding.ResponsiblePersonId }.OfType<string>().ToList();
        var userNames = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var categoryName = await db.FindingCategories.IgnoreQueryFilters()
            .Where(c => c.Id == finding.CategoryId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);

        return
        [
            new("问题类别", categoryName),
            new("问题标题", finding.Title),
            new("问题描述", Abbreviate(finding.Description)),
            new("责任单位", unitNames.GetValueOrDefault(finding.OwningUnitId)),
            new("责任科室", finding.ResponsibleDepartmentId is { } d ? unitNames.GetValueOrDefault(d) : null),
            new("责任领导", finding.ResponsibleLeaderId is { } l ? userNames.GetValueOrDefault(l) : null),
            new("具体责任人", finding.ResponsiblePersonId is { } p ? userNames.GetValueOrDefault(p) : null),
            new("整改时限", FormatDate(finding.Deadline)),
            new("整改类型", EnumNames.Of(finding.Kind)),
        ];
    }

    private async Task<Dictionary<string, string>> PersonNamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    private static string? FormatDate(DateOnly? date) => date is { } d ? ChineseDates.Format(d) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Long texts are kept on the timeline in short form; the finding itself holds the full text.</summary>
    private static string? Abbreviate(string? text) =>
        string.IsNullOrEmpty(text) ? null : text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
