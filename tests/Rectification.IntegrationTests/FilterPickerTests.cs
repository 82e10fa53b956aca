using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Inspections;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The inspection picker of the findings list and the dashboard lists the newest inspections only (a province has
/// thousands), yet the selected one is always there with its categories, and never one the user cannot see.
/// </summary>
public sealed class FilterPickerTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private int _demoInspection;
    private int _otherUnitsInspection;

    public async Task InitializeAsync()
    {
        _demoInspection = await _app.InspectionIdAsync();
        // Newer inspections of the bureau than the demo's (fed back on 6 December 2022), enough to push it off the picker.
        var bureau = await _app.UnitIdAsync("JX-JTJ");
        var unitB = await _app.UnitIdAsync(DemoData.UnitB);
        _otherUnitsInspection = await _app.WithDatabaseAsync(async db =>
        {
            for (var n = 0; n < InspectionService.FilterPickerLimit; n++)
            {
                db.Inspections.Add(NewInspection($"测试巡察{n + 1}", bureau, new DateOnly(2023, 1, 1).AddDays(n)));
            }

            // Of unit B, with no findings: head.a (unit A) must not learn of it through a picker.
            var ofUnitB = NewInspection("测试巡察：另一单位", unitB, new DateOnly(2021, 1, 1));
            db.Inspections.Add(ofUnitB);
            await db.SaveChangesAsync();
            return ofUnitB.Id;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/Findings")]
    [InlineData("/Dashboard")]
    public async Task The_picker_lists_the_newest_inspections_and_the_selected_one(string page)
    {
        using var inspector = await _app.LoginAsync("inspector");

        var unfiltered = InspectionOptions(await inspector.GetPageAsync(page));
        Assert.Equal(InspectionService.FilterPickerLimit, unfiltered.Count);
        Assert.DoesNotContain(_demoInspection, unfiltered);
        Assert.Equal("测试巡察100", (await inspector.GetPageAsync(page)).QuerySelector("#InspectionId option:nth-child(2)")!.TextContent.Trim());

        var filtered = await inspector.GetPageAsync($"{page}?InspectionId={_demoInspection}");
        var options = InspectionOptions(filtered);
        Assert.Equal(InspectionService.FilterPickerLimit + 1, options.Count);
        Assert.Equal(_demoInspection.ToString(CultureInfo.InvariantCulture),
            filtered.QuerySelector("#InspectionId option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_filter_form_shows_the_filter_in_force()
    {
        using var inspector = await _app.LoginAsync("inspector");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        var page = await inspector.GetPageAsync($"/Findings?InspectionId={_demoInspection}&UnitId={unitA}&Status=InProgress&Kind=LongTerm&Light=Blue&Sort=Deadline");

        string? Selected(string select) => page.QuerySelector($"#{select} option[selected]")?.GetAttribute("value");
        Assert.Equal(_demoInspection.ToString(CultureInfo.InvariantCulture), Selected("InspectionId"));
        Assert.Equal(unitA.ToString(CultureInfo.InvariantCulture), Selected("UnitId"));
        Assert.Equal("InProgress", Selected("Status"));
        Assert.Equal("LongTerm", Selected("Kind"));
        Assert.Equal("Blue", Selected("Light"));
        Assert.Equal("Deadline", Selected("Sort"));
        Assert.Null((await inspector.GetPageAsync("/Findings")).QuerySelector("#Status option[selected]"));
    }

    [Fact]
    public async Task The_pager_and_the_export_keep_the_filters_in_force()
    {
        // A dashboard's "本级" row links to the unit's own findings (UnitExact): its next page must not add the sub-units'.
        using var inspector = await _app.LoginAsync("inspector");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        var own = await _app.WithDatabaseAsync(db => db.Findings.CountAsync(x => x.OwningUnitId == unitA && x.Status == Core.Findings.FindingStatus.InProgress));
        Assert.True(own >= 2, "unit A owns at least two findings in progress in the demo data");
        var page = await inspector.GetPageAsync($"/Findings?UnitId={unitA}&UnitExact=true&Status=InProgress&PageSize=1");

        var next = page.QuerySelectorAll("a.page-link").Select(a => a.GetAttribute("href")!).First(h => h.Contains("Page=2", StringComparison.Ordinal));
        Assert.Contains("UnitExact=True", next, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Status=InProgress", next, StringComparison.Ordinal);
        Assert.Contains("UnitExact=True", page.QuerySelector("a[data-export='xlsx']")!.GetAttribute("href")!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_selected_inspection_brings_its_categories_to_the_list()
    {
        using var inspector = await _app.LoginAsync("inspector");
        var expected = await _app.WithDatabaseAsync(db => db.FindingCategories.Where(c => c.InspectionId == _demoInspection).Select(c => c.Id).ToListAsync());
        Assert.NotEmpty(expected);

        var page = await inspector.GetPageAsync($"/Findings?InspectionId={_demoInspection}");
        var listed = page.QuerySelectorAll("#CategoryId option").Select(o => o.GetAttribute("value")).Where(v => v is { Length: > 0 })
            .Select(v => int.Parse(v!, CultureInfo.InvariantCulture));
        Assert.Equal(expected.Order(), listed.Order());
    }

    [Fact]
    public async Task An_inspection_out_of_scope_is_in_no_picker_and_has_no_dashboard()
    {
        using var headA = await _app.LoginAsync("head.a");

        var list = await headA.GetPageAsync($"/Findings?InspectionId={_otherUnitsInspection}");
        Assert.DoesNotContain(_otherUnitsInspection, InspectionOptions(list));
        Assert.DoesNotContain(list.QuerySelectorAll("#CategoryId option"), o => o.GetAttribute("value") is { Length: > 0 });
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync($"/Dashboard?InspectionId={_otherUnitsInspection}")).StatusCode);

        // The inspection office covering unit B does see it.
        using var inspector = await _app.LoginAsync("inspector");
        Assert.Contains(_otherUnitsInspection, InspectionOptions(await inspector.GetPageAsync($"/Findings?InspectionId={_otherUnitsInspection}")));
    }

    private static List<int> InspectionOptions(IHtmlDocument page) =>
        page.QuerySelectorAll("#InspectionId option").Select(o => o.GetAttribute("value")).Where(v => v is { Length: > 0 })
            .Select(v => int.Parse(v!, CultureInfo.InvariantCulture)).ToList();

    private static Inspection NewInspection(string title, int unitId, DateOnly feedback) => new()
    {
        Title = title,
        TeamName = "县委第二巡察组",
        InspectedUnitId = unitId,
        InspectionStart = feedback.AddDays(-60),
        InspectionEnd = feedback.AddDays(-20),
        FeedbackDate = feedback,
        RectificationDueDate = feedback.AddDays(90),
        Status = InspectionStatus.Rectifying,
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };
}
