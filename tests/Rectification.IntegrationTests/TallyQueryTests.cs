using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Counting;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The counters answer "how many before a day" from month rows and the day rows of the day's own month
/// (<see cref="TallyEvents.MonthOf"/>). Read on the days where that split could go wrong — each deadline, warning and
/// close-off day, the day before and after, the first of its month and the last day of the month before — every unit's
/// figures, ranges and trend rows must equal a count of the findings themselves.
/// </summary>
public sealed class TallyQueryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Row(int Id, string Path, FindingStatus Status, LightBand Band, DateOnly? Deadline, DateOnly? WarningFrom, DateOnly? ClosedOn, int? DaysToClose);

    [Fact]
    public async Task Figures_on_every_day_around_a_month_boundary_equal_a_count_of_the_findings()
    {
        var (units, findings) = await LoadAsync();
        var days = DaysToRead(findings);
        Assert.True(days.Select(TallyEvents.MonthStart).Distinct().Count() >= 3, "the demo data spans fewer than three months: the test would not cross a month's boundary");

        await WithTalliesAsync(async tallies =>
        {
            foreach (var withDrafts in new[] { false, true })
            {
                foreach (var today in days)
                {
                    var figures = await tallies.FiguresAsync(units.Select(u => u.Id).ToList(), withDrafts, today);
                    foreach (var (id, path) in units)
                    {
                        foreach (var own in new[] { false, true })
                        {
                            var expected = UnitFigures.Of(In(findings, path, own, withDrafts)
                                .Select(f => (f.Status, LightRules.Classify(new LightFacts(f.Band, f.Deadline, f.WarningFrom), today), f.DaysToClose)));
                            var actual = figures[id].For(own);
                            Assert.True(Same(expected, actual), $"{path} (own {own}, drafts {withDrafts}) on {today:yyyy-MM-dd}: {Show(actual)} instead of {Show(expected)}");
                        }
                    }
                }
            }
        });
    }

    [Fact]
    public async Task Deadline_and_close_off_ranges_across_months_equal_a_count_of_the_findings()
    {
        var (units, findings) = await LoadAsync();
        var days = DaysToRead(findings);
        var ranges = days.SelectMany(from => days.Where(to => to >= from && to.DayNumber - from.DayNumber <= 70).Select(to => ((DateOnly?)from, (DateOnly?)to)))
            .Concat(days.Select(d => ((DateOnly?)null, (DateOnly?)d)))
            .Concat(days.Select(d => ((DateOnly?)d, (DateOnly?)null)))
            .ToList();

        await WithTalliesAsync(async tallies =>
        {
            foreach (var (id, path) in units.Take(4))
            {
                var slice = new TallySlice(id, OwnUnitOnly: false, WithDrafts: false);
                var mine = In(findings, path, own: false, withDrafts: false).ToList();
                foreach (var (from, to) in ranges)
                {
                    bool Within(DateOnly? day) => day is { } d && (from is null || d >= from) && (to is null || d <= to);
                    var deadlines = await tallies.InRangeAsync(slice, TallyEvent.Deadline, from, to);
                    var closeOffs = await tallies.InRangeAsync(slice, TallyEvent.ClosedOn, from, to);
                    Assert.Equal(ByStatus(mine.Where(f => Within(f.Deadline))), ByStatus(deadlines));
                    Assert.Equal(ByStatus(mine.Where(f => f.Status == FindingStatus.Closed && Within(f.ClosedOn))), ByStatus(closeOffs));
                }
            }
        });
    }

    [Fact]
    public async Task The_trend_rows_are_the_days_in_the_window_and_one_row_for_everything_before_it()
    {
        var (units, findings) = await LoadAsync();
        var days = DaysToRead(findings);

        await WithTalliesAsync(async tallies =>
        {
            var (id, path) = units[0];
            var mine = In(findings, path, own: false, withDrafts: false).ToList();
            foreach (var from in days)
            {
                var through = from.AddDays(56);
                var rows = await tallies.DeadlinesAndCloseOffsAsync(new TallySlice(id, false, false), from, through);
                foreach (var (kind, dayOf) in new (TallyEvent, Func<Row, DateOnly?>)[]
                {
                    (TallyEvent.Deadline, f => f.Deadline),
                    (TallyEvent.ClosedOn, f => f.Status == FindingStatus.Closed ? f.ClosedOn : null),
                })
                {
                    var expected = mine.Select(dayOf).OfType<DateOnly>().Where(d => d <= through)
                        .GroupBy(d => d < from ? from : d).ToDictionary(g => g.Key, g => g.Count());
                    var actual = rows.Where(r => r.Event == kind && r.Count != 0).GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
                    Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
                }
            }
        });
    }

    private Task<(List<(int Id, string Path)> Units, List<Row> Findings)> LoadAsync() => app.WithDatabaseAsync(async db =>
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Path).Select(u => new { u.Id, u.Path }).ToListAsync();
        var findings = await db.Findings.IgnoreQueryFilters().AsNoTracking()
            .Select(f => new Row(f.Id, f.OwningUnitPath, f.Status, f.Band, f.Deadline, f.WarningFrom, f.ClosedOn, f.DaysToClose))
            .ToListAsync();
        return (units.Select(u => (u.Id, u.Path)).ToList(), findings);
    });

    private async Task WithTalliesAsync(Func<TallyQueries, Task> work)
    {
        using var scope = app.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<TallyQueries>());
    }

    /// <summary>Each day a finding's event falls on, the days either side, its month's first day and the day before that.</summary>
    private static List<DateOnly> DaysToRead(IEnumerable<Row> findings) =>
        findings.SelectMany(f => new[] { f.Deadline, f.WarningFrom, f.ClosedOn })
            .OfType<DateOnly>()
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1), TallyEvents.MonthStart(d), TallyEvents.MonthStart(d).AddDays(-1) })
            .Distinct()
            .Order()
            .ToList();

    private static IEnumerable<Row> In(IEnumerable<Row> findings, string path, bool own, bool withDrafts) =>
        findings.Where(f => (own ? f.Path == path : PathRange.Subtree(path).Contains(f.Path)) && (withDrafts || f.Status != FindingStatus.Draft));

    private static SortedDictionary<FindingStatus, int> ByStatus(IEnumerable<Row> findings) =>
        new(findings.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count()));

    private static SortedDictionary<FindingStatus, int> ByStatus(IReadOnlyDictionary<FindingStatus, int> counts) =>
        new(counts.Where(p => p.Value != 0).ToDictionary());

    private static bool Same(UnitFigures expected, UnitFigures actual) =>
        Show(expected) == Show(actual) && expected.DaysToClose == actual.DaysToClose;

    private static string Show(UnitFigures figures) =>
        string.Join(" ", figures.ByStatusAndLight.Where(p => p.Value != 0).OrderBy(p => p.Key).Select(p => $"{p.Key.Status}/{p.Key.Light}={p.Value}"));
}
