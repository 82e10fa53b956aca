using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>现场查验 in the browser: the inspection office records a visit to two units and closes a finding off by it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteVisitJourneyTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(browser, app);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    public async Task The_office_records_a_visit_to_two_units_and_closes_a_finding_off_by_it()
    {
        var inspectionId = await app.InspectionIdAsync();
        var unitA = await app.UnitIdAsync(DemoData.UnitA);
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var closing = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var failing = await app.FindingAsync(DemoData.UnitA, FindingStatus.Submitted);
        // Its evidence reviewed already: what is left for close-off is how it was verified.
        await app.WithDatabaseAsync(db => db.EvidenceItems.Where(e => e.FindingId == closing).ExecuteUpdateAsync(e => e.SetProperty(x => x.Review, EvidenceReview.Accepted)));

        var page = await _browsing.LoginAsync("inspector");
        await page.GotoAsync($"/Inspections/Details/{inspectionId}");
        await page.FollowAsync(page.Locator("a[data-visits-link]"));
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "登记现场查验" }));

        await page.Locator($"input[name='Input.UnitIds'][value='{unitA}']").CheckAsync();
        await page.Locator($"input[name='Input.UnitIds'][value='{unitB}']").CheckAsync();
        await page.Locator("form[data-visit-form]").GetByRole(AriaRole.Checkbox, new() { Name = "王立新" }).CheckAsync();
        await page.Locator("#Input_OtherMembers").FillAsync("李明");
        await page.SubmitAsync(page.Locator("form[data-visit-form] button[type=submit]"));
        Assert.StartsWith("/Visits/Details/", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var visitId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        await Expect(page.Locator("[data-visit-team]")).ToHaveTextAsync("查验组:王立新、李明");
        await Expect(page.Locator("section[data-unit-id]")).ToHaveCountAsync(2);

        // 逐问题: one finding in place, one not, with what was seen.
        await page.Locator($"#outcome-{closing}-InPlace").CheckAsync();
        await page.Locator($"#note-{closing}").FillAsync("食堂台账已补齐");
        await page.Locator($"#outcome-{failing}-NotInPlace").CheckAsync();
        await page.Locator($"#note-{failing}").FillAsync("部分学校未见整改前后对比材料");
        await page.SubmitAsync(page.Locator("form[data-results-form] button[type=submit]"));
        await Expect(page.Locator($"#finding-{closing}")).ToHaveAttributeAsync("data-outcome", "InPlace");
        await Expect(page.Locator($"#finding-{failing}")).ToHaveAttributeAsync("data-outcome", "NotInPlace");
        await Expect(page.Locator($"form[data-return-for='{failing}']")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("site-visit");

        // 销号 by on-site check, choosing the visit on the finding's page.
        await page.FollowAsync(page.Locator($"#finding-{closing} a").First);
        var approve = page.Locator("form[data-action='Approve']");
        await approve.Locator($"#method-{VerificationMethod.OnSiteCheck}").CheckAsync();
        await approve.Locator("#site-visit").SelectOptionAsync(visitId);
        if (await approve.Locator("#follow-up").CountAsync() > 0)
        {
            await approve.Locator("#follow-up").FillAsync("2027-06-01");
        }

        await page.SubmitAsync(approve.Locator("button[type=submit]"));
        await Expect(page.Locator($"[data-closed-by-visit='{visitId}']")).ToHaveTextAsync($"经{FormatToday()}现场查验(查验组:王立新、李明),整改到位");
        await page.FollowAsync(page.Locator($"[data-closed-by-visit='{visitId}'] a"));
        Assert.Equal($"/Visits/Details/{visitId}", new Uri(page.Url).AbsolutePath);
        Assert.Equal(FindingStatus.Closed, (await app.LoadFindingAsync(closing)).Status);
    }

    private static string FormatToday()
    {
        var today = AppFactory.Start.Date;
        return $"{today.Year}年{today.Month}月{today.Day}日";
    }
}
