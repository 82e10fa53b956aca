using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Counting;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Scoping;
using Rectification.Core.Time;
using Rectification.Core.Units;
using Rectification.Core.Urging;

namespace Rectification.Core.Findings;

/// <summary>
/// Reads of findings for the list, the home page and the details page, in the user's scope
/// (<see cref="RectificationDbContext.FindingsInScope"/>). Totals come from the counters (<see cref="TallyQueries"/>)
/// whenever the filters are ones they count by, so a page of the whole province costs what a school's does.
/// </summary>
public sealed class FindingQueries(RectificationDbContext db, BusinessClock clock, UnitDirectory units, TallyQueries tallies)
{
    /// <summary>A page of the list: the total from the counters (or counted, for filters they do not cover), then the page's rows.</summary>
    public async Task<PagedList<FindingListItem>> ListAsync(FindingFilter filter, CancellationToken cancellationToken = default)
    {
        var f = filter.Normalised();
        if (f.Problems().Count > 0)
        {
            return new PagedList<FindingListItem>([], 1, f.PageSize, 0);
        }

        var today = clock.Today;
        var total = await CountFromTalliesAsync(f, today, cancellationToken)
            ?? await (await ApplyFilterAsync(db.FindingsInScope.AsNoTracking(), f, today, cancellationToken)).CountAsync(cancellationToken);
        var query = await ApplyFilterAsync(db.FindingsInScopeInOrder(total).AsNoTracking(), f, today, cancellationToken, db.WalksInOrder(total));
        var pageCount = Math.Max(1, (total + f.PageSize - 1) / f.PageSize);
        var page = Math.Min(f.Page, pageCount);
        var items = await PageAsync(query, f, page, total, today, cancellationToken);
        return new PagedList<FindingListItem>(items, page, f.PageSize, total);
    }

    /// <summary>
    /// The rows of one page, ids first (sorting and skipping need only indexed columns), then the rows shown. The skip
    /// is made from whichever end of the order is nearer, so the last page costs what the first does.
    /// </summary>
    private async Task<List<FindingListItem>> PageAsync(
        IQueryable<Finding> query, FindingFilter f, int page, int total, DateOnly today, CancellationToken cancellationToken)
    {
        var skip = (page - 1) * f.PageSize;
        var take = Math.Min(f.PageSize, total - skip);
        if (take <= 0)
        {
            return [];
        }

        var fromEnd = skip > total - skip - take;
        var descending = f.Descending != fromEnd;
        var pageIds = Sort(query, f.Sort, descending).Window(fromEnd ? total - skip - take : skip, take).Select(x => x.Id);
        var items = await Sort(db.Findings.IgnoreQueryFilters().AsNoTracking().Where(x => pageIds.Contains(x.Id)), f.Sort, descending)
            .Select(x => new FindingListItem(
                x.Id,
                x.InspectionId,
                x.Inspection!.Title,
                x.Category!.Ordinal,
                x.Category.Name,
                x.Ordinal,
                x.Title,
                x.OwningUnit!.Name,
                x.ResponsibleLeader!.DisplayName,
                x.ResponsiblePerson!.DisplayName,
                x.Deadline,
                x.Kind,
                x.Status,
                x.UpdatedAt,
                x.Band,
                x.WarningFrom,
                x.OriginalDeadline))
            .ToListAsync(cancellationToken);
        if (fromEnd)
        {
            items.Reverse();
        }

        return items.Select(i => i with { Light = LightRules.Classify(i.Facts, today) }).ToList();
    }

