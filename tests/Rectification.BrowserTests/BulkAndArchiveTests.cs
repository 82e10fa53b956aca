using System.IO.Compression;
using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>
/// The inspection office's 批量处理 on the findings list, as a user does it: filter the drafts, tick them all with the
/// header box, 交办 them in one go; then download the inspection's 整改档案 from its page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkAndArchiveTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(browser, app);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    public async Task The_office_assigns_the_ticked_drafts_at_once_and_downloads_the_archive()
    {
        var page = await _browsing.LoginAsync("inspector");
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await page.Locator("#Status").SelectOptionAsync("Draft");
        await page.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "筛选" }));
        var drafts = int.Parse(await page.Locator("[data-total]").GetAttributeAsync("data-total") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(drafts > 0);

        // The header box ticks every row's box (site.js), which belong to the bulk form through their form attribute.
        await page.GetByLabel("全选本页").CheckAsync();
        await Expect(page.Locator("input[name='Ids']:checked")).ToHaveCountAsync(drafts);
        await page.Locator("#bulk-action").SelectOptionAsync("Assign");
        await page.Locator("#bulk-comment").FillAsync("请按期完成整改");
        await page.SaveScreenshotAsync("findings-bulk");
        await Axe.AssertAccessibleAsync(page, "findings list with bulk actions");
        await page.SubmitAsync(page.Locator("button[data-bulk-selected]"));

        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"已交办{drafts}个问题。");
        await Expect(page.Locator("[data-total]")).ToHaveAttributeAsync("data-total", "0");

        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "巡察", Exact = true }));
        await page.FollowAsync(page.Locator("#main a[href^='/Inspections/Details/']").First);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-archive]").ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        var saved = Path.Combine(Artifacts.DownloadDirectory, "archive.zip");
        await download.SaveAsAsync(saved);
        using var zip = ZipFile.OpenRead(saved);
        Assert.NotNull(zip.GetEntry("manifest.csv"));
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("问题/01-", StringComparison.Ordinal) && e.Name == "问题概况.txt");
    }
}
