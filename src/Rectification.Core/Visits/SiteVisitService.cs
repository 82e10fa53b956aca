using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Visits;

/// <summary>
/// 现场查验 as a record: the office's visits to an inspection's units, what each found of each finding, the photos
/// taken (kept as the finding's evidence, through <see cref="EvidenceService"/>), and sending a finding found 不到位 back
/// to its unit (through <see cref="FindingWorkflowService"/>). Every action is checked on the visit's inspection
/// (<see cref="InspectionOperations.ViewVisits"/>, <see cref="InspectionOperations.RecordVisits"/>); a visit the user
/// may not see is not found.
/// </summary>
public sealed class SiteVisitService(
    RectificationDbContext db,
    IAuthorizationService authorization,
    BusinessClock clock,
    EditConflicts conflicts,
    EvidenceService evidence,
    FindingWorkflowService workflow)
{
    public async Task<SiteVisitList?> ListAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await InspectionAsync(inspectionId, user, InspectionOperations.ViewVisits, cancellationToken);
        if (inspection is null)
        {
            return null;
        }

        var visits = await db.SiteVisits.AsNoTracking()
            .Where(v => v.InspectionId == inspectionId)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id)
            .Select(v => new SiteVisitListItem(v.Id, v.VisitedOn, v.Team, v.Units.Count(), v.Results.Count(),
                v.Results.Count(r => r.Outcome == VisitOutcome.InPlace)))
            .ToListAsync(cancellationToken);
        return new SiteVisitList(inspection.Id, inspection.Title, visits, await MayAsync(user, inspection, InspectionOperations.RecordVisits));
    }

    /// <summary>The form's choices for a visit of this inspection; null when the user may not record one.</summary>
    public async Task<SiteVisitFormOptions?> GetFormOptionsAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await InspectionAsync(inspectionId, user, InspectionOperations.RecordVisits, cancellationToken);
        return inspection is null ? null : await OptionsAsync(inspection, ScopeClaims.ToScope(user), cancellationToken);
    }

    public async Task<OperationResult<(int InspectionId, SiteVisitInput Input, int Version)>> GetForEditAsync(
        int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var visit = await db.SiteVisits.AsNoTracking().Include(v => v.Units).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null || await InspectionAsync(visit.InspectionId, user, InspectionOperations.RecordVisits, cancellationToken) is null)
        {
            return OperationResult<(int, SiteVisitInput, int)>.From(OperationResult.NotFound);
        }

        // The team is kept as names: the office's people named in it are ticked again, the others typed.
        var people = await OfficePeopleAsync(ScopeClaims.ToScope(user), cancellationToken);
        var names = SplitNames(visit.Team);
        var ticked = people.Where(p => names.Contains(p.Name)).ToList();
        var input = new SiteVisitInput
        {
            VisitedOn = visit.VisitedOn,
            UnitIds = visit.Units.Select(u => u.UnitId).ToList(),
            MemberIds = ticked.Select(p => p.Id).ToList(),
            OtherMembers = string.Join('、', names.Where(n => !ticked.Any(p => p.Name == n))),
        };
        return OperationResult<(int, SiteVisitInput, int)>.Success((visit.InspectionId, input, visit.Version));
    }

    public async Task<OperationResult<int>> CreateAsync(int inspectionId, SiteVisitInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await InspectionAsync(inspectionId, user, InspectionOperations.RecordVisits, cancellationToken);
        if (inspection is null)
        {
            return OperationResult<int>.From(OperationResult.NotFound);
        }

        var checkedInput = await ValidateAsync(inspection, input, ScopeClaims.ToScope(user), cancellationToken);
        if (checkedInput.Error is { } invalid)
        {
            return OperationResult<int>.From(invalid);
        }

        var now = clock.UtcNow;
        var visit = new SiteVisit
        {
            InspectionId = inspectionId,
            VisitedOn = input.VisitedOn!.Value,
            Team = checkedInput.Team,
            CreatedAt = now,
            CreatedById = Actor.From(user).UserId,
            UpdatedAt = now,
        };
        visit.Units.AddRange(input.UnitIds.Distinct().Select(u => new SiteVisitUnit { UnitId = u }));
        db.SiteVisits.Add(visit);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<int>.Success(visit.Id);
    }

    /// <summary>Saves the visit's day, team and units. A unit whose findings have results recorded stays.</summary>
    public async Task<OperationResult> UpdateAsync(int id, SiteVisitInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var visit = await db.SiteVisits.Include(v => v.Units).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        var inspection = visit is null ? null : await InspectionAsync(visit.InspectionId, user, InspectionOperations.RecordVisits, cancellationToken);
        if (visit is null || inspection is null)
        {
            return OperationResult.NotFound;
        }

        if (visit.Version != version)
        {
            return await conflicts.ConflictAsync<SiteVisit>(id, cancellationToken);
        }

        var checkedInput = await ValidateAsync(inspection, input, ScopeClaims.ToScope(user), cancellationToken);
        if (checkedInput.Error is { } invalid)
        {
            return invalid;
        }

        var chosen = input.UnitIds.ToHashSet();
        var dropped = visit.Units.Where(u => !chosen.Contains(u.UnitId)).ToList();
        var droppedIds = dropped.Select(u => u.UnitId).ToList();
        var withResults = await db.SiteVisitResults.IgnoreQueryFilters()
            .Where(r => r.SiteVisitId == id && droppedIds.Contains(r.Finding!.OwningUnitId))
            .Select(r => r.Finding!.OwningUnit!.Name).Distinct().ToListAsync(cancellationToken);
        if (withResults.Count > 0)
        {
            return OperationResult.Invalid("已记录查验结果的单位不能移除:{0}。", nameof(SiteVisitInput.UnitIds), string.Join('、', withResults));
        }

        foreach (var unit in dropped)
        {
            visit.Units.Remove(unit);
        }

        visit.Units.AddRange(chosen.Where(u => visit.Units.All(v => v.UnitId != u)).Select(u => new SiteVisitUnit { UnitId = u }));
        visit.VisitedOn = input.VisitedOn!.Value;
        visit.Team = checkedInput.Team;
        return await SaveAsync(visit, version, cancellationToken);
    }

    public async Task<SiteVisitDetails?> GetDetailsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var visit = await db.SiteVisits.AsNoTracking().Where(v => v.Id == id)
            .Select(v => new { v.Id, v.InspectionId, v.VisitedOn, v.Team, v.Version, UnitIds = v.Units.Select(u => u.UnitId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        var inspection = visit is null ? null : await InspectionAsync(visit.InspectionId, user, InspectionOperations.ViewVisits, cancellationToken);
        if (visit is null || inspection is null)
        {
            return null;
        }

        var findings = await db.Findings.AsNoTracking()
            .Where(f => f.InspectionId == visit.InspectionId && visit.UnitIds.Contains(f.OwningUnitId) && f.Status != FindingStatus.Draft)
            .OrderBy(f => f.CategoryOrdinal).ThenBy(f => f.Ordinal).ThenBy(f => f.Id)
            .Select(f => new { f.Id, f.OwningUnitId, UnitName = f.OwningUnit!.Name, f.CategoryOrdinal, f.Ordinal, f.Title, f.Status, f.Version })
            .ToListAsync(cancellationToken);
        var results = await db.SiteVisitResults.AsNoTracking().Where(r => r.SiteVisitId == id)
            .ToDictionaryAsync(r => r.FindingId, cancellationToken);
        var photos = (await db.EvidenceItems.AsNoTracking()
            .Where(e => e.SiteVisitId == id && !e.IsDeleted)
            .OrderBy(e => e.Id)
            .Select(e => new { e.FindingId, Current = e.Versions.OrderByDescending(x => x.Number).Select(x => new VisitPhoto(x.Id, x.FileName, x.FileType)).First() })
            .ToListAsync(cancellationToken)).ToLookup(p => p.FindingId, p => p.Current);
        var unitNames = await db.Units.AsNoTracking().Where(u => visit.UnitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);

        var units = visit.UnitIds
            .Select(unitId => new VisitedUnit(unitId, unitNames.GetValueOrDefault(unitId, string.Empty), findings
                .Where(f => f.OwningUnitId == unitId)
                .Select(f => new VisitedFinding(f.Id, f.CategoryOrdinal, f.Ordinal, f.Title, f.Status, f.Version,
                    results.GetValueOrDefault(f.Id)?.Outcome, results.GetValueOrDefault(f.Id)?.Note, photos[f.Id].ToList()))
                .ToList()))
            .OrderBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        return new SiteVisitDetails(visit.Id, visit.InspectionId, inspection.Title, visit.VisitedOn, visit.Team, visit.Version, units,
            await MayAsync(user, inspection, InspectionOperations.RecordVisits));
    }

    /// <summary>
    /// Records what the visit found of the findings on the form, all or nothing. A finding left without an outcome was
    /// not checked. A result a close-off rests on cannot be withdrawn or turned to 不到位: reopen the finding first.
    /// </summary>
    public async Task<OperationResult> RecordResultsAsync(
        int id, IReadOnlyList<VisitResultInput> input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var visit = await db.SiteVisits.Include(v => v.Units).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null || await InspectionAsync(visit.InspectionId, user, InspectionOperations.RecordVisits, cancellationToken) is null)
        {
            return OperationResult.NotFound;
        }

        if (visit.Version != version)
        {
            return await conflicts.ConflictAsync<SiteVisit>(id, cancellationToken);
        }

        var unitIds = visit.Units.Select(u => u.UnitId).ToList();
        var findingIds = input.Select(r => r.FindingId).Distinct().ToList();
        var findings = await db.Findings
            .Where(f => findingIds.Contains(f.Id) && f.InspectionId == visit.InspectionId && unitIds.Contains(f.OwningUnitId) && f.Status != FindingStatus.Draft)
            .Select(f => new { f.Id, f.Title, ClosedOffByThisVisit = f.Status == FindingStatus.Closed && f.SiteVisitId == id })
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        if (findings.Count != findingIds.Count)
        {
            return OperationResult.Invalid("所选问题不属于这次查验的单位。");
        }

        var existing = await db.SiteVisitResults.Where(r => r.SiteVisitId == id).ToDictionaryAsync(r => r.FindingId, cancellationToken);
        foreach (var row in input.GroupBy(r => r.FindingId).Select(g => g.Last()))
        {
            var note = string.IsNullOrWhiteSpace(row.Note) ? null : row.Note.Trim();
            if (note is { Length: > Limits.VisitNote })
            {
                return OperationResult.Invalid("{0}不能超过{1}个字", null, "查验情况", Limits.VisitNote);
            }

            if (row.Outcome is { } outcome && !Enum.IsDefined(outcome))
            {
                return OperationResult.Invalid("请选择整改到位或不到位。");
            }

            var finding = findings[row.FindingId];
            if (finding.ClosedOffByThisVisit && row.Outcome != VisitOutcome.InPlace)
            {
                return OperationResult.Invalid("“{0}”已依据这次现场查验销号,不能撤销或改为不到位;如需改变,请先重新打开该问题。", null, finding.Title);
            }

            if (existing.TryGetValue(row.FindingId, out var result))
            {
                if (row.Outcome is { } changed)
                {
                    result.Outcome = changed;
                    result.Note = note;
                }
                else
                {
                    db.SiteVisitResults.Remove(result);
                }
            }
            else if (row.Outcome is { } recorded)
            {
                db.SiteVisitResults.Add(new SiteVisitResult { SiteVisitId = id, FindingId = row.FindingId, Outcome = recorded, Note = note });
            }
        }

        return await SaveAsync(visit, version, cancellationToken);
    }

    /// <summary>
    /// Photos of one finding taken on the visit: the finding's evidence, stored, checked and scanned by the evidence
    /// pipeline, marked as the visit's.
    /// </summary>
    public async Task<OperationResult> AddPhotosAsync(
        int id, int findingId, IReadOnlyList<ReceivedFile> files, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        try
        {
            var visit = await db.SiteVisits.AsNoTracking().Where(v => v.Id == id)
                .Select(v => new { v.Id, v.InspectionId, v.VisitedOn, UnitIds = v.Units.Select(u => u.UnitId).ToList() })
                .FirstOrDefaultAsync(cancellationToken);
            if (visit is null || await InspectionAsync(visit.InspectionId, user, InspectionOperations.RecordVisits, cancellationToken) is null
                || !await db.Findings.AnyAsync(f => f.Id == findingId && f.InspectionId == visit.InspectionId && visit.UnitIds.Contains(f.OwningUnitId), cancellationToken))
            {
                return OperationResult.NotFound;
            }

            return await evidence.AddVisitPhotosAsync(findingId, visit.Id, visit.VisitedOn, files, user, cancellationToken);
        }
        finally
        {
            evidence.Discard(files);
        }
    }

    /// <summary>Drops received files that will not be recorded.</summary>
    public void Discard(IEnumerable<ReceivedFile> files) => evidence.Discard(files);

    /// <summary>Whether the user may open the inspection's visits (the inspection's page links to them).</summary>
    public async Task<bool> MayViewAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await InspectionAsync(inspectionId, user, InspectionOperations.ViewVisits, cancellationToken) is not null;

    /// <summary>退回整改 from the visit: a finding waiting for close-off that the visit found 不到位 goes back to its unit.</summary>
    public async Task<OperationResult> ReturnAsync(
        int id, int findingId, int findingVersion, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var visit = await db.SiteVisits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null || await InspectionAsync(visit.InspectionId, user, InspectionOperations.RecordVisits, cancellationToken) is null)
        {
            return OperationResult.NotFound;
        }

        var result = await db.SiteVisitResults.AsNoTracking().FirstOrDefaultAsync(r => r.SiteVisitId == id && r.FindingId == findingId, cancellationToken);
        if (result is null)
        {
            return OperationResult.NotFound;
        }

        if (result.Outcome != VisitOutcome.NotInPlace)
        {
            return OperationResult.Invalid("这次现场查验认定该问题整改到位,不能据此退回。");
        }

        var reason = $"{ChineseDates.Format(visit.VisitedOn)}现场查验:整改不到位。" + (result.Note ?? string.Empty);
        return await workflow.ApplyAsync(findingId, FindingAction.Return, new TransitionInput { Comment = reason }, findingVersion, user, cancellationToken);
    }

    /// <summary>What the visits found of a finding the user sees (none otherwise), for its page and its close-off form.</summary>
    public async Task<IReadOnlyList<FindingVisitResult>> ForFindingAsync(int findingId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var scope = ScopeClaims.ToScope(user);
        var rows = await db.SiteVisitResults.AsNoTracking()
            .Where(r => r.FindingId == findingId)
            .OrderBy(r => r.SiteVisit!.VisitedOn).ThenBy(r => r.SiteVisitId)
            .Select(r => new
            {
                r.SiteVisitId,
                r.SiteVisit!.VisitedOn,
                r.SiteVisit.Team,
                r.Outcome,
                r.Note,
                ClosedOffByIt = r.Finding!.SiteVisitId == r.SiteVisitId,
                r.SiteVisit.Inspection!.InspectedUnitPath,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FindingVisitResult(r.SiteVisitId, r.VisitedOn, r.Team, r.Outcome, r.Note, r.ClosedOffByIt,
            SiteVisitPermissions.MayView(scope, r.InspectedUnitPath))).ToList();
    }

    /// <summary>The inspection's visits with results, oldest first, as section 一 of the report counts them.</summary>
    public static Task<List<VisitTally>> TallyAsync(RectificationDbContext db, int inspectionId, CancellationToken cancellationToken) =>
        db.SiteVisits.AsNoTracking()
            .Where(v => v.InspectionId == inspectionId && v.Results.Any())
            .OrderBy(v => v.VisitedOn).ThenBy(v => v.Id)
            .Select(v => new VisitTally(v.VisitedOn, v.Units.Count(), v.Results.Count(), v.Results.Count(r => r.Outcome == VisitOutcome.InPlace)))
            .ToListAsync(cancellationToken);

    private async Task<OperationResult> SaveAsync(SiteVisit visit, int version, CancellationToken cancellationToken)
    {
        // The visit's version guards its results too: saving them touches the visit, even within the same instant.
        visit.UpdatedAt = clock.UtcNow;
        db.Entry(visit).Property(v => v.UpdatedAt).IsModified = true;
        db.Entry(visit).Property(v => v.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await conflicts.ConflictAsync<SiteVisit>(visit.Id, cancellationToken);
        }
    }

    private sealed record CheckedInput(string Team, OperationResult? Error);

    private async Task<CheckedInput> ValidateAsync(Inspection inspection, SiteVisitInput input, UserScope scope, CancellationToken cancellationToken)
    {
        static CheckedInput Refuse(string message, string? field, params object[] args) => new(string.Empty, OperationResult.Invalid(message, field, args));

        if (input.VisitedOn is not { } visitedOn)
        {
            return Refuse("请填写{0}", nameof(SiteVisitInput.VisitedOn), "查验日期");
        }

        if (visitedOn > clock.Today)
        {
            return Refuse("查验日期不能晚于今天。", nameof(SiteVisitInput.VisitedOn));
        }

        var options = await OptionsAsync(inspection, scope, cancellationToken);
        if (input.UnitIds.Count == 0)
        {
            return Refuse("请至少选择一个查验单位。", nameof(SiteVisitInput.UnitIds));
        }

        if (input.UnitIds.Any(u => options.Units.All(o => o.Id != u)))
        {
            return Refuse("所选单位在这次巡察中没有问题。", nameof(SiteVisitInput.UnitIds));
        }

        if (input.MemberIds.Any(m => options.People.All(p => p.Id != m)))
        {
            return Refuse("所选查验组成员不在本巡察机构。", nameof(SiteVisitInput.MemberIds));
        }

        var names = options.People.Where(p => input.MemberIds.Contains(p.Id)).Select(p => p.Name)
            .Concat(SplitNames(input.OtherMembers))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            return Refuse("请至少选择或填写一名查验组成员。", nameof(SiteVisitInput.MemberIds));
        }

        if (names.Any(n => n.Length > Limits.PersonName))
        {
            return Refuse("{0}不能超过{1}个字", nameof(SiteVisitInput.OtherMembers), "成员姓名", Limits.PersonName);
        }

        var team = string.Join('、', names);
        return team.Length > Limits.VisitTeam
            ? Refuse("{0}不能超过{1}个字", nameof(SiteVisitInput.OtherMembers), "查验组", Limits.VisitTeam)
            : new CheckedInput(team, null);
    }

    private async Task<SiteVisitFormOptions> OptionsAsync(Inspection inspection, UserScope scope, CancellationToken cancellationToken)
    {
        var units = await db.Findings.AsNoTracking()
            .Where(f => f.InspectionId == inspection.Id && f.Status != FindingStatus.Draft)
            .Select(f => new { f.OwningUnitId, f.OwningUnit!.Name })
            .Distinct()
            .ToListAsync(cancellationToken);
        return new SiteVisitFormOptions(inspection.Id, inspection.Title,
            units.OrderBy(u => u.Name, StringComparer.Ordinal).Select(u => (u.OwningUnitId, u.Name)).ToList(),
            await OfficePeopleAsync(scope, cancellationToken));
    }

    /// <summary>The inspection office's active accounts within the user's scope: who can be on a visit's team.</summary>
    private async Task<IReadOnlyList<(string Id, string Name)>> OfficePeopleAsync(UserScope scope, CancellationToken cancellationToken)
    {
        var roleId = Roles.IdOf(Roles.InspectionOffice);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .Select(u => new { u.Id, u.DisplayName, u.Unit!.Path })
            .ToListAsync(cancellationToken);
        return people.Where(p => scope.Covers(p.Path)).OrderBy(p => p.DisplayName, StringComparer.Ordinal).Select(p => (p.Id, p.DisplayName)).ToList();
    }

    private static List<string> SplitNames(string? names) =>
        string.IsNullOrWhiteSpace(names)
            ? []
            : names.Split(['、', ',', '\uFF0C', ';', '\uFF1B', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>The visit's inspection, with its inspected unit, when the user may do <paramref name="operation"/> on its visits.</summary>
    private async Task<Inspection?> InspectionAsync(
        int inspectionId, ClaimsPrincipal user, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.InspectedUnit).FirstOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        return inspection is not null && await MayAsync(user, inspection, operation) ? inspection : null;
    }

    private async Task<bool> MayAsync(ClaimsPrincipal user, Inspection inspection, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, inspection, operation)).Succeeded;
}
