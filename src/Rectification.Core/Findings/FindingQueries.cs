using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Scoping;
using Rectification.Core.Time;
using Rectification.Core.Units;
using Rectification.Core.Urging;

namespace Rectification.Core.Findings;

/// <summary>Reads of findings for the list and the details page. Scope comes from the context's <c>FindingsInScope</c>.</summary>
public sealed class FindingQueries(
    RectificationDbContext db, BusinessClock clock, IOptions<DeadlineOptions> deadlines, UnitDirectory units, ReadCache cache)
{
    private DeadlineOptions Lights => deadlines.Value;

    /// <summary>
    /// A page of the list. A page asked for again before anything changed (paging back, the view a unit's staff all
    /// open) is served as it was computed: the key holds the scope, every filter (serialised, so none is forgotten),
    /// the day (lights) and the last change.
    /// </summary>
    public async Task<PagedList<FindingListItem>> ListAsync(FindingFilter filter, CancellationToken cancellationToken = default)
    {
        var f = filter.Normalised();
        var today = clock.Today;
        return await cache.GetOrComputeAsync(db, "findings", [JsonSerializer.Serialize(f), today],
            () => ComputePageAsync(f, today, cancellationToken), cancellationToken);
    }

    private async Task<PagedList<FindingListItem>> ComputePageAsync(FindingFilter f, DateOnly today, CancellationToken cancellationToken)
    {
        // FindingsInScope: the scope's predicate without the filters of the joined inspection and category.
        var query = await ApplyFilterAsync(db.FindingsInScope.AsNoTracking(), f, today, cancellationToken);

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + f.PageSize - 1) / f.PageSize);
        var page = Math.Min(f.Page, pageCount);

        // The page's ids first, then its rows: sorting and skipping need only indexed columns, so the database reads
        // the table for the 20 rows shown, not for every row it skips (deep pages cost about what the first does).
        var pageIds = Sort(query, f.Sort, f.Descending)
            .Skip((page - 1) * f.PageSize)
            .Take(f.PageSize)
            .Select(x => x.Id);
        var items = await Sort(db.FindingsInScope.AsNoTracking().Where(x => pageIds.Contains(x.Id)), f.Sort, f.Descending)
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
                x.AssignedOn ?? x.Inspection.FeedbackDate,
                x.ClosedOn,
                x.OriginalDeadline))
            .ToListAsync(cancellationToken);

        var classified = items.Select(i => i with { Light = LightRules.Classify(i.Facts, today, Lights) }).ToList();
        return new PagedList<FindingListItem>(classified, page, f.PageSize, total);
    }

    /// <summary>Applies the list's filters. Exports and dashboards use the same method so their numbers agree.</summary>
    public async Task<IQueryable<Finding>> ApplyFilterAsync(
        IQueryable<Finding> query, FindingFilter f, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (f.InspectionId is { } inspectionId)
        {
            query = query.Where(x => x.InspectionId == inspectionId);
        }

        if (f.CategoryId is { } categoryId)
        {
            query = query.Where(x => x.CategoryId == categoryId);
        }

        if (f.UnitId is { } exactUnit && f.UnitExact)
        {
            query = query.Where(x => x.OwningUnitId == exactUnit);
        }
        else if (f.UnitId is { } unitId)
        {
            var path = (await units.GetAsync(db, cancellationToken)).Find(unitId)?.Path;
            query = path is null ? query.Where(_ => false) : query.Where(x => x.OwningUnit!.Path.StartsWith(path));
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
            query = query.Where(LightRules.Is(light, today, Lights));
        }

        if (f.Overdue)
        {
            query = query.Where(LightRules.Is(Light.Red, today, Lights));
        }

        if (f.DueSoon)
        {
            query = query.Where(LightRules.Is(Light.Yellow, today, Lights));
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

    /// <summary>The counts on the home page, for the user's scope: by status and by light, in one query.</summary>
    public async Task<FindingSummary> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        var groups = await CountByStatusAndLightAsync(db.Findings.AsNoTracking(), clock.Today, cancellationToken);
        return new FindingSummary(
            groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.GroupBy(g => g.Light).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)));
    }

    /// <summary>Counts by (status, light) in the database, one row per pair: both breakdowns from one query.</summary>
    public async Task<IReadOnlyList<(FindingStatus Status, Light Light, int Count)>> CountByStatusAndLightAsync(
        IQueryable<Finding> findings, DateOnly today, CancellationToken cancellationToken)
    {
        var keyed = findings.Select(ExpressionInliner.Inline((Finding f, int light) => new { f.Status, Light = light }, LightRules.Code(today, Lights)));
        var rows = await keyed.GroupBy(k => new { k.Status, k.Light })
            .Select(g => new { g.Key.Status, g.Key.Light, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Status, (Light)r.Light, r.Count)).ToList();
    }

    /// <summary>
    /// The details page's finding, with what the user may do with it. What it reads is kept like a list page (same
    /// scope, same last change: same rows); what the user may do is worked out for each request.
    /// </summary>
    public async Task<FindingDetails?> GetDetailsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var details = await cache.GetOrComputeAsync(db, "finding", [id], () => ReadDetailsAsync(id, cancellationToken), cancellationToken);
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
            Light = LightRules.Classify(details.Facts, clock.Today, Lights),
            AvailableActions = FindingWorkflow.ActionsFrom(details.Status).Where(a => FindingPermissions.MayPerform(scope, a)).ToList(),
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
                x.AssignedOn ?? x.Inspection.FeedbackDate,
                x.ClosedOn,
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
        // FindingsInScope: the inspection, evidence and versions are visible with the finding; their own filters are not run again.
        var query = db.FindingsInScope.AsNoTracking().Where(f => f.Status == FindingStatus.Submitted);
        var total = await query.CountAsync(cancellationToken);
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
        var data = await db.Findings.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.Title,
                x.Status,
                x.Version,
                x.RectificationSummary,
                OwningUnitPath = x.OwningUnit!.Path,
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
            : new FindingProgressData(data.Id, data.Title, data.Status, data.Version, data.OwningUnitPath,
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
        (_, false) => query.OrderBy(x => x.InspectionId).ThenBy(x => x.Category!.Ordinal).ThenBy(x => x.Ordinal).ThenBy(x => x.Id),
        (_, true) => query.OrderByDescending(x => x.InspectionId).ThenByDescending(x => x.Category!.Ordinal).ThenByDescending(x => x.Ordinal).ThenByDescending(x => x.Id),
    };
}
