using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.Core.Reports;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Two people on the same record: one wins, the other is answered 409, told who saved it and when, shown what is saved
/// now, and loses nothing. Every record edited with a version: finding, progress, inspection, mechanism, report, comment.
/// </summary>
public sealed class ConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_stale_edit_is_refused_with_both_versions_shown_and_can_then_be_saved_deliberately()
    {
        using var first = await app.LoginAsync("inspector");
        using var second = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var url = $"/Findings/Edit/{findingId}";
        var firstForm = await first.GetPageAsync(url);
        var secondForm = await second.GetPageAsync(url);

        var firstSave = await first.SubmitAsync(firstForm, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "第一人的标题" });
        var secondSave = await second.SubmitAsync(secondForm, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "第二人的标题" });

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var conflictPage = await AppClient.ParseAsync(secondSave);
        Assert.Contains(SavedBy("王立新", "这个问题"), conflictPage.Errors());
        Assert.Equal("第二人的标题", conflictPage.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Contains("第一人的标题", conflictPage.QuerySelector("[data-conflict]")!.TextContent);
        Assert.Equal("第一人的标题", (await app.LoadFindingAsync(findingId)).Title);

        // Saving the conflict page again is a deliberate overwrite with the latest version.
        var again = await second.SubmitAsync(conflictPage, "form[action^='/Findings/Edit']");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("第二人的标题", (await app.LoadFindingAsync(findingId)).Title);
    }

    [Fact]
    public async Task Two_reviewers_acting_at_once_one_wins_and_the_others_reason_is_kept()
    {
        using var approver = await app.LoginAsync("inspector");
        using var returner = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var url = $"/Findings/Details/{findingId}";
        await app.WithDatabaseAsync(async db =>
        {
            // Both reviewers have checked the evidence already; they now decide at the same moment.
            await db.EvidenceItems.Where(e => e.FindingId == findingId)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.Review, Rectification.Core.Evidence.EvidenceReview.Accepted));
        });
        var approverPage = await approver.GetPageAsync(url);
        var returnerPage = await returner.GetPageAsync(url);

        var approved = await approver.SubmitAsync(approverPage, "form[data-action='Approve']");
        var returned = await returner.SubmitAsync(returnerPage, "form[data-action='Return']", new() { ["Comment"] = "材料不全,请补充会议纪要" });

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, returned.StatusCode);
        var page = await AppClient.ParseAsync(returned);
        Assert.Contains(page.Errors(), e => e.Contains("修改了这个问题", StringComparison.Ordinal));
        Assert.Equal(FindingStatus.Closed, (await app.LoadFindingAsync(findingId)).Status);
        // Return is no longer possible on a closed finding, but what the reviewer typed is still on the page.
        Assert.Null(page.QuerySelector("form[data-action='Return']"));
        Assert.Equal("材料不全,请补充会议纪要", page.QuerySelector("#comment-unsent")!.TextContent);
    }

    [Fact]
    public async Task Progress_saved_by_two_people_keeps_the_first_and_shows_it_to_the_second()
    {
        using var head = await app.LoginAsync("head.b");
        using var staff = await app.LoginAsync("staff.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var url = $"/Findings/Progress/{findingId}";
        var headForm = await head.GetPageAsync(url);
        var staffForm = await staff.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect,
            (await head.SubmitAsync(headForm, "form[action^='/Findings/Progress']", new() { ["Input.RectificationSummary"] = "负责人填写的落实情况" })).StatusCode);
        var second = await staff.SubmitAsync(staffForm, "form[action^='/Findings/Progress']", new() { ["Input.RectificationSummary"] = "联络员填写的落实情况" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await AppClient.ParseAsync(second);
        Assert.Contains(SavedBy("何振华", "这个问题"), page.Errors());
        Assert.Equal("联络员填写的落实情况", page.QuerySelector("#Input_RectificationSummary")!.TextContent.Trim());
        Assert.Contains("负责人填写的落实情况", page.QuerySelector("[data-conflict]")!.TextContent);
        Assert.Equal("负责人填写的落实情况", (await app.LoadFindingAsync(findingId)).RectificationSummary);
    }

    [Fact]
    public async Task A_stale_inspection_edit_is_refused_with_409_naming_who_saved_it_and_when()
    {
        var inspectionId = await app.InspectionIdAsync();
        using var first = await app.LoginAsync("inspector");
        using var second = await app.LoginAsync("inspector");
        const string Form = "form[action^='/Inspections/Edit']";
        var formOfFirst = await first.GetPageAsync($"/Inspections/Edit/{inspectionId}");
        var formOfSecond = await second.GetPageAsync($"/Inspections/Edit/{inspectionId}");

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(formOfFirst, Form, new() { ["Input.TeamName"] = "县委第一巡察组(先保存)" })).StatusCode);
        var refused = await second.SubmitAsync(formOfSecond, Form, new() { ["Input.TeamName"] = "县委第一巡察组(后保存)" });

        await AssertRefusedAsync(refused, SavedBy("王立新", "这次巡察"), "县委第一巡察组(先保存)");
        Assert.Equal("县委第一巡察组(先保存)", await app.WithDatabaseAsync(db => db.Inspections.Where(i => i.Id == inspectionId).Select(i => i.TeamName).SingleAsync()));

        // The refused page carries the version saved now: saving it again is a deliberate overwrite.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync(await AppClient.ParseAsync(refused), Form)).StatusCode);
        Assert.Equal("县委第一巡察组(后保存)", await app.WithDatabaseAsync(db => db.Inspections.Where(i => i.Id == inspectionId).Select(i => i.TeamName).SingleAsync()));
    }

    [Fact]
    public async Task A_stale_mechanism_edit_is_refused_with_409_naming_who_saved_it_and_when()
    {
        var absence = await app.MechanismIdAsync(ReportData.AbsenceRules);
        using var head = await app.LoginAsync("head.a");
        using var inspector = await app.LoginAsync("inspector");
        const string Form = "form[action^='/Mechanisms/Edit']";
        var formOfHead = await head.GetPageAsync($"/Mechanisms/Edit/{absence}");
        var formOfInspector = await inspector.GetPageAsync($"/Mechanisms/Edit/{absence}");

        Assert.Equal(HttpStatusCode.Redirect, (await head.SubmitAsync(formOfHead, Form, new() { ["Input.DocumentNumber"] = "嘉街教〔2023〕1号" })).StatusCode);
        var refused = await inspector.SubmitAsync(formOfInspector, Form, new() { ["Input.DocumentNumber"] = "嘉街教〔2023〕2号" });

        await AssertRefusedAsync(refused, SavedBy("马德胜", "这项长效机制"), "嘉街教〔2023〕1号");
        Assert.Equal("嘉街教〔2023〕1号", await app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.Id == absence).Select(m => m.DocumentNumber).SingleAsync()));
    }

    [Fact]
    public async Task A_stale_report_edit_is_refused_with_409_naming_who_saved_it_and_when()
    {
        var reportId = await app.ReportIdAsync();
        using var admin = await app.LoginAsync("admin");
        using var inspector = await app.LoginAsync("inspector");
        const string Form = "form[action^='/Reports/Edit']";
        var formOfAdmin = await admin.GetPageAsync($"/Reports/Edit/{reportId}");
        var formOfInspector = await inspector.GetPageAsync($"/Reports/Edit/{reportId}");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(formOfAdmin, Form, new() { ["Input.Title"] = "管理员保存的标题" })).StatusCode);
        var refused = await inspector.SubmitAsync(formOfInspector, Form, new() { ["Input.Title"] = "巡察办保存的标题" });

        await AssertRefusedAsync(refused, SavedBy("系统管理员", "这份通报"), "管理员保存的标题");
        Assert.Equal("管理员保存的标题", await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.Title).SingleAsync()));
    }

    [Fact]
    public async Task A_comment_handled_by_someone_else_first_is_refused_with_409_and_keeps_the_first_answer()
    {
        var reportId = await app.ReportIdAsync();
        var commentId = await app.WithDatabaseAsync(async db =>
        {
            var comment = new ReportComment { ReportId = reportId, Content = "学校食堂的陪餐记录能否公开?", SubmittedAt = app.Clock.GetUtcNow().UtcDateTime };
            db.ReportComments.Add(comment);
            await db.SaveChangesAsync();
            return comment.Id;
        });
        using var admin = await app.LoginAsync("admin");
        using var inspector = await app.LoginAsync("inspector");
        var url = $"/Comments?reportId={reportId}";
        var form = $"form[action^='/Comments/Handle/{commentId}']";
        var pageOfAdmin = await admin.GetPageAsync(url);
        var pageOfInspector = await inspector.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(pageOfAdmin, form, new() { ["response"] = "已在官网公开。" })).StatusCode);
        var refused = await inspector.SubmitAsync(pageOfInspector, form, new() { ["response"] = "将于下月公开。" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await AppClient.ParseAsync(refused);
        Assert.Contains(SavedBy("系统管理员", "这条意见建议"), page.Errors());
        Assert.Equal("将于下月公开。", page.QuerySelector("#response-unsent")!.TextContent);
        Assert.Contains("已在官网公开。", page.QuerySelector($"[data-comment-id='{commentId}'] [data-comment-response]")!.TextContent);
        Assert.Equal("已在官网公开。", await app.WithDatabaseAsync(db => db.ReportComments.Where(c => c.Id == commentId).Select(c => c.Response).SingleAsync()));
    }

    /// <summary>The refusal's message, naming the one who saved first and when (the test clock does not move).</summary>
    private string SavedBy(string name, string subject) =>
        $"您打开页面后,{name}已于{app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}修改了{subject}。您的内容还没有保存:请核对最新内容,确认后再次提交。";

    private static async Task AssertRefusedAsync(HttpResponseMessage refused, string message, string savedText)
    {
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await AppClient.ParseAsync(refused);
        Assert.Contains(message, page.Errors());
        Assert.Contains(savedText, page.QuerySelector("[data-conflict]")!.TextContent, StringComparison.Ordinal);
    }
}