    /// <summary>
    /// The list's total from the counters, when every filter set is one they count by (unit, status, light, a deadline
    /// or close-off range); null when a filter needs the findings themselves (inspection, category, kind, words).
    /// </summary>
    private async Task<int?> CountFromTalliesAsync(FindingFilter f, DateOnly today, CancellationToken cancellationToken)
    {
        if (f.InspectionId is not null || f.CategoryId is not null || f.Kind is not null || f.Text is not null)
        {
            return null;
        }

        var lights = new[] { f.Light, f.Overdue ? Light.Red : null, f.DueSoon ? Light.Yellow : null }.OfType<Light>().Distinct().ToList();
        var deadlineRange = f.DeadlineFrom is not null || f.DeadlineTo is not null;
        var closedRange = f.ClosedFrom is not null || f.ClosedTo is not null;
        if (lights.Count > 1)
        {
            return 0; // two different lights at once: nothing shows both
        }

        if ((lights.Count > 0 && (deadlineRange || closedRange)) || (deadlineRange && closedRange))
        {
            return null;
        }

        var slices = await SlicesAsync(f, cancellationToken);
        var total = 0;
        foreach (var slice in slices)
        {
            if (deadlineRange || closedRange)
            {
                var kind = deadlineRange ? TallyEvent.Deadline : TallyEvent.ClosedOn;
                var byStatus = await tallies.InRangeAsync(slice, kind, deadlineRange ? f.DeadlineFrom : f.ClosedFrom, deadlineRange ? f.DeadlineTo : f.ClosedTo, cancellationToken);
                total += byStatus.Where(c => f.Status is null || c.Key == f.Status).Sum(c => c.Value);
                continue;
            }

            var figures = await tallies.FiguresAsync(slice, today, cancellationToken);
            total += figures.ByStatusAndLight
                .Where(c => (f.Status is null || c.Key.Status == f.Status) && (lights.Count == 0 || c.Key.Light == lights[0]))
                .Sum(c => c.Value);
        }

        return total;
    }

    /// <summary>
    /// The counters that hold the findings the scope sees within the unit filter: the deeper of the two units when
    /// one lies within the other, none when they do not meet, every root for a scope that sees everything.
    /// </summary>
    private async Task<IReadOnlyList<TallySlice>> SlicesAsync(FindingFilter f, CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        var tree = await units.GetAsync(db, cancellationToken);
        var filterUnit = f.UnitId is { } id ? tree.Find(id) : null;
        if (f.UnitId is not null && filterUnit is null)
        {
            return [];
        }

        if (filterUnit is not null && scope.Covers(filterUnit.Path))
        {
            return [new TallySlice(filterUnit.Id, f.UnitExact || scope.OwnUnitOnly, scope.SeesDrafts)];
        }

        var scopeUnits = scope.SeesEverything
            ? tree.All.Where(u => u.ParentId is null).ToList()
            : tree.Find(scope.UnitId ?? 0) is { } own ? [own] : [];
        if (filterUnit is not null)
        {
            // The filter names a unit above the scope: the scope's own findings, if they lie below it.
            return scopeUnits.Where(u => !f.UnitExact && UnitPath.IsWithin(u.Path, filterUnit.Path))
                .Select(u => new TallySlice(u.Id, scope.OwnUnitOnly, scope.SeesDrafts)).ToList();
        }

        return scopeUnits.Select(u => new TallySlice(u.Id, scope.OwnUnitOnly, scope.SeesDrafts)).ToList();
    }

    /// <summary>Applies the list's filters. Exports use the same method so their rows are the list's.</summary>
    public async Task<IQueryable<Finding>> ApplyFilterAsync(
        IQueryable<Finding> query, FindingFilter f, DateOnly today, CancellationToken cancellationToken = default, bool walkInOrder = false)
    {
        if (f.Problems().Count > 0)
        {
            return query.Where(_ => false);
        }

        if (f.InspectionId is { } inspectionId)
        {
            query = query.Where(x => x.InspectionId == inspectionId);
        }

        if (f.CategoryId is { } categoryId)
        {
            query = query.Where(x => x.CategoryId == categoryId);
        }

        if (f.UnitId is { } unitId)
        {
            var path = (await units.GetAsync(db, cancellationToken)).Find(unitId)?.Path;
            query = path is null ? query.Where(_ => false)
                : f.UnitExact ? query.Where(x => x.OwningUnitPath == path)
                : query.Where(Visibility.Subtree(path, walkInOrder));
        }

        if (f.Status is { } status)
        {
            query = query.Where(x => x.Status == status);
        }

        if (f.Kind is { } kind)
        {
            query = query.Where(x => x.Kind == kind);
        }

        if (f.Light is { } light)
        {
            query = query.Where(LightRules.Is(light, today));
        }

        if (f.Overdue)
        {
            query = query.Where(LightRules.Is(Light.Red, today));
        }

        if (f.DueSoon)
        {
            query = query.Where(LightRules.Is(Light.Yellow, today));
        }

        if (f.DeadlineFrom is { } deadlineFrom)
        {
            query = query.Where(x => x.Deadline >= deadlineFrom);
        }

        if (f.DeadlineTo is { } deadlineTo)
        {
            query = query.Where(x => x.Deadline <= deadlineTo);
        }

        if (f.ClosedFrom is { } closedFrom)
        {
            query = query.Where(x => x.Status == FindingStatus.Closed && x.ClosedOn >= closedFrom);
        }

        if (f.ClosedTo is { } closedTo)
        {
            query = query.Where(x => x.Status == FindingStatus.Closed && x.ClosedOn <= closedTo);
        }

        if (f.Text is { } text)
        {
            query = query.Where(x => x.Title.Contains(text) || x.Description.Contains(text) || x.RectificationSummary.Contains(text));
        }

        return query;
    }

