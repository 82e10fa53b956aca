using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Bad input gets a clear message in the user's language, on the form, and saves nothing.</summary>
public sealed class FormTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Missing_fields_are_named_in_chinese_and_nothing_is_saved()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();
        var before = await CountFindingsAsync();
        var form = await inspector.GetPageAsync($"/Findings/Create?inspectionId={inspectionId}");

        var response = await inspector.SubmitAsync(form, "form[action^='/Findings/Create']", new() { ["Input.Title"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await AppClient.ParseAsync(response)).Errors();
        Assert.Contains("请填写问题标题", errors);
        Assert.Contains("请选择问题类别", errors);
        Assert.Contains("请选择责任单位", errors);
        Assert.Equal(before, await CountFindingsAsync());
    }

    [Fact]
    public async Task A_deadline_before_the_feedback_date_is_refused_next_to_the_field_keeping_the_input()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();
        var form = await inspector.GetPageAsync($"/Findings/Create?inspectionId={inspectionId}");
        var category = form.QuerySelectorAll("#Input_CategoryId option").Skip(1).First().GetAttribute("value");
        var unit = (await app.UnitIdAsync(DemoData.UnitA)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await inspector.SubmitAsync(form, "form[action^='/Findings/Create']", new()
        {
            ["Input.CategoryId"] = category,
            ["Input.Title"] = "时限早于反馈日期的问题",
            ["Input.OwningUnitId"] = unit,
            ["Input.Deadline"] = "2022-11-30",
        });

        var page = await AppClient.ParseAsync(response);
        Assert.Equal("整改时限不能早于巡察反馈日期(2022年12月6日)。", page.QuerySelector("[data-valmsg-for='Input.Deadline']")!.TextContent.Trim());
        Assert.Equal("时限早于反馈日期的问题", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.False(await app.WithDatabaseAsync(db => db.Findings.AnyAsync(f => f.Title == "时限早于反馈日期的问题")));
    }

    [Fact]
    public async Task Inspection_dates_out_of_order_are_refused()
    {
        using var inspector = await app.LoginAsync("inspector");
        var form = await inspector.GetPageAsync("/Inspections/Create");
        var response = await inspector.SubmitAsync(form, "form[action='/Inspections/Create']", new()
        {
            ["Input.Title"] = "日期颠倒的巡察",
            ["Input.TeamName"] = "县委第三巡察组",
            ["Input.InspectedUnitId"] = (await app.UnitIdAsync(DemoData.UnitB)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.InspectionStart"] = "2026-05-01",
            ["Input.InspectionEnd"] = "2026-04-01",
            ["Input.FeedbackDate"] = "2026-06-01",
        });

        Assert.Contains("巡察结束日期不能早于开始日期。", (await AppClient.ParseAsync(response)).Errors());
        Assert.False(await app.WithDatabaseAsync(db => db.Inspections.AnyAsync(i => i.Title == "日期颠倒的巡察")));
    }

    [Fact]
    public async Task Categories_can_be_renamed_added_and_removed_but_not_when_in_use()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();
        var url = $"/Inspections/Edit/{inspectionId}";

        // The first category holds findings: removing it is refused and nothing changes.
        var form = await inspector.GetPageAsync(url);
        var refused = await inspector.SubmitAsync(form, "form[action^='/Inspections/Edit']", new() { ["Input.Categories[0].Remove"] = "true" });
        Assert.Contains(
            "类别“贯彻党的路线方针政策和党中央决策部署方面”下还有问题,不能删除。",
            (await AppClient.ParseAsync(refused)).Errors());

        // A new category is added at the end; an existing one is renamed.
        form = await inspector.GetPageAsync(url);
        var saved = await inspector.SubmitAsync(form, "form[action^='/Inspections/Edit']", new()
        {
            ["Input.Categories[3].Name"] = "巡视巡察、审计等监督发现问题",
            ["Input.Categories[4].Id"] = "0",
            ["Input.Categories[4].Name"] = "选人用人方面",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var names = await app.WithDatabaseAsync(db => db.FindingCategories.Where(c => c.InspectionId == inspectionId)
            .OrderBy(c => c.Ordinal).Select(c => c.Name).ToListAsync());
        Assert.Equal(5, names.Count);
        Assert.Equal("巡视巡察、审计等监督发现问题", names[3]);
        Assert.Equal("选人用人方面", names[4]);

        // The unused new category can be removed again.
        form = await inspector.GetPageAsync(url);
        var removed = await inspector.SubmitAsync(form, "form[action^='/Inspections/Edit']", new() { ["Input.Categories[4].Remove"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(4, await app.WithDatabaseAsync(db => db.FindingCategories.CountAsync(c => c.InspectionId == inspectionId)));
    }

    [Fact]
    public async Task English_is_available_and_validation_follows_the_language()
    {
        using var inspector = await app.LoginAsync("inspector");
        var home = await inspector.GetPageAsync("/");
        var switched = await inspector.SubmitAsync(home, "form[action='/Language/Set']", new() { ["culture"] = "en" });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var english = await inspector.GetPageAsync("/");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Findings ledger", english.Text());
        Assert.Contains("1 Dec 2026", english.Text());

        var form = await inspector.GetPageAsync($"/Findings/Create?inspectionId={await app.InspectionIdAsync()}");
        var response = await inspector.SubmitAsync(form, "form[action^='/Findings/Create']", new() { ["Input.Title"] = "" });
        Assert.Contains("Title is required.", (await AppClient.ParseAsync(response)).Errors());

        var chinese = await inspector.SubmitAsync(english, "form[action='/Language/Set']", new() { ["culture"] = "zh-CN" });
        Assert.Equal(HttpStatusCode.Redirect, chinese.StatusCode);
        var back = await inspector.GetPageAsync("/");
        Assert.Contains("今天是2026年12月1日", back.Text());
    }

    private Task<int> CountFindingsAsync() => app.WithDatabaseAsync(db => db.Findings.CountAsync());
}
