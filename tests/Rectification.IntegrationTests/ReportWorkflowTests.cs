using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The draft's life: edits with conflict detection, regeneration that shows what changed before it replaces
/// anything, publishing and unpublishing, and who may do which.
/// </summary>
public sealed class ReportWorkflowTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Regenerating_shows_changed_added_and_removed_paragraphs_and_saves_only_when_accepted()
    {
        await using var fresh = new AppFactory();
        var reportId = await fresh.ReportIdAsync();
        var inspectionId = await fresh.InspectionIdAsync();
        var before = await fresh.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.FeedbackSection).SingleAsync());
        var procurement = await fresh.WithDatabaseAsync(db => db.Findings.SingleAsync(f => f.Title == "政府采购管理不规范,采购审批程序执行不严格"));
        var canteen = await fresh.WithDatabaseAsync(db => db.Findings.SingleAsync(f => f.Title == "部分学校食堂财务管理不规范,陪餐制度落实不到位"));

        // The ledger moves on: a 落实情况 is rewritten, and the last category gets a second finding.
        await fresh.WithDatabaseAsync(async db =>
        {
            await db.Findings.Where(f => f.Id == canteen.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.RectificationSummary, "全部学校食堂纳入财务统一管理。"));
            db.Findings.Add(new Finding
            {
                InspectionId = inspectionId,
                CategoryId = procurement.CategoryId,
                Ordinal = 2,
                Title = "审计发现的问题整改不到位",
                OwningUnitId = procurement.OwningUnitId,
                Status = FindingStatus.InProgress,
                RectificationSummary = "对审计发现的问题逐项整改销号。",
            });
            await db.SaveChangesAsync();
        });
        using var inspector = await fresh.LoginAsync("inspector");

        var preview = await inspector.GetPageAsync($"/Reports/Regenerate/{reportId}");

        var changes = preview.QuerySelectorAll("li[data-change]").Where(li => li.GetAttribute("data-change") != "Unchanged")
            .Select(li => (li.GetAttribute("data-change"), li.QuerySelector("del")?.TextContent, li.QuerySelector("ins")?.TextContent)).ToList();
        Assert.Equal(
        [
            ("Changed", canteen.RectificationSummary.Insert(0, "四是"), "四是全部学校食堂纳入财务统一管理。"),
            ("Changed", procurement.RectificationSummary, "一是" + procurement.RectificationSummary),
            ("Added", null, "二是对审计发现的问题逐项整改销号。"),
        ], changes);
        // Nothing is saved by looking.
        Assert.Equal(before, await fresh.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.FeedbackSection).SingleAsync()));

        // The ledger changes again before the user accepts: what they saw is no longer what would be saved.
        await fresh.WithDatabaseAsync(db => db.Findings.Where(f => f.Id == canteen.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.RectificationSummary, "再次修改。")));
        var stale = await inspector.SubmitAsync(preview, $"form[action='/Reports/Regenerate/{reportId}']");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("问题台账又有变化", (await AppClient.ParseAsync(stale)).QuerySelector("[data-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await fresh.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.FeedbackSection).SingleAsync()));

        var current = await inspector.GetPageAsync($"/Reports/Regenerate/{reportId}");
        var accepted = await inspector.SubmitAsync(current, $"form[action='/Reports/Regenerate/{reportId}']");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var after = await fresh.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.FeedbackSection).SingleAsync());
        Assert.Contains("四是再次修改。", after.Split('\n'));
        Assert.EndsWith("\n二是对审计发现的问题逐项整改销号。", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_draft_someone_else_saved_first_is_refused_and_keeps_both_texts()
    {
        var reportId = await app.ReportIdAsync();
        using var first = await app.LoginAsync("inspector");
        using var second = await app.LoginAsync("admin");
        var formOfFirst = await first.GetPageAsync($"/Reports/Edit/{reportId}");
        var formOfSecond = await second.GetPageAsync($"/Reports/Edit/{reportId}");

        var saved = await first.SubmitAsync(formOfFirst, "form[action^='/Reports/Edit']", new() { ["Input.ContactPhone"] = "0537-6851234" });
        var refused = await second.SubmitAsync(formOfSecond, "form[action^='/Reports/Edit']", new() { ["Input.ContactPhone"] = "0537-0000000" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await AppClient.ParseAsync(refused);
        Assert.Contains(page.Errors(), e => e.Contains("修改了这份通报", StringComparison.Ordinal));
        Assert.Equal("0537-0000000", page.QuerySelector("input[name='Input.ContactPhone']")!.GetAttribute("value"));
        Assert.Equal("0537-6851234", await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.ContactPhone).SingleAsync()));

        // Saving again after seeing the conflict is a deliberate overwrite.
        var overwritten = await second.SubmitAsync(page, "form[action^='/Reports/Edit']");
        Assert.Equal(HttpStatusCode.Redirect, overwritten.StatusCode);
        Assert.Equal("0537-0000000", await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.ContactPhone).SingleAsync()));
    }

    [Fact]
    public async Task Published_the_report_is_public_keeps_its_published_text_while_edited_and_unpublished_it_is_gone()
    {
        await using var fresh = new AppFactory();
        var reportId = await fresh.ReportIdAsync();
        var slug = await fresh.ReportSlugAsync(reportId);
        using var inspector = await fresh.LoginAsync("inspector");
        using var visitor = fresh.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/Public/Reports/{slug}")).StatusCode);

        await inspector.PublishAsync(reportId);

        var list = await visitor.GetPageAsync("/Public/Reports");
        Assert.NotNull(list.QuerySelector($"a[href='/Public/Reports/{slug}']"));
        var published = await visitor.GetPageAsync($"/Public/Reports/{slug}");
        Assert.Equal("中共嘉祥县教育和体育局党组关于巡察整改情况的通报", published.QuerySelector("[data-report-title]")!.TextContent);
        var details = await inspector.GetPageAsync($"/Reports/Details/{reportId}");
        Assert.Equal("published", details.QuerySelector("[data-report-status]")!.GetAttribute("data-report-status"));
        Assert.EndsWith($"/Public/Reports/{slug}", details.QuerySelector("a[data-public-url]")!.GetAttribute("href"), StringComparison.Ordinal);

        // An edit stays in the draft until published again.
        var form = await inspector.GetPageAsync($"/Reports/Edit/{reportId}");
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(form, "form[action^='/Reports/Edit']", new() { ["Input.Title"] = "修改后的标题" })).StatusCode);
        Assert.Equal("中共嘉祥县教育和体育局党组关于巡察整改情况的通报", (await visitor.GetPageAsync($"/Public/Reports/{slug}")).QuerySelector("[data-report-title]")!.TextContent);
        Assert.NotNull((await inspector.GetPageAsync($"/Reports/Details/{reportId}")).QuerySelector("[data-unpublished-changes]"));
        await inspector.PublishAsync(reportId);
        Assert.Equal("修改后的标题", (await visitor.GetPageAsync($"/Public/Reports/{slug}")).QuerySelector("[data-report-title]")!.TextContent);

        details = await inspector.GetPageAsync($"/Reports/Details/{reportId}");
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(details, $"form[action='/Reports/Unpublish/{reportId}']")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/Public/Reports/{slug}")).StatusCode);
        Assert.Null((await visitor.GetPageAsync("/Public/Reports")).QuerySelector($"a[href='/Public/Reports/{slug}']"));
        var report = await fresh.WithDatabaseAsync(db => db.PublicReports.AsNoTracking().SingleAsync(r => r.Id == reportId));
        Assert.False(report.IsPublished);
        Assert.Null(report.PublishedContent);
        Assert.Equal(slug, report.Slug);
    }

    [Fact]
    public async Task A_report_with_a_finding_still_without_its_summary_cannot_be_published()
    {
        await using var fresh = new AppFactory();
        var reportId = await fresh.ReportIdAsync();
        await fresh.WithDatabaseAsync(db => db.Findings.Where(f => f.Title == "政府采购管理不规范,采购审批程序执行不严格")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RectificationSummary, string.Empty)));
        using var inspector = await fresh.LoginAsync("inspector");
        var preview = await inspector.GetPageAsync($"/Reports/Regenerate/{reportId}");
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(preview, $"form[action='/Reports/Regenerate/{reportId}']")).StatusCode);

        var details = await inspector.GetPageAsync($"/Reports/Details/{reportId}");
        Assert.NotNull(details.QuerySelector("[data-missing-summaries]"));
        Assert.Contains(details.QuerySelectorAll("[data-block='Paragraph']"), p => p.TextContent.Contains("【待补充", StringComparison.Ordinal) && p.TextContent.Contains("政府采购管理不规范", StringComparison.Ordinal));
        var response = await inspector.SubmitAsync(details, $"form[action='/Reports/Publish/{reportId}']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("补充后才能发布", (await inspector.GetPageAsync(response.Headers.Location!.OriginalString)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.False(await fresh.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.IsPublished).SingleAsync()));
    }

    [Fact]
    public async Task Publishing_a_version_someone_changed_since_is_refused()
    {
        var reportId = await app.ReportIdAsync();
        using var inspector = await app.LoginAsync("inspector");
        var details = await inspector.GetPageAsync($"/Reports/Details/{reportId}");
        await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1).SetProperty(r => r.Title, "他人刚改的标题")));

        var response = await inspector.SubmitAsync(details, $"form[action='/Reports/Publish/{reportId}']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("这份通报", (await inspector.GetPageAsync(response.Headers.Location!.OriginalString)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.IsPublished).SingleAsync()));
    }

    [Fact]
    public async Task Leaders_read_and_export_the_draft_but_only_the_inspection_office_and_admin_change_or_publish_it()
    {
        var reportId = await app.ReportIdAsync();
        var inspectionId = await app.InspectionIdAsync();
        var version = await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.Version).SingleAsync());
        var fields = new Dictionary<string, string> { ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        using var leader = await app.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/Reports/Details/{reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/Reports/Docx/{reportId}")).StatusCode);
        Assert.Null((await leader.GetPageAsync($"/Reports/Details/{reportId}")).QuerySelector($"form[action='/Reports/Publish/{reportId}']"));
        foreach (var url in new[] { $"/Reports/Edit/{reportId}", $"/Reports/Regenerate/{reportId}" })
        {
            Assert.True((await leader.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, url);
        }

        foreach (var action in new[] { "Publish", "Unpublish", "Regenerate", "Edit" })
        {
            Assert.True((await leader.PostAsync($"/Reports/{action}/{reportId}", fields)).StatusCode == HttpStatusCode.Forbidden, action);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/Reports/Create?inspectionId={inspectionId}", new())).StatusCode);

        foreach (var userName in new[] { "head.a", "staff.a" })
        {
            using var unit = await app.LoginAsync(userName);
            foreach (var url in new[] { $"/Reports/Details/{reportId}", $"/Reports/Docx/{reportId}", $"/Reports/Edit/{reportId}" })
            {
                Assert.True((await unit.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"{userName} {url}");
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsync($"/Reports/Publish/{reportId}", fields)).StatusCode);
            Assert.Null((await unit.GetPageAsync($"/Inspections/Details/{inspectionId}")).QuerySelector("#report"));
        }

        Assert.False(await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.IsPublished).SingleAsync()));

        // The administrator may publish.
        using var admin = await app.LoginAsync("admin");
        await admin.PublishAsync(reportId);
        Assert.True(await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.IsPublished).SingleAsync()));
        var published = await admin.GetPageAsync($"/Reports/Details/{reportId}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(published, $"form[action='/Reports/Unpublish/{reportId}']")).StatusCode);
    }

    [Fact]
    public async Task An_inspection_office_outside_the_inspections_scope_finds_no_report_and_one_below_may_not_change_it()
    {
        await app.CreateUserAsync("inspector.xcb", "JX-XCB", Roles.InspectionOffice);
        await app.CreateUserAsync("inspector.wls", DemoData.UnitB, Roles.InspectionOffice);
        var reportId = await app.ReportIdAsync();
        var inspectionId = await app.InspectionIdAsync();
        var fields = new Dictionary<string, string> { ["version"] = "0" };

        // Nothing of the bureau's inspection is in this office's subtree: the report does not exist for it.
        using var outside = await app.LoginAsync("inspector.xcb");
        foreach (var url in new[] { $"/Reports/Details/{reportId}", $"/Reports/Docx/{reportId}", $"/Reports/Edit/{reportId}", $"/Reports/Regenerate/{reportId}" })
        {
            Assert.True((await outside.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        foreach (var action in new[] { "Publish", "Unpublish", "Regenerate", "Edit" })
        {
            Assert.True((await outside.PostAsync($"/Reports/{action}/{reportId}", fields)).StatusCode == HttpStatusCode.NotFound, action);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await outside.PostAsync($"/Reports/Create?inspectionId={inspectionId}", new())).StatusCode);

        // Unit B's office sees the inspection (unit B owns findings in it) but the bureau's report is not its to change.
        using var below = await app.LoginAsync("inspector.wls");
        Assert.Equal(HttpStatusCode.OK, (await below.GetAsync($"/Reports/Details/{reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await below.GetAsync($"/Reports/Edit/{reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await below.PostAsync($"/Reports/Publish/{reportId}", fields)).StatusCode);
        Assert.False(await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.IsPublished).SingleAsync()));
    }
}
