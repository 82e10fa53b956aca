using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Visits;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>The demo's on-site visits, and the sentence section 一 of the report can take from them.</summary>
public sealed class SiteVisitReportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_demo_shows_a_visit_covering_several_units_and_the_visit_close_offs_rest_on()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();

        var visits = await app.WithDatabaseAsync(db => db.SiteVisits.AsNoTracking().Include(v => v.Units).Include(v => v.Results)
            .Where(v => v.InspectionId == inspectionId).OrderBy(v => v.VisitedOn).ToListAsync());
        Assert.Equal(2, visits.Count);
        var closedByVisit = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.SiteVisitId == visits[0].Id).Select(f => f.Id).ToListAsync());
        Assert.Equal(visits[0].Results.Select(r => r.FindingId).Order(), closedByVisit.Order());
        Assert.True(visits[1].Units.Count >= 2);
        Assert.Contains(visits[1].Results, r => r.Outcome == VisitOutcome.NotInPlace);

        var list = await inspector.GetPageAsync($"/Visits?inspectionId={inspectionId}");
        Assert.Equal(visits.Select(v => v.Id).ToHashSet(), list.QuerySelectorAll("tr[data-visit-id]").Select(r => int.Parse(r.GetAttribute("data-visit-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());
        Assert.NotNull((await inspector.GetPageAsync($"/Inspections/Details/{inspectionId}")).QuerySelector("a[data-visits-link]"));
        var page = await inspector.GetPageAsync($"/Visits/Details/{visits[1].Id}");
        Assert.Equal(visits[1].Units.Count, page.QuerySelectorAll("section[data-unit-id]").Length);
        var notInPlace = visits[1].Results.Single(r => r.Outcome == VisitOutcome.NotInPlace).FindingId;
        Assert.NotNull(page.QuerySelector($"form[data-return-for='{notInPlace}']"));
    }

    [Fact]
    public async Task The_report_takes_section_one_sentence_from_the_visits_exactly()
    {
        using var inspector = await app.LoginAsync("inspector");
        var reportId = await app.ReportIdAsync();
        var before = await app.WithDatabaseAsync(db => db.PublicReports.AsNoTracking().SingleAsync(r => r.Id == reportId));

        var details = await inspector.GetPageAsync($"/Reports/Details/{reportId}");
        var response = await inspector.SubmitAsync(details, $"form[action='/Reports/InsertSiteVisits/{reportId}']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // The demo: six of the bureau's findings checked on 28 February 2023, all in place; two townships' findings two
        // days before the tests' today (1 December 2026), one in place and one not.
        const string Expected = "2023年2月28日,县委第一巡察组逐单位、逐问题对整改情况进行现场查验,共查验1个单位、6个问题,所有问题均已整改到位。"
            + "2026年11月29日,县委第一巡察组逐单位、逐问题对整改情况进行现场查验,共查验2个单位、2个问题,其中整改到位1个、不到位1个。";
        var after = await app.WithDatabaseAsync(db => db.PublicReports.AsNoTracking().SingleAsync(r => r.Id == reportId));
        Assert.Equal(before.ProgressSection + "\n" + Expected, after.ProgressSection);
        Assert.Contains(Expected, (await inspector.GetPageAsync($"/Reports/Details/{reportId}")).Text(), StringComparison.Ordinal);

        // Inserting it again adds nothing.
        var again = await inspector.SubmitAsync(await inspector.GetPageAsync($"/Reports/Details/{reportId}"), $"form[action='/Reports/InsertSiteVisits/{reportId}']");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("第一部分已有这段现场查验情况。", (await inspector.GetPageAsync($"/Reports/Details/{reportId}")).Text(), StringComparison.Ordinal);
        Assert.Equal(after.ProgressSection, await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.ProgressSection).SingleAsync()));
    }
}
