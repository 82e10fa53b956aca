using Microsoft.Playwright;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>
/// People at their browsers: each signs in through the real login form in a browser context of their own (own
/// cookies), in Chinese, as the app's default. Confirmation dialogs are accepted, as the user would.
/// </summary>
public sealed class Browsing(BrowserFixture browser, BrowserApp app) : IAsyncDisposable
{
    /// <summary>A phone's viewport (iPhone 12–15 class).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    private readonly List<IBrowserContext> _contexts = [];

    public BrowserApp App => app;

    /// <summary>A fresh browser context (no cookies) with a page on the app's address.</summary>
    public async Task<IPage> OpenAsync(ViewportSize? viewport = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = viewport ?? Desktop,
            AcceptDownloads = true,
            // axe is injected into pages; the app's content security policy must not stop it.
            BypassCSP = true,
        });
        context.SetDefaultTimeout(20_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>Signs <paramref name="userName"/> in through the login form; the page is then on the app's home page.</summary>
    public async Task<IPage> LoginAsync(string userName, ViewportSize? viewport = null)
    {
        var page = await OpenAsync(viewport);
        await page.GotoAsync("/Account/Login");
        await page.Locator("#UserName").FillAsync(userName);
        await page.Locator("#Password").FillAsync(IntegrationTests.Infrastructure.Demo.Password);
        await page.SubmitAsync(page.Locator("form[action^='/Account/Login'] button[type=submit]"));
        Assert.False(
            new Uri(page.Url).AbsolutePath.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase),
            $"{userName} could not sign in: still on {page.Url}: {await page.ErrorsAsync()}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        _contexts.Clear();
    }
}
