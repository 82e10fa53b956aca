using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using Rectification.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>
/// The inspection office imports the feedback from a Word document in the browser: downloads the sample from the
/// import page, uploads it through the file chooser, corrects a row in the preview and confirms.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WordImportTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(browser, app);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    public async Task Inspector_uploads_the_sample_feedback_corrects_a_row_and_imports_every_finding()
    {
        var page = await _browsing.LoginAsync("inspector");
        await page.GotoAsync($"/Ledger/Import?inspectionId={await app.InspectionIdAsync()}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-sample-link]").ClickAsync());
        var sample = Path.Combine(Artifacts.DownloadDirectory, "word-import-" + download.SuggestedFilename);
        await download.SaveAsAsync(sample);
        await page.Locator("#file").SetInputFilesAsync(sample);
        await page.SubmitAsync(page.Locator("form[action^='/Ledger/Import'] button[type=submit]"));
        Assert.True(page.Url.Contains("/Ledger/Preview/", StringComparison.Ordinal), await page.ErrorsAsync());
        await Expect(page.Locator("tr[data-preview-row]")).ToHaveCountAsync(24);

        await page.FollowAsync(page.Locator("a[data-edit-row='3']"));
        await page.Locator("#Input_Title").FillAsync("党史学习教育开展不够深入(已核对)");
        await page.Locator("#Input_Category").SelectOptionAsync(new SelectOptionValue { Label = "群众身边腐败和不正之风方面" });
        await page.SubmitAsync(page.Locator("form[data-row-form] button[type=submit]"));
        await Expect(page.Locator("tr[data-preview-row='3']")).ToContainTextAsync("党史学习教育开展不够深入(已核对)");
        await Expect(page.Locator("tr[data-preview-row='3']")).ToContainTextAsync("群众身边腐败和不正之风方面");
        await page.SaveScreenshotAsync("word-import-preview");

        await page.SubmitAsync(page.Locator("form[action^='/Ledger/Confirm'] button[type=submit]"));
        await Expect(page.Locator("[data-imported-count]")).ToHaveAttributeAsync("data-imported-count", "24");
    }
}
