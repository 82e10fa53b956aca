using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Reports;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// 意见建议 on a published report: sent without login, protected by antiforgery, a honeypot and a per-client rate
/// limit, always shown encoded, and triaged by the inspection office in scope.
/// </summary>
public sealed class PublicCommentTests : IClassFixture<ClientAddressFactory>, IAsyncLifetime
{
    private const string CommentForm = "form[data-comment-form]";

    private readonly ClientAddressFactory _app;
    private int _reportId;
    private string _slug = string.Empty;

    public PublicCommentTests(ClientAddressFactory app) => _app = app;

    public async Task InitializeAsync()
    {
        _reportId = await _app.ReportIdAsync();
        _slug = await _app.ReportSlugAsync(_reportId);
        if (!await _app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == _reportId).Select(r => r.IsPublished).SingleAsync()))
        {
            using var inspector = await _app.LoginAsync("inspector");
            await inspector.PublishAsync(_reportId);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Anyone_reads_the_published_report_and_sends_a_comment_without_signing_in()
    {
        using var visitor = _app.Visitor();
        var list = await visitor.GetPageAsync("/Public/Reports");
        var page = await visitor.GetPageAsync(list.QuerySelector($"a[href='/Public/Reports/{_slug}']")!.GetAttribute("href")!);
        Assert.Equal("中共嘉祥县教育和体育局党组关于巡察整改情况的通报", page.QuerySelector("[data-report-title]")!.TextContent);

        var response = await visitor.SubmitAsync(page, CommentForm, new()
        {
            ["Comment.Name"] = "张先生",
            ["Comment.Phone"] = "138 0537 0000",
            ["Comment.Content"] = "建议公开各学校食堂陪餐记录。",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var comment = await _app.WithDatabaseAsync(db => db.ReportComments.AsNoTracking().SingleAsync(c => c.Content == "建议公开各学校食堂陪餐记录。"));
        Assert.Equal((_reportId, "张先生", "138 0537 0000", ReportCommentStatus.New), (comment.ReportId, comment.Name, comment.Phone, comment.Status));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, comment.SubmittedAt);
        var thanks = await visitor.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("感谢您的意见建议", thanks.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_without_its_antiforgery_token_is_refused()
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");

        var response = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = "没有令牌的意见", ["__RequestVerificationToken"] = null });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await _app.WithDatabaseAsync(db => db.ReportComments.AnyAsync(c => c.Content == "没有令牌的意见")));
    }

    [Fact]
    public async Task A_filled_in_honeypot_is_thanked_like_anyone_and_nothing_is_kept()
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");
        Assert.NotNull(page.QuerySelector(".hp-field input[name='Comment.Website']"));
        Assert.Null(page.QuerySelector("[style]"));

        var response = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = "机器人的广告", ["Comment.Website"] = "http://spam.example" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Public/Reports/{_slug}#comment", response.Headers.Location!.OriginalString);
        Assert.False(await _app.WithDatabaseAsync(db => db.ReportComments.AnyAsync(c => c.Content == "机器人的广告")));
        Assert.Contains("感谢您的意见建议", (await visitor.GetPageAsync(response.Headers.Location.OriginalString)).QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sixth_comment_from_one_client_within_ten_minutes_gets_a_chinese_429_page()
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");
        for (var i = 1; i <= 5; i++)
        {
            var accepted = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = $"频繁提交的意见{i}" });
            Assert.True(accepted.StatusCode == HttpStatusCode.Redirect, $"comment {i}: {(int)accepted.StatusCode}");
        }

        var refused = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = "频繁提交的意见6" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("操作过于频繁", (await AppClient.ParseAsync(refused)).Text(), StringComparison.Ordinal);
        Assert.Equal(5, await _app.WithDatabaseAsync(db => db.ReportComments.CountAsync(c => c.Content.StartsWith("频繁提交的意见"))));

        // Another client is not held back by this one.
        using var other = _app.Visitor();
        var otherPage = await other.GetPageAsync($"/Public/Reports/{_slug}");
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitAsync(otherPage, CommentForm, new() { ["Comment.Content"] = "另一位群众的意见" })).StatusCode);
    }

    [Theory]
    [InlineData("", "请填写意见建议")]
    [InlineData("   ", "请填写意见建议")]
    public async Task A_comment_without_content_is_refused_with_the_reason(string content, string error)
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");
        var before = await _app.WithDatabaseAsync(db => db.ReportComments.CountAsync());

        var response = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = content, ["Comment.Name"] = "李女士" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var again = await AppClient.ParseAsync(response);
        Assert.Contains(error, again.Errors());
        Assert.Equal("李女士", again.QuerySelector("input[name='Comment.Name']")!.GetAttribute("value"));
        Assert.Equal(before, await _app.WithDatabaseAsync(db => db.ReportComments.CountAsync()));
    }

    [Fact]
    public async Task A_comment_longer_than_a_thousand_characters_is_refused()
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");

        var response = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = new string('长', 1001) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("意见建议不能超过1000个字", (await AppClient.ParseAsync(response)).Errors());
        Assert.False(await _app.WithDatabaseAsync(db => db.ReportComments.AnyAsync(c => c.Content.StartsWith("长长长"))));
    }

    [Fact]
    public async Task Markup_in_a_comment_comes_back_encoded_wherever_it_is_shown()
    {
        const string Payload = "<script>alert('xss')</script><img src=x onerror=alert(1)>食堂";
        const string Name = "<b onmouseover=alert(2)>王</b>";
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = Payload, ["Comment.Name"] = Name })).StatusCode);

        using var inspector = await _app.LoginAsync("inspector");
        foreach (var url in new[] { "/Comments", $"/Comments?reportId={_reportId}" })
        {
            var response = await inspector.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert('xss')", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
            var parsed = AppClient.Parse(html);
            Assert.Contains(parsed.QuerySelectorAll("[data-comment-content]"), e => e.TextContent == Payload);
            Assert.Empty(parsed.QuerySelectorAll("[data-comment-content] script, [data-comment-content] img"));
        }

        // Typed back into the form after a refusal, it stays text too.
        var refused = await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = string.Empty, ["Comment.Name"] = Name });
        Assert.DoesNotContain("<b onmouseover", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpublished_or_unknown_report_is_not_found_for_the_public_nor_its_comment_form()
    {
        await using var fresh = new ClientAddressFactory();
        var reportId = await fresh.ReportIdAsync();
        var slug = await fresh.ReportSlugAsync(reportId);
        using var visitor = fresh.Visitor();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/Public/Reports/{slug}")).StatusCode);
        Assert.Null((await visitor.GetPageAsync("/Public/Reports")).QuerySelector($"a[href='/Public/Reports/{slug}']"));
        var post = await visitor.PostAsync($"/Public/Reports/{slug}/Comments", new() { ["Comment.Content"] = "未发布的通报" }, tokenPage: "/Public/Reports");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/Public/Reports/nosuchreport")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsync("/Public/Reports/nosuchreport/Comments", new() { ["Comment.Content"] = "不存在的通报" }, tokenPage: "/Public/Reports")).StatusCode);

        // Published, then withdrawn: the page and its form go with it.
        using var inspector = await fresh.LoginAsync("inspector");
        await inspector.PublishAsync(reportId);
        var page = await visitor.GetPageAsync($"/Public/Reports/{slug}");
        var details = await inspector.GetPageAsync($"/Reports/Details/{reportId}");
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(details, $"form[action='/Reports/Unpublish/{reportId}']")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = "撤回后提交" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/Public/Reports/{slug}")).StatusCode);
        Assert.False(await fresh.WithDatabaseAsync(db => db.ReportComments.AnyAsync()));
    }

    [Fact]
    public async Task The_inspection_office_triages_comments_new_first_and_records_who_handled_them_and_how()
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");
        await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = "请核实卧龙山街道有偿补课问题。" });
        var commentId = await _app.WithDatabaseAsync(db => db.ReportComments.Where(c => c.Content == "请核实卧龙山街道有偿补课问题。").Select(c => c.Id).SingleAsync());
        using var inspector = await _app.LoginAsync("inspector");

        var triage = await inspector.GetPageAsync($"/Comments?reportId={_reportId}&status=New");
        var item = triage.QuerySelector($"[data-comment-id='{commentId}']")!;
        Assert.Equal("New", item.GetAttribute("data-status"));

        var empty = await inspector.SubmitAsync(triage, $"form[action='/Comments/Handle/{commentId}']", new() { ["response"] = " " });
        Assert.Contains("请填写处理情况", (await inspector.GetPageAsync(empty.Headers.Location!.OriginalString)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ReportCommentStatus.New, await _app.WithDatabaseAsync(db => db.ReportComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));

        var handled = await inspector.SubmitAsync(triage, $"form[action='/Comments/Handle/{commentId}']", new() { ["response"] = "已转局机关纪委核查。" });

        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        Assert.Equal($"/Comments?reportId={_reportId}", handled.Headers.Location!.OriginalString);
        var comment = await _app.WithDatabaseAsync(db => db.ReportComments.AsNoTracking().SingleAsync(c => c.Id == commentId));
        Assert.Equal((ReportCommentStatus.Handled, "已转局机关纪委核查。", "王立新"), (comment.Status, comment.Response, comment.HandledByName));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, comment.HandledAt);
        var all = await inspector.GetPageAsync("/Comments?status=Handled");
        Assert.Contains("已转局机关纪委核查。", all.QuerySelector($"[data-comment-id='{commentId}'] [data-comment-response]")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await inspector.GetPageAsync("/Comments?status=New")).QuerySelector($"[data-comment-id='{commentId}']"));

        // A second handler working from the old page is told who handled it (409), and the first note stays.
        var late = await inspector.SubmitAsync(triage, $"form[action='/Comments/Handle/{commentId}']", new() { ["response"] = "重复处理。" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(late)).Errors(), e => e.Contains("王立新已于", StringComparison.Ordinal) && e.Contains("修改了这条意见建议", StringComparison.Ordinal));
        Assert.Equal("已转局机关纪委核查。", await _app.WithDatabaseAsync(db => db.ReportComments.Where(c => c.Id == commentId).Select(c => c.Response).SingleAsync()));
    }

    [Fact]
    public async Task Units_and_leaders_cannot_see_the_triage_and_an_office_outside_the_scope_finds_nothing()
    {
        using var visitor = _app.Visitor();
        var page = await visitor.GetPageAsync($"/Public/Reports/{_slug}");
        await visitor.SubmitAsync(page, CommentForm, new() { ["Comment.Content"] = "只有巡察办能看到的意见。" });
        var comment = await _app.WithDatabaseAsync(db => db.ReportComments.AsNoTracking().SingleAsync(c => c.Content == "只有巡察办能看到的意见。"));
        var fields = new Dictionary<string, string> { ["response"] = "越权处理", ["version"] = comment.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        foreach (var userName in new[] { "staff.a", "head.a", "leader" })
        {
            using var client = await _app.LoginAsync(userName);
            Assert.True((await client.GetAsync("/Comments")).StatusCode == HttpStatusCode.Forbidden, userName);
            Assert.True((await client.GetAsync($"/Comments?reportId={_reportId}")).StatusCode == HttpStatusCode.Forbidden, userName);
            Assert.True((await client.PostAsync($"/Comments/Handle/{comment.Id}", fields)).StatusCode == HttpStatusCode.Forbidden, userName);
        }

        await _app.CreateUserAsync("inspector.xcb", "JX-XCB", Roles.InspectionOffice);
        using var outside = await _app.LoginAsync("inspector.xcb");
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync($"/Comments?reportId={_reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outside.PostAsync($"/Comments/Handle/{comment.Id}", fields)).StatusCode);
        var own = await outside.GetPageAsync("/Comments");
        Assert.Empty(own.QuerySelectorAll("[data-comment-id]"));

        Assert.Equal(ReportCommentStatus.New, await _app.WithDatabaseAsync(db => db.ReportComments.Where(c => c.Id == comment.Id).Select(c => c.Status).SingleAsync()));
    }
}