    /// <summary>The counts on the home page, for the user's scope: by status and by light, from the counters.</summary>
    public async Task<FindingSummary> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        var slices = await SlicesAsync(new FindingFilter(), cancellationToken);
        var today = clock.Today;
        var figures = new List<UnitFigures>();
        foreach (var slice in slices)
        {
            figures.Add(await tallies.FiguresAsync(slice, today, cancellationToken));
        }

        return new FindingSummary(
            figures.SelectMany(x => x.ByStatus).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
            figures.SelectMany(x => x.ByLight).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)));
    }

    /// <summary>The details page's finding, with what the user may do with it, or null outside the user's scope.</summary>
    public async Task<FindingDetails?> GetDetailsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var details = await ReadDetailsAsync(id, cancellationToken);
        if (details is null)
        {
            return null;
        }

        var scope = ScopeClaims.ToScope(user);
        var pendingExtension = details.Extensions.Any(e => e.Status == ExtensionStatus.Pending);
        return details with
        {
            Urges = details.Urges.Select(u => u with { CanAcknowledge = u.AcknowledgedAt is null && UrgePermissions.MayAcknowledge(scope, u.UnitPath) }).ToList(),
            CanRequestExtension = scope.HasRole(Accounts.Roles.UnitHead) && FindingPermissions.AcceptsProgress(details.Status)
                && details.Kind != FindingKind.LongTerm && details.Deadline is not null && !pendingExtension,
            CanDecideExtension = scope.HasRole(Accounts.Roles.InspectionOffice) && pendingExtension,
            CanUrge = UrgePermissions.MayUrge(scope) && details.Status is not (FindingStatus.Closed or FindingStatus.Draft),
            CanHandleEvidence = FindingPermissions.MayHandleEvidence(scope) && FindingPermissions.AcceptsEvidence(scope, details.Status),
            CanReviewEvidence = FindingPermissions.MayReviewEvidence(scope) && details.Status == FindingStatus.Submitted,
            Light = LightRules.Classify(details.Facts, clock.Today),
            // Reopening over a follow-up is offered with that follow-up (the 回头看 panel), not among the finding's own moves.
            AvailableActions = FindingWorkflow.ActionsFrom(details.Status)
                .Where(a => a != FindingAction.ReopenAfterFollowUp && FindingPermissions.MayPerform(scope, a)).ToList(),
            CanEdit = FindingPermissions.MayEdit(scope) && FindingPermissions.IsEditable(details.Status),
            CanUpdateProgress = FindingPermissions.MayUpdateProgress(scope) && FindingPermissions.AcceptsProgress(details.Status),
        };
    }

    /// <summary>The finding with its measures, events, extension requests, evidence and urges, as the scope sees them.</summary>
    private async Task<FindingDetails?> ReadDetailsAsync(int id, CancellationToken cancellationToken)
    {
        // One query for the finding, its measures, events and extension requests. Once the finding is in scope, so
        // is everything hanging off it: their own filters (through the finding) are not evaluated again.
        var row = await db.FindingsInScope.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                Details = new FindingDetails(
                x.Id,
                x.InspectionId,
                x.Inspection!.Title,
                x.CategoryId,
                x.Category!.Ordinal,
                x.Category.Name,
                x.Ordinal,
                x.Title,
                x.Description,
                x.OwningUnitId,
                x.OwningUnit!.Name,
                x.ResponsibleLeader!.DisplayName,
                x.ResponsibleLeader.Title,
                x.ResponsibleDepartment!.Name,
                x.ResponsiblePerson!.DisplayName,
                x.ResponsiblePerson.Title,
                x.Deadline,
                x.Kind,
                x.Status,
                x.RectificationSummary,
                x.ClosedAt,
                x.ClosedBy!.DisplayName,
                x.CreatedAt,
                x.UpdatedAt,
                x.Version,
                // The owner's name as a scalar subquery, not a join: SQLite materialises a joined collection's
                // subquery over the whole table (every measure of every finding) before matching it to this finding.
                x.Measures.OrderBy(m => m.Ordinal)
                    .Select(m => new MeasureItem(m.Id, m.Ordinal, m.Description, m.OwnerId,
                        db.Users.Where(u => u.Id == m.OwnerId).Select(u => u.DisplayName).FirstOrDefault(), m.Deadline, m.DoneDate))
                    .ToList(),
                x.Events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                    .Select(e => new FindingEventItem(e.Id, e.Kind, e.FromStatus, e.ToStatus, e.ActorName, e.At, e.Comment, e.Changes))
                    .ToList(),
                x.SubmittedAt,
                x.SubmittedBy!.DisplayName,
                x.VerificationMethod,
                x.VerifiedOn,
                x.FollowUpDate,
                x.Band,
                x.WarningFrom,
                x.OriginalDeadline),
                Extensions = db.DeadlineExtensions
                    .Where(e => e.FindingId == x.Id)
                    .OrderByDescending(e => e.RequestedAt)
                    .Select(e => new ExtensionView(e.Id, e.CurrentDeadline, e.RequestedDeadline, e.Reason, e.RequestedByName, e.RequestedAt,
                        e.Status, e.DecidedByName, e.DecidedAt, e.DecisionNote))
                    .ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);

        if (row is null)
        {
            return null;
        }

        var evidence = await db.EvidenceItems.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.FindingId == id)
            .OrderBy(e => e.IsDeleted).ThenBy(e => e.Id)
            .Select(e => new EvidenceItemView(
                e.Id,
                e.Description,
                e.EvidenceDate,
                e.Measure!.Ordinal,
                e.Review,
                e.ReviewNote,
                e.ReviewedBy!.DisplayName,
                e.ReviewedAt,
                e.IsDeleted,
                e.DeleteReason,
                e.DeletedAt,
                e.Versions.OrderByDescending(v => v.Number)
                    .Select(v => new EvidenceVersionView(v.Id, v.Number, v.FileName, v.FileType, v.Length, v.UploadedAt, v.UploadedByName))
                    .ToList()))
            .ToListAsync(cancellationToken);
        var urges = await db.Urges.AsNoTracking()
            .Where(u => u.FindingId == id)
            .OrderByDescending(u => u.CreatedAt)
            .Select(u => new UrgeItem(u.Id, u.UnitId, u.Unit!.Name, u.Unit.Path, u.FindingId, null, u.Message, u.ExpectedBy,
                u.CreatedByName, u.CreatedAt, u.AcknowledgedByName, u.AcknowledgedAt))
            .ToListAsync(cancellationToken);

        return row.Details with { Evidence = evidence, Extensions = row.Extensions, Urges = urges };
    }

    /// <summary>待审核: submitted findings in scope, the longest-waiting first, each with its current evidence.</summary>
    public async Task<PagedList<ReviewQueueItem>> ReviewQueueAsync(int page, CancellationToken cancellationToken = default)
    {
        const int PageSize = 20;
        var total = await CountFromTalliesAsync(new FindingFilter { Status = FindingStatus.Submitted }, clock.Today, cancellationToken) ?? 0;
        // FindingsInScope: the inspection, evidence and versions are visible with the finding; their own filters are not run again.
        var query = db.FindingsInScopeInOrder(total, orderIndexHoldsFilters: true).AsNoTracking().Where(f => f.Status == FindingStatus.Submitted);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query
            .OrderBy(f => f.SubmittedAt).ThenBy(f => f.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(f => new ReviewQueueItem(
                f.Id,
                f.Title,
                f.Inspection!.Title,
                f.OwningUnit!.Name,
                f.SubmittedAt,
                f.SubmittedBy!.DisplayName,
                f.Deadline,
                f.Kind,
                f.Evidence.Where(e => !e.IsDeleted).OrderBy(e => e.Id)
                    .Select(e => new ReviewQueueEvidence(
                        e.Versions.OrderByDescending(v => v.Number).Select(v => v.Id).First(),
                        e.Description,
                        e.Versions.OrderByDescending(v => v.Number).Select(v => v.FileName).First(),
                        e.Review))
                    .ToList()))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new PagedList<ReviewQueueItem>(items, page, PageSize, total);
    }

    /// <summary>A finding as the inspection office's edit form shows it.</summary>
    public async Task<FindingEditData?> GetForEditAsync(int id, CancellationToken cancellationToken = default) =>
        await db.Findings.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new FindingEditData(
                x.Id,
                x.InspectionId,
                x.Inspection!.Title,
                x.Inspection.FeedbackDate,
                x.Status,
                x.Version,
                new FindingInput
                {
                    CategoryId = x.CategoryId,
                    Title = x.Title,
                    Description = x.Description,
                    OwningUnitId = x.OwningUnitId,
                    ResponsibleLeaderId = x.ResponsibleLeaderId,
                    ResponsibleDepartmentId = x.ResponsibleDepartmentId,
                    ResponsiblePersonId = x.ResponsiblePersonId,
                    Deadline = x.Deadline,
                    Kind = x.Kind,
                }))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>A finding's measures and 落实情况 as the progress form shows them.</summary>
    public async Task<FindingProgressData?> GetProgressAsync(int id, CancellationToken cancellationToken = default)
    {
        var data = await db.FindingsInScope.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Title,
                x.Status,
                x.Version,
                x.RectificationSummary,
                Measures = x.Measures.OrderBy(m => m.Ordinal).Select(m => new MeasureInput
                {
                    Id = m.Id,
                    Description = m.Description,
                    OwnerId = m.OwnerId,
                    Deadline = m.Deadline,
                    DoneDate = m.DoneDate,
                }).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return data is null
            ? null
            : new FindingProgressData(data.Id, data.Title, data.Status, data.Version,
                new ProgressInput { RectificationSummary = data.RectificationSummary, Measures = data.Measures });
    }

    /// <summary>The list's order; the ledger export uses it too, so the file lists rows as the page does.</summary>
    internal static IQueryable<Finding> Sort(IQueryable<Finding> query, FindingSort sort, bool descending) => (sort, descending) switch
    {
        (FindingSort.Deadline, false) => query.OrderBy(x => x.Deadline == null).ThenBy(x => x.Deadline).ThenBy(x => x.Id),
        (FindingSort.Deadline, true) => query.OrderBy(x => x.Deadline == null).ThenByDescending(x => x.Deadline).ThenByDescending(x => x.Id),
        (FindingSort.Status, false) => query.OrderBy(x => x.Status).ThenBy(x => x.Id),
        (FindingSort.Status, true) => query.OrderByDescending(x => x.Status).ThenByDescending(x => x.Id),
        (FindingSort.Unit, false) => query.OrderBy(x => x.OwningUnit!.Name).ThenBy(x => x.Id),
        (FindingSort.Unit, true) => query.OrderByDescending(x => x.OwningUnit!.Name).ThenByDescending(x => x.Id),
        (FindingSort.Updated, false) => query.OrderBy(x => x.UpdatedAt).ThenBy(x => x.Id),
        (FindingSort.Updated, true) => query.OrderByDescending(x => x.UpdatedAt).ThenByDescending(x => x.Id),
        (_, false) => query.OrderBy(x => x.InspectionId).ThenBy(x => x.CategoryOrdinal).ThenBy(x => x.Ordinal).ThenBy(x => x.Id),
        (_, true) => query.OrderByDescending(x => x.InspectionId).ThenByDescending(x => x.CategoryOrdinal).ThenByDescending(x => x.Ordinal).ThenByDescending(x => x.Id),
    };
}
