using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;
using Rectification.Core.Time;
using Rectification.Core.Units;

namespace Rectification.Core.Dashboards;

/// <summary>
/// The leaders' dashboard for the user's scope: every figure is counted in the database (grouped queries, no
/// findings loaded), with the same light rules and filters as the findings list so the numbers always agree.
/// </summary>
public sealed class DashboardService(
    RectificationDbContext db,
    BusinessClock clock,
    IOptions<DeadlineOptions> deadlines,
    UnitDirectory directory,
    InspectionService inspections,
    ReadCache cache)
{
    private const int ListSize = 15;
    private const int DefaultTrendWeeks = 26;

    public async Task<DashboardData?> GetAsync(DashboardFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var scope = ScopeClaims.ToScope(user);

        // The focus unit and its children, from the in-memory tree: the ranking rolls findings up to these children.
        var focusId = filter.UnitId ?? scope.UnitId ?? 0;
        var tree = await directory.GetAsync(db, cancellationToken);
        var focus = tree.Find(focusId);
        if (focus is null || !scope.Covers(focus.Path))
        {
            return null; // a unit outside the scope does not exist for this user
        }

        // Besides the scope and the last change, what the user sees depends on these alone.
        var today = clock.Today;
        var data = await cache.GetOrComputeAsync(db, "dashboard", [focus.Id, filter.InspectionId, today],
            () => ComputeAsync(filter, scope, focus, tree, today, cancellationToken), cancellationToken);
        return data is null ? null : data with { Filter = filter };
    }

    private async Task<DashboardData?> ComputeAsync(
        DashboardFilter filter, UserScope scope, UnitEntry focus, UnitDirectory.Snapshot tree, DateOnly today, CancellationToken cancellationToken)
    {
        var lights = deadlines.Value;
        var picker = await inspections.GetPickerAsync(filter.InspectionId, cancellationToken);
        if (filter.InspectionId is not null && picker.Selected is null)
        {
            return null; // an inspection the user cannot see
        }

        // FindingsInScope: the unit figures and the urgent list join inspections and categories, visible with the
        // finding. The focus condition is left out where the scope already says the same (the user's own unit).
        var findings = db.FindingsInScope.AsNoTracking();
        if (scope.SeesEverything || focus.Id != scope.UnitId)
        {
            findings = findings.Where(f => f.OwningUnit!.Path.StartsWith(focus.Path));
        }

        if (picker.Selected is { } inspection)
        {
            findings = findings.Where(f => f.InspectionId == inspection.Id);
        }

        var focusId = focus.Id;
        var feedback = picker.Selected?.FeedbackDate;

        // The counts by status, light and category, the trend's counts by week, the totals by owning unit and the
        // open urges and mechanisms of the focus unit: five grouped or counted queries sent as one (UNION ALL), rows
        // told apart by Kind.
        var code = LightRules.Code(today, lights);
        var trendStart = TrendStart(feedback, today);
        var first = trendStart.DayNumber;
        var byLight = findings
            .Select(ExpressionInliner.Inline((Finding f, int light) => new
            {
                f.Status,
                Light = light,
                CategoryId = filter.InspectionId == null ? 0 : f.CategoryId,
            }, code))
            // Light first: grouped by status first, SQLite walks the status index for its order and reads every row
            // from the table, where the unit index holds every column needed.
            .GroupBy(x => new { x.Light, x.Status, x.CategoryId })
            .Select(g => new FigureRow { Kind = FigureKind.Light, A = (int)g.Key.Status, B = g.Key.Light, C = g.Key.CategoryId, D = 0, Count = g.Count() });
        var byWeek = findings
            .Select(f => new
            {
                DeadlineWeek = f.Deadline == null ? (int?)null : (f.Deadline.Value.DayNumber - first) / 7,
                ClosedWeek = f.Status == FindingStatus.Closed && f.ClosedOn != null ? (f.ClosedOn.Value.DayNumber - first) / 7 : (int?)null,
            })
            .GroupBy(x => new { x.DeadlineWeek, x.ClosedWeek })
            .Select(g => new FigureRow { Kind = FigureKind.Week, A = g.Key.DeadlineWeek, B = g.Key.ClosedWeek, C = 0, D = 0, Count = g.Count() });
        // Grouped by the unit's id alone (its path comes from the in-memory tree), with the inspection joined
        // explicitly: read through the navigation inside a grouped sum, EF Core sends a subquery per unit instead.
        var unitTotals = findings
            .Select(ExpressionInliner.Inline((Finding f, bool red) => new
            {
                f.OwningUnitId,
                f.InspectionId,
                f.AssignedOn,
                Closed = f.Status == FindingStatus.Closed ? 1 : 0,
                ClosedOn = f.Status == FindingStatus.Closed ? f.ClosedOn : null,
                Overdue = red ? 1 : 0,
            }, LightRules.Is(Light.Red, today, lights)))
            .Join(db.Inspections.IgnoreQueryFilters(), x => x.InspectionId, i => i.Id, (x, i) => new
            {
                x.OwningUnitId,
                x.Closed,
                x.Overdue,
                DaysToClose = x.ClosedOn != null ? x.ClosedOn.Value.DayNumber - (x.AssignedOn ?? i.FeedbackDate).DayNumber : 0,
            })
            .GroupBy(x => x.OwningUnitId)
            .Select(g => new FigureRow
            {
                Kind = FigureKind.Unit,
                A = g.Key,
                B = g.Sum(x => x.Closed),
                C = g.Sum(x => x.Overdue),
                D = g.Sum(x => x.DaysToClose),
                Count = g.Count(),
            });
        var focusPath = focus.Path;
        var others = db.Units.Where(u => u.Id == focusId)
            .Select(u => new FigureRow
            {
                Kind = FigureKind.Others,
                A = db.Urges.Count(x => x.AcknowledgedAt == null && x.Unit!.Path.StartsWith(focusPath)),
                B = db.Mechanisms.Count(m => m.IssuingUnit!.Path.StartsWith(focusPath) && (filter.InspectionId == null || m.InspectionId == filter.InspectionId)),
                C = 0,
                D = 0,
                Count = 0,
            });
        var figures = await byLight.Concat(byWeek).Concat(unitTotals).Concat(others).ToListAsync(cancellationToken);
        var groups = figures.Where(r => r.Kind == FigureKind.Light)
            .Select(r => new { Status = (FindingStatus)r.A!.Value, Light = r.B!.Value, CategoryId = r.C, r.Count })
            .ToList();
        var openUrges = figures.Where(r => r.Kind == FigureKind.Others).Select(r => r.A ?? 0).FirstOrDefault();
        var mechanisms = figures.Where(r => r.Kind == FigureKind.Others).Select(r => r.B ?? 0).FirstOrDefault();
        var trend = Trend(figures.Where(r => r.Kind == FigureKind.Week).Select(r => (r.A, r.B, r.Count)), trendStart, today);
        var byUnit = figures.Where(r => r.Kind == FigureKind.Unit)
            .Select(r => (Path: tree.Find(r.A!.Value)?.Path ?? string.Empty, Total: r.Count, Closed: r.B ?? 0, Overdue: r.C, DaysToClose: r.D))
            .ToList();

        var urgent = await ListAsync(findings, today, lights, cancellationToken);

        var categories = picker.Selected is null
            ? []
            : Categories(picker.SelectedCategories, groups.Select(g => (g.CategoryId, g.Status, (Light)g.Light, g.Count)));

        return new DashboardData(
            filter,
            focus.Id,
            focus.Name,
            picker.Selected?.Title,
            picker.Options,
            groups.GroupBy(g => g.Status).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.GroupBy(g => (Light)g.Light).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            categories,
            RollUp(focus.Id, focus.Name, focus.Path, tree.ChildrenOf(focus.Id).Select(u => (u.Id, u.Name, u.Path)).ToList(), byUnit),
            urgent.Where(f => f.Light == Light.Red).ToList(),
            urgent.Where(f => f.Light == Light.Yellow).ToList(),
            trend,
            openUrges,
            mechanisms);
    }

    /// <summary>The most overdue and the soonest due, in one round trip (two ordered, limited queries joined).</summary>
    private async Task<List<FindingListItem>> ListAsync(IQueryable<Finding> findings, DateOnly today, DeadlineOptions lights, CancellationToken cancellationToken)
    {
        var red = findings.Where(LightRules.Is(Light.Red, today, lights)).OrderBy(f => f.Deadline).ThenBy(f => f.Id).Take(ListSize);
        var yellow = findings.Where(LightRules.Is(Light.Yellow, today, lights)).OrderBy(f => f.Deadline).ThenBy(f => f.Id).Take(ListSize);
        var items = await red.Concat(yellow)
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
        return items
            .Select(i => i with { Light = LightRules.Classify(i.Facts, today, lights) })
            .OrderBy(i => i.Deadline).ThenBy(i => i.Id)
            .ToList();
    }

    private enum FigureKind
    {
        Light,
        Week,
        Unit,
        Others,
    }

    /// <summary>
    /// One row of the combined figures query: (status, light, category) or (deadline week, closed week) counts,
    /// (unit, closed, overdue, days to close) totals, or (urges, mechanisms).
    /// </summary>
    private sealed class FigureRow
    {
        public FigureKind Kind { get; init; }

        public int? A { get; init; }

        public int? B { get; init; }

        public int C { get; init; }

        public int D { get; init; }

        public int Count { get; init; }
    }

    /// <summary>The trend's first week: since feedback, over the last half year at most (earlier weeks are summed into the first).</summary>
    private static DateOnly TrendStart(DateOnly? feedback, DateOnly today)
    {
        var halfYearAgo = today.AddDays(-7 * DefaultTrendWeeks);
        return feedback is { } since && since > halfYearAgo ? since : halfYearAgo;
    }

    /// <summary>
    /// Week by week since the trend's start: findings closed off in the week and deadlines falling in it, from the
    /// counts by week number the database made.
    /// </summary>
    private static List<TrendWeek> Trend(IEnumerable<(int? DeadlineWeek, int? ClosedWeek, int Count)> rows, DateOnly start, DateOnly today)
    {
        var first = start.DayNumber;
        var lastWeek = Math.Max(0, (today.DayNumber - first) / 7);
        var planned = new int[lastWeek + 1];
        var closed = new int[lastWeek + 1];
        foreach (var row in rows)
        {
            // Before the window counts in its first week; after today is not part of the trend yet.
            if (row.DeadlineWeek is { } d && d <= lastWeek)
            {
                planned[Math.Max(0, d)] += row.Count;
            }

            if (row.ClosedWeek is { } c && c <= lastWeek)
            {
                closed[Math.Max(0, c)] += row.Count;
            }
        }

        var weeks = new List<TrendWeek>(lastWeek + 1);
        int closedSoFar = 0, plannedSoFar = 0;
        for (var week = 0; week <= lastWeek; week++)
        {
            closedSoFar += closed[week];
            plannedSoFar += planned[week];
            var weekStart = start.AddDays(7 * week);
            weeks.Add(new TrendWeek(weekStart, weekStart.AddDays(6), closed[week], planned[week], closedSoFar, plannedSoFar));
        }

        return weeks;
    }

    private static List<CategoryRow> Categories(
        IReadOnlyList<CategoryOption> categories, IEnumerable<(int CategoryId, FindingStatus Status, Light Light, int Count)> counts)
    {
        var byCategory = counts.GroupBy(c => c.CategoryId).ToDictionary(g => g.Key, g => g.ToList());
        return categories.Select(c =>
        {
            var rows = byCategory.GetValueOrDefault(c.Id) ?? [];
            return new CategoryRow(c.Id, c.Ordinal, c.Name,
                rows.Sum(r => r.Count),
                rows.Where(r => r.Status == FindingStatus.Closed).Sum(r => r.Count),
                rows.Where(r => r.Light == Light.Red).Sum(r => r.Count));
        }).ToList();
    }

    /// <summary>
    /// Rolls unit totals up to the focus unit's children: each finding counts under the child whose subtree holds
    /// its owning unit; findings of the focus unit itself form their own row.
    /// </summary>
    internal static List<UnitRow> RollUp(
        int focusId,
        string focusName,
        string focusPath,
        IReadOnlyList<(int Id, string Name, string Path)> children,
        IReadOnlyList<(string Path, int Total, int Closed, int Overdue, int DaysToClose)> units)
    {
        var rows = new List<UnitRow>();
        foreach (var (id, name, path, isFocus) in children.Select(c => (c.Id, c.Name, c.Path, false)).Prepend((focusId, focusName, focusPath, true)))
        {
            var members = units.Where(u => isFocus ? u.Path == focusPath : u.Path.StartsWith(path, StringComparison.Ordinal)).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var closed = members.Sum(m => m.Closed);
            rows.Add(new UnitRow(id, name, isFocus, members.Sum(m => m.Total), closed, members.Sum(m => m.Overdue),
                closed == 0 ? null : (double)members.Sum(m => m.DaysToClose) / closed));
        }

        return rows.OrderByDescending(r => r.CompletionRate).ThenBy(r => r.Overdue).ThenBy(r => r.UnitName, StringComparer.Ordinal).ToList();
    }
}
