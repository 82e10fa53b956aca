using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>
/// The demo inspection's 整改情况通报: the inspection office publishes it, anyone reads it without signing in and
/// sends a comment (意见建议), which the office then finds in its triage list.
/// </summary>
[Collection(BrowserCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class ReportJourneyTests(BrowserFixture browser, ReportJourney journey) : IClassFixture<ReportJourney>, IAsyncLifetime
{
    private const string ReportTitle = "中共嘉祥县教育和体育局党组关于巡察整改情况的通报";
    private const string CommentText = "建议公开各学校食堂陪餐记录,接受家长监督。";

    private readonly Browsing _browsing = new(browser, journey);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    [Step(9)]
    public async Task The_report_publishes_and_the_public_page_shows_it_without_login()
    {
        await ReachAsync(ReportStep.Published);

        var visitor = await _browsing.OpenAsync();
        await visitor.GotoAsync("/Account/Login");
        await visitor.FollowAsync(visitor.GetByRole(AriaRole.Link, new() { Name = "整改情况公开" }));
        await visitor.SaveScreenshotAsync("public-reports");
        await Axe.AssertAccessibleAsync(visitor, "public report list");
        await visitor.FollowAsync(visitor.Locator("[data-report-slug] a").First);
        Assert.StartsWith("/Public/Reports/", new Uri(visitor.Url).AbsolutePath, StringComparison.Ordinal);
        await Expect(visitor.Locator("[data-report-title]")).ToHaveTextAsync(ReportTitle);
        await Expect(visitor.Locator("form[data-comment-form]")).ToBeVisibleAsync();
        // Signed out: the menus of the signed-in pages are not there.
        Assert.Equal(0, await visitor.Locator("#main-nav").CountAsync());
        await visitor.SaveScreenshotAsync("public-report");
        await Axe.AssertAccessibleAsync(visitor, "public report");
    }

    [Fact]
    [Step(10)]
    public async Task A_public_comment_is_sent_and_appears_in_the_offices_triage()
    {
        await ReachAsync(ReportStep.Published);

        var visitor = await _browsing.OpenAsync();
        await visitor.GotoAsync(journey.PublicUrl);
        await visitor.Locator("#Comment_Name").FillAsync("张先生");
        await visitor.Locator("#Comment_Phone").FillAsync("138 0537 0000");
        await visitor.Locator("#Comment_Content").FillAsync(CommentText);
        await visitor.SubmitAsync(visitor.Locator("form[data-comment-form] button[type=submit]"));
        await Expect(visitor.Locator(".alert-success")).ToContainTextAsync("感谢您的意见建议");

        var office = await _browsing.LoginAsync("inspector");
        await office.FollowAsync(office.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "意见建议" }));
        var comment = office.Locator("li[data-comment-id]", new() { HasText = CommentText });
        await Expect(comment).ToHaveCountAsync(1);
        await Expect(comment).ToHaveAttributeAsync("data-status", "New");
        await Expect(comment).ToContainTextAsync("张先生");
        await office.SaveScreenshotAsync("comments-triage");
        await Axe.AssertAccessibleAsync(office, "comment triage");
    }

    private Task ReachAsync(ReportStep step) => journey.Steps.ReachAsync(step, _ => PublishAsync());

    /// <summary>The inspection office opens the demo inspection's draft report and publishes it.</summary>
    private async Task PublishAsync()
    {
        var office = await _browsing.LoginAsync("inspector");
        await office.FollowAsync(office.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "巡察", Exact = true }));
        await office.FollowAsync(office.Locator("#main a[href^='/Inspections/Details/']").First);
        await office.FollowAsync(office.Locator("a[data-report-link]"));
        await Expect(office.Locator("[data-report-status]")).ToHaveAttributeAsync("data-report-status", "draft");
        await office.SaveScreenshotAsync("report");
        await Axe.AssertAccessibleAsync(office, "report");

        // 发布 asks for confirmation; the browsing helper accepts dialogs.
        await office.SubmitAsync(office.GetByRole(AriaRole.Button, new() { Name = "发布", Exact = true }));
        Assert.Equal(string.Empty, await office.ErrorsAsync());
        await Expect(office.Locator("[data-report-status]")).ToHaveAttributeAsync("data-report-status", "published");
        journey.PublicUrl = (await office.Locator("a[data-public-url]").GetAttributeAsync("href"))!;
    }
}

public enum ReportStep
{
    Published,
}

public sealed class ReportJourney : BrowserApp
{
    public Steps<ReportStep> Steps { get; } = new();

    public string PublicUrl { get; set; } = string.Empty;
}
