using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.BrowserTests;

/// <summary>
/// The main pages on the demo data, as the role that uses each: a screenshot for the user guide
/// (artifacts/screenshots/), no serious or critical WCAG 2.1 AA violation (axe-core), and on a phone no page that
/// scrolls sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MainPagesTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(browser, app);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    /// <summary>Screenshot name, user (null: signed out), address ({finding}: a finding of unit A waiting for review; {inspection}: the demo inspection).</summary>
    public static TheoryData<string, string?, string> Pages => new()
    {
        { "login", null, "/Account/Login" },
        { "home", "head.a", "/" },
        { "inspections", "inspector", "/Inspections" },
        { "inspection-details", "inspector", "/Inspections/Details/{inspection}" },
        { "findings-list", "inspector", "/Findings" },
        { "finding-details", "inspector", "/Findings/Details/{finding}" },
        { "finding-progress", "head.a", "/Findings/Progress/{inProgress}" },
        { "dashboard", "leader", "/Dashboard" },
        { "review-queue", "inspector", "/Review" },
        { "ledger-import", "inspector", "/Ledger/Import?inspectionId={inspection}" },
        { "urges", "inspector", "/Urges" },
        { "notifications", "head.a", "/Notifications" },
    };

    /// <summary>The pages people use on the move, with the user who does.</summary>
    public static TheoryData<string, string, string> PhonePages => new()
    {
        { "findings-list", "head.a", "/Findings" },
        { "dashboard", "leader", "/Dashboard" },
        { "review-queue", "inspector", "/Review" },
        { "finding-details", "inspector", "/Findings/Details/{finding}" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_main_page_has_no_serious_accessibility_violation(string name, string? user, string address)
    {
        var page = user is null ? await _browsing.OpenAsync() : await _browsing.LoginAsync(user);
        var response = await page.GotoAsync(await ResolveAsync(address));
        Assert.Equal(200, response!.Status);
        await page.SaveScreenshotAsync(name);
        await Axe.AssertAccessibleAsync(page, name);
    }

    [Theory]
    [MemberData(nameof(PhonePages))]
    public async Task A_main_page_does_not_scroll_sideways_on_a_phone(string name, string user, string address)
    {
        var page = await _browsing.LoginAsync(user, Browsing.Phone);
        var response = await page.GotoAsync(await ResolveAsync(address));
        Assert.Equal(200, response!.Status);
        await page.SaveScreenshotAsync("phone-" + name);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(!await page.ScrollsHorizontallyAsync(),
            $"{name} on a 390 px phone is {widths[0]} px wide (window {widths[1]} px); widest elements: {await WidestAsync(page)}");
    }

    private async Task<string> ResolveAsync(string address)
    {
        if (address.Contains("{finding}", StringComparison.Ordinal))
        {
            address = address.Replace("{finding}", (await app.FindingAsync(DemoData.UnitA, FindingStatus.Submitted)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (address.Contains("{inProgress}", StringComparison.Ordinal))
        {
            address = address.Replace("{inProgress}", (await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (address.Contains("{inspection}", StringComparison.Ordinal))
        {
            address = address.Replace("{inspection}", (await app.InspectionIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return address;
    }

    /// <summary>The elements that stick out of the window on the right, for the failure message.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>(
        """
        () => {
            const width = document.documentElement.clientWidth;
            const out = [];
            for (const e of document.querySelectorAll('body *')) {
                const r = e.getBoundingClientRect();
                if (r.right > width + 1 && !(e.parentElement && e.parentElement.closest('.table-responsive'))) {
                    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' → ' + Math.round(r.right));
                }
            }
            return out.slice(-8).join('; ');
        }
        """);
}
