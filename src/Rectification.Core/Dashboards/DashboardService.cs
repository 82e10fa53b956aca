using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Counting;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;
using Rectification.Core.Time;
using Rectification.Core.Units;

namespace Rectification.Core.Dashboards;

/// <summary>
/// The leaders' dashboard for a unit in the user's scope (the focus). Over all inspections its figures come from the
/// counters (<see cref="TallyQueries"/>): a few hundred rows whether the focus is a school or the province. For one
/// inspection they are worked out from that inspection's findings, which are few, with the same light rules.
/// </summary>
public sealed class DashboardService(
    RectificationDbContext db,
    BusinessClock clock,
    UnitDirectory directory,
    InspectionService inspections,
    TallyQueries tallies,
    IOptions<DeadlineOptions> deadlines)
{
    private const int ListSize = 15;
    private const int TrendWeeks = 26;

    public async Task<DashboardData?> GetAsync(DashboardFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var scope = ScopeClaims.ToScope(user);
        var tree = await directory.GetAsync(db, cancellationToken);
        if (tree.Find(filter.UnitId ?? scope.UnitId ?? 0) is not { } focusUnit || !scope.Covers(focusUnit.Path))
        {
            return null; // a unit outside the scope does not exist for this user
        }

        var picker = await inspections.GetPickerAsync(filter.InspectionId, cancellationToken);
        if (filter.InspectionId is not null && picker.Selected is null)
        {
            return null; // an inspection the user cannot see
        }

        // A liaison sees their own unit's findings only: no sub-unit rows, and the unit's own figures.
        var focus = new Focus(focusUnit, scope.OwnUnitOnly ? [] : tree.ChildrenOf(focusUnit.Id).ToList(), scope.OwnUnitOnly, scope.SeesDrafts);
        var today = clock.Today;
        var figures = picker.Selected is { } inspection
            ? await InspectionFiguresAsync(focus, inspection, picker.SelectedCategories, today, cancellationToken)
            : await CountedFiguresAsync(focus, today, cancellationToken);
        var urgent = await UrgentAsync(focus, filter.InspectionId, figures.Focus.Total, today, cancellationToken);
        var supervision = await SupervisionAsync(focus.Unit, filter.InspectionId, cancellationToken);

        return new DashboardData(
            filter,
            focusUnit.Id,
            focusUnit.Name,
            picker.Selected?.Title,
            picker.Options,
            figures.Focus.ByStatus,
            figures.Focus.ByLight,
            figures.Categories,
            figures.Units,
            urgent.Where(f => f.Light == Light.Red).ToList(),
            urgent.Where(f => f.Light == Light.Yellow).ToList(),
            figures.Trend,
            supervision.OpenUrges,
            supervision.Mechanisms,
            supervision.FollowUps);
    }

    /// <summary>The unit looked at, its children (rows of the ranking), and what of it the user sees.</summary>
    private sealed record Focus(UnitEntry Unit, IReadOnlyList<UnitEntry> Children, bool OwnUnitOnly, bool WithDrafts)
    {
        public PathRange Range => OwnUnitOnly ? PathRange.Unit(Unit.Path) : PathRange.Subtree(Unit.Path);
    }

    private sealed record Figures(UnitFigures Focus, IReadOnlyList<UnitRow> Units, IReadOnlyList<TrendWeek> Trend, IReadOnlyList<CategoryRow> Categories);

    private sealed record Supervision(int OpenUrges, int Mechanisms, FollowUpCounts FollowUps);

    /// <summary>Over all inspections: the focus, its own findings and each child, then the trend, from the counters.</summary>
    private async Task<Figures> CountedFiguresAsync(Focus focus, DateOnly today, CancellationToken cancellationToken)
    {
        var byUnit = await tallies.FiguresAsync([focus.Unit.Id, .. focus.Children.Select(c => c.Id)], focus.WithDrafts, today, cancellationToken);
        var own = byUnit[focus.Unit.Id].Own;
        var rows = focus.Children.Select(c => Row(c, isFocus: false, byUnit[c.Id].Subtree)).Prepend(Row(focus.Unit, isFocus: true, own));
        var start = TrendStart(feedback: null, today);
        var days = await tallies.DeadlinesAndCloseOffsAsync(new TallySlice(focus.Unit.Id, focus.OwnUnitOnly, focus.WithDrafts), start, TrendEnd(start, today), cancellationToken);
        return new Figures(
            byUnit[focus.Unit.Id].For(focus.OwnUnitOnly),
            Ranked(rows),
            Trend(days.Where(d => d.Event == TallyEvent.Deadline).Select(d => (d.Day, d.Count)), days.Where(d => d.Event == TallyEvent.ClosedOn).Select(d => (d.Day, d.Count)), start, today),
            []);
    }

    /// <summary>One inspection: its findings within the focus, read once, counted by category, child unit and week.</summary>
    private async Task<Figures> InspectionFiguresAsync(
        Focus focus, InspectionOption inspection, IReadOnlyList<CategoryOption> categories, DateOnly today, CancellationToken cancellationToken)
    {
        var range = focus.Range;
        var findings = await Visibility.Findings(db.Findings.IgnoreQueryFilters().AsNoTracking(), db.Scope)
            .Where(f => f.InspectionId == inspection.Id)
            .Where(Visibility.PathWithin<Finding>(f => f.OwningUnitPath, () => range.Low, () => range.High))
            .Select(f => new { f.OwningUnitPath, f.CategoryId, f.Status, f.Band, f.Deadline, f.WarningFrom, f.ClosedOn, f.DaysToClose })
            .ToListAsync(cancellationToken);
        var lit = findings.Select(f => (f.OwningUnitPath, f.CategoryId, f.Status, Light: LightRules.Classify(new LightFacts(f.Band, f.Deadline, f.WarningFrom), today), f.DaysToClose))
            .ToList();
        UnitFigures Of(Func<(string Path, int CategoryId, FindingStatus Status, Light Light, int? DaysToClose), bool> member) =>
            UnitFigures.Of(lit.Where(member).Select(f => (f.Status, f.Light, f.DaysToClose)));

        var rows = focus.Children.Select(c => Row(c, isFocus: false, Of(f => UnitPath.IsWithin(f.Path, c.Path))))
            .Prepend(Row(focus.Unit, isFocus: true, Of(f => f.Path == focus.Unit.Path)));
        var categoryRows = categories.Select(c =>
        {
            var figures = Of(f => f.CategoryId == c.Id);
            return new CategoryRow(c.Id, c.Ordinal, c.Name, figures.Total, figures.Closed, figures.Overdue);
        }).ToList();
        return new Figures(
            Of(_ => true),
            Ranked(rows),
            Trend(findings.Where(f => f.Deadline is not null).Select(f => (f.Deadline!.Value, 1)),
                findings.Where(f => f.Status == FindingStatus.Closed && f.ClosedOn is not null).Select(f => (f.ClosedOn!.Value, 1)),
                TrendStart(inspection.FeedbackDate, today),
                today),
            categoryRows);
    }

    private static UnitRow Row(UnitEntry unit, bool isFocus, UnitFigures figures) =>
        new(unit.Id, unit.Name, isFocus, figures.Total, figures.Closed, figures.Overdue, figures.AverageDaysToClose);

    /// <summary>Units with findings, the most complete first.</summary>
    private static List<UnitRow> Ranked(IEnumerable<UnitRow> rows) =>
        rows.Where(r => r.Total > 0)
            .OrderByDescending(r => r.CompletionRate).ThenBy(r => r.Overdue).ThenBy(r => r.UnitName, StringComparer.Ordinal)
            .ToList();

    /// <summary>The most overdue and the soonest due in the focus, in one round trip (two ordered, limited queries joined).</summary>
    private async Task<List<FindingListItem>> UrgentAsync(Focus focus, int? inspectionId, int focusTotal, DateOnly today, CancellationToken cancellationToken)
    {
        var unitPath = focus.Unit.Path;
        var findings = db.FindingsInScopeInOrder(focusTotal, orderIndexHoldsFilters: true).AsNoTracking()
            .Where(focus.OwnUnitOnly ? f => f.OwningUnitPath == unitPath : Visibility.Subtree(unitPath, db.WalksInOrder(focusTotal, orderIndexHoldsFilters: true)));
        if (inspectionId is { } id)
        {
            findings = findings.Where(f => f.InspectionId == id);
        }

        var red = findings.Where(LightRules.Is(Light.Red, today)).OrderBy(f => f.Deadline).ThenBy(f => f.Id).Take(ListSize);
        var yellow = findings.Where(LightRules.Is(Light.Yellow, today)).OrderBy(f => f.Deadline).ThenBy(f => f.Id).Take(ListSize);
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
                x.Band,
                x.WarningFrom,
                x.OriginalDeadline))
            .ToListAsync(cancellationToken);
        return items
            .Select(i => i with { Light = LightRules.Classify(i.Facts, today) })
            .OrderBy(i => i.Deadline).ThenBy(i => i.Id)
            .ToList();
    }

    /// <summary>
    /// Urges not yet acknowledged by units in the focus, the mechanisms they issued, and the 回头看 due, lapsed and
    /// answered in the user's whole scope (the list they link to is not narrowed by the dashboard's filters), in one query.
    /// </summary>
    private async Task<Supervision> SupervisionAsync(UnitEntry focus, int? inspectionId, CancellationToken cancellationToken)
    {
        var range = PathRange.Subtree(focus.Path);
        var urges = db.Urges.Where(u => u.AcknowledgedAt == null).Where(Visibility.PathWithin<Urging.Urge>(u => u.Unit!.Path, () => range.Low, () => range.High));
        var mechanisms = db.Mechanisms.Where(m => inspectionId == null || m.InspectionId == inspectionId)
            .Where(Visibility.PathWithin<Mechanisms.Mechanism>(m => m.IssuingUnit!.Path, () => range.Low, () => range.High));
        var today = clock.Today;
        var followUpsDue = db.FollowUps.Where(FollowUpRules.DueSoon(today, deadlines.Value.DueSoonDays));
        var followUpsLapsed = db.FollowUps.Where(FollowUpRules.Lapsed(today));
        var followUpsAnswered = db.FollowUps.Where(FollowUpRules.Open).Where(f => f.Status == FollowUpStatus.Answered);
        var counts = await db.Units.AsNoTracking().Where(u => u.Id == focus.Id)
            .Select(u => new
            {
                Urges = urges.Count(),
                Mechanisms = mechanisms.Count(),
                Due = followUpsDue.Count(),
                Lapsed = followUpsLapsed.Count(),
                Answered = followUpsAnswered.Count(),
            })
            .FirstAsync(cancellationToken);
        return new Supervision(counts.Urges, counts.Mechanisms, new FollowUpCounts(counts.Due, counts.Lapsed, counts.Answered));
    }

    /// <summary>The trend's first week: since feedback, over the last half year at most (earlier weeks are summed into the first).</summary>
    private static DateOnly TrendStart(DateOnly? feedback, DateOnly today)
    {
        var halfYearAgo = today.AddDays(-7 * TrendWeeks);
        return feedback is { } since && since > halfYearAgo ? since : halfYearAgo;
    }

    /// <summary>The last day of the trend: the end of the week today falls in.</summary>
    private static DateOnly TrendEnd(DateOnly start, DateOnly today) => start.AddDays((7 * LastWeek(start, today)) + 6);

    private static int LastWeek(DateOnly start, DateOnly today) => Math.Max(0, (today.DayNumber - start.DayNumber) / 7);

    /// <summary>
    /// Week by week since the trend's start: deadlines falling in the week (planned) and findings closed off in it,
    /// and both added up so far. Days before the start count in the first week; weeks after this one are not part of it.
    /// </summary>
    private static List<TrendWeek> Trend(IEnumerable<(DateOnly Day, int Count)> deadlines, IEnumerable<(DateOnly Day, int Count)> closeOffs, DateOnly start, DateOnly today)
    {
        var lastWeek = LastWeek(start, today);
        int[] ByWeek(IEnumerable<(DateOnly Day, int Count)> days)
        {
            var weeks = new int[lastWeek + 1];
            foreach (var (day, count) in days.Where(d => d.Day <= TrendEnd(start, today)))
            {
                weeks[Math.Max(0, (day.DayNumber - start.DayNumber) / 7)] += count;
            }

            return weeks;
        }

        var planned = ByWeek(deadlines);
        var closed = ByWeek(closeOffs);
        var trend = new List<TrendWeek>(lastWeek + 1);
        int closedSoFar = 0, plannedSoFar = 0;
        for (var week = 0; week <= lastWeek; week++)
        {
            closedSoFar += closed[week];
            plannedSoFar += planned[week];
            var weekStart = start.AddDays(7 * week);
            trend.Add(new TrendWeek(weekStart, weekStart.AddDays(6), closed[week], planned[week], closedSoFar, plannedSoFar));
        }

        return trend;
    }
}
