using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Two people on the same finding: one wins, the other is told so clearly and loses nothing.</summary>
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
        Assert.Contains(conflictPage.Errors(), e => e.Contains("修改了这个问题", StringComparison.Ordinal));
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
        Assert.Equal("联络员填写的落实情况", page.QuerySelector("#Input_RectificationSummary")!.TextContent.Trim());
        Assert.Contains("负责人填写的落实情况", page.QuerySelector("[data-conflict]")!.TextContent);
        Assert.Equal("负责人填写的落实情况", (await app.LoadFindingAsync(findingId)).RectificationSummary);
    }
}
