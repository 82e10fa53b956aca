using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Lights and the dashboard: every figure equals the findings list behind its link, for every scope.</summary>
public sealed class DashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Users => new() { "inspector", "leader", "head.a", "staff.b", "admin" };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_dashboard_figure_equals_the_list_it_links_to(string userName)
    {
        using var client = await app.LoginAsync(userName);
        var inspectionId = await app.InspectionIdAsync();

        foreach (var url in new[] { "/Dashboard", $"/Dashboard?InspectionId={inspectionId}" })
        {
            var page = await client.GetPageAsync(url);
            var figures = page.QuerySelectorAll("a.figure")
                .Select(a => (Shown: int.Parse(a.GetAttribute("data-count")!, CultureInfo.InvariantCulture), Href: a.GetAttribute("href")!))
                .Distinct()
                .ToList();
            Assert.NotEmpty(figures);
            foreach (var (shown, href) in figures)
            {
                // The list's rows are read from the findings themselves; its total, like the figure, from the counters.
                var list = await client.GetPageAsync(href + "&PageSize=100");
                var total = list.Total();
                var rows = list.FindingIds().Count;
                Assert.True(shown == total && shown == rows, $"{userName} {url}: a figure shows {shown} but its list {href} holds {rows} rows, total {total}");
            }
        }
    }

    [Fact]
    public async Task The_list_filtered_by_a_light_holds_exactly_the_findings_of_that_light()
    {
        using var inspector = await app.LoginAsync("inspector");
        var today = DateOnly.FromDateTime(AppFactory.Start.DateTime);
        var options = new DeadlineOptions();
        var expected = await app.WithDatabaseAsync(async db => (await db.Findings
                .Select(f => new { f.Id, f.Status, f.Kind, f.Deadline, Start = f.AssignedOn ?? f.Inspection!.FeedbackDate, f.ClosedOn, MeasuresDueBy = f.Measures.Where(m => m.DoneDate == null && m.Deadline != null).Min(m => m.Deadline) })
                .ToListAsync())
            .ToLookup(f => LightFromRawFacts(f.Status, f.Kind, f.Deadline, f.Start, f.ClosedOn, f.MeasuresDueBy, today, options), f => f.Id));

        foreach (var light in Enum.GetValues<Light>())
        {
            var page = await inspector.GetPageAsync($"/Findings?Light={light}&PageSize=100");
            Assert.Equal(expected[light].Order(), page.FindingIds().Order());
            Assert.All(page.QuerySelectorAll("tr[data-finding-id] [data-light]"), badge => Assert.Equal(light.ToString(), badge.GetAttribute("data-light")));
        }

        // The demo has a finding of every open light, so this test cannot pass on an empty list.
        Assert.All(new[] { Light.Red, Light.Yellow, Light.Green, Light.Blue, Light.ClosedOnTime, Light.ClosedLate }, l => Assert.NotEmpty(expected[l]));
    }

    [Fact]
    public async Task A_finding_turns_red_on_the_dashboard_the_day_after_its_deadline()
    {
        // Its own app: the fake clock only moves forward, and the other tests need 1 December.
        await using var app = new AppFactory();
        using var leader = await app.LoginAsync("leader");
        var start = DateOnly.FromDateTime(AppFactory.Start.DateTime);
        var finding = await app.WithDatabaseAsync(db => db.Findings
            .Where(f => f.Status == FindingStatus.InProgress && f.Kind != FindingKind.LongTerm && f.Deadline > start)
            .OrderBy(f => f.Deadline).FirstAsync());
        Assert.DoesNotContain(finding.Id, (await leader.GetPageAsync("/Findings?Light=Red&PageSize=100")).FindingIds());

        app.Clock.Advance(TimeSpan.FromDays(finding.Deadline!.Value.DayNumber - start.DayNumber + 1));
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

        // Weeks later the sign-in has long expired (sessions end after 30 idle minutes): sign in again.
        using var later = await app.LoginAsync("leader");
        var expected = await app.WithDatabaseAsync(async db => (await db.Findings
                .Where(f => f.OwningUnit!.Code.StartsWith("JX-JTJ") && f.Status != FindingStatus.Draft)
                .Select(f => new
                {
                    f.Status,
                    f.Kind,
                    f.Deadline,
                    Start = f.AssignedOn ?? f.Inspection!.FeedbackDate,
                    f.ClosedOn,
                    MeasuresDueBy = f.Measures.Where(m => m.DoneDate == null && m.Deadline != null).Min(m => m.Deadline),
                })
                .ToListAsync())
            .Count(f => LightFromRawFacts(f.Status, f.Kind, f.Deadline, f.Start, f.ClosedOn, f.MeasuresDueBy, today, new DeadlineOptions()) == Light.Red));

        var dashboard = await later.GetPageAsync("/Dashboard");
        Assert.Equal(expected, int.Parse(dashboard.QuerySelector("tr[data-light='Red'] a.figure")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture));
        Assert.Contains(finding.Id, (await later.GetPageAsync("/Findings?Light=Red&PageSize=100")).FindingIds());
        var details = await later.GetPageAsync($"/Findings/Details/{finding.Id}");
        Assert.Equal(nameof(Light.Red), details.QuerySelector("[data-light]")?.GetAttribute("data-light"));
    }

    [Fact]
    public async Task The_dashboard_counts_the_long_term_mechanisms_of_the_inspection()
    {
        using var leader = await app.LoginAsync("leader");
        var inspectionId = await app.InspectionIdAsync();
        var expected = await app.WithDatabaseAsync(db => db.Mechanisms.CountAsync(m => m.InspectionId == inspectionId && m.IssuingUnit!.Code.StartsWith("JX-JTJ")));

        var page = await leader.GetPageAsync($"/Dashboard?InspectionId={inspectionId}");

        Assert.True(expected > 0);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-stat='mechanisms'] a")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_unit_outside_ones_scope_has_no_dashboard()
    {
        using var headA = await app.LoginAsync("head.a");
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync($"/Dashboard?UnitId={unitB}")).StatusCode);
    }

    [Fact]
    public async Task The_ranking_rolls_sub_units_up_and_its_rows_add_up_to_the_total()
    {
        using var leader = await app.LoginAsync("leader");
        var page = await leader.GetPageAsync("/Dashboard");
        var total = int.Parse(page.QuerySelector("[data-stat='total'] a")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture);
        var rows = page.QuerySelectorAll("#unit-table tbody tr").ToList();
        var sum = rows.Sum(r => int.Parse(r.QuerySelectorAll("a.figure")[0].GetAttribute("data-count")!, CultureInfo.InvariantCulture));

        Assert.Equal(total, sum);
        var unitA = (await app.UnitIdAsync(DemoData.UnitA)).ToString(CultureInfo.InvariantCulture);
        var schoolA = (await app.UnitIdAsync(DemoData.SchoolA)).ToString(CultureInfo.InvariantCulture);
        Assert.Contains(rows, r => r.GetAttribute("data-unit-id") == unitA);
        Assert.DoesNotContain(rows, r => r.GetAttribute("data-unit-id") == schoolA);
    }

    [Fact]
    public async Task A_change_saved_on_another_instance_counts_on_the_next_dashboard()
    {
        // Their own apps: this test changes findings.
        await using var first = new AppFactory();
        await using var second = AppFactory.OnDatabaseOf(first);
        using var leader = await first.LoginAsync("leader");
        var open = await first.WithDatabaseAsync(db => db.Findings
            .Where(f => f.OwningUnit!.Code.StartsWith("JX-JTJ") && f.Status == FindingStatus.InProgress)
            .OrderBy(f => f.Id).Select(f => f.Id).FirstAsync());
        var before = ClosedFigure(await leader.GetPageAsync("/Dashboard"));

        await second.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == open);
            finding.Status = FindingStatus.Closed;
            finding.ClosedOn = new DateOnly(2026, 11, 30);
            await db.SaveChangesAsync();
        });
        Assert.Equal(before + 1, ClosedFigure(await leader.GetPageAsync("/Dashboard")));
    }

    private static int ClosedFigure(AngleSharp.Html.Dom.IHtmlDocument page) =>
        int.Parse(page.QuerySelector("[data-stat='closed'] a")!.GetAttribute("data-count")!, CultureInfo.InvariantCulture);

    /// <summary>
    /// A finding's light worked out from the columns it derives from, not from the stored band and warning day: what
    /// the pages show must agree with this.
    /// </summary>
    private static Light LightFromRawFacts(
        FindingStatus status, FindingKind kind, DateOnly? deadline, DateOnly start, DateOnly? closedOn, DateOnly? measuresDueBy, DateOnly today, DeadlineOptions options)
    {
        var band = LightRules.BandOf(status, kind, deadline, closedOn);
        return LightRules.Classify(new LightFacts(band, deadline, LightRules.WarningFrom(band, deadline, start, options, measuresDueBy)), today);
    }
}
