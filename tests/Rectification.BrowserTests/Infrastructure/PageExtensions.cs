using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>What the tests do on and read off pages: clicks that submit forms, the finding page's action forms, errors.</summary>
public static partial class PageExtensions
{
    /// <summary>
    /// Clicks a button that submits a form and waits for the page the server answers with (also when it is the
    /// same address again, as after a post-redirect-get back to the same page).
    /// </summary>
    public static async Task SubmitAsync(this IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.__beforeSubmit = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__beforeSubmit !== true && document.readyState === 'complete'");
    }

    /// <summary>Clicks a link and waits for the page it leads to.</summary>
    public static Task FollowAsync(this IPage page, ILocator link) => page.SubmitAsync(link);

    /// <summary>
    /// Takes one of the finding page's workflow actions (交办, 认领, 申请销号, 退回 …): types the comment into that
    /// action's own form and presses its button. Fails with the page's error message when the server refuses.
    /// </summary>
    public static async Task ActAsync(this IPage page, string action, string? comment = null)
    {
        var form = page.Locator($"form[data-action='{action}']");
        if (comment is not null)
        {
            await form.Locator("textarea[name='Comment']").FillAsync(comment);
        }

        await page.SubmitAsync(form.Locator("button[type=submit]"));
        var errors = await page.ErrorsAsync();
        Assert.True(errors.Length == 0, $"{action} was refused: {errors}");
    }

    /// <summary>The finding's status on its page (data-status of the badge under the title).</summary>
    public static Task<string?> StatusAsync(this IPage page) =>
        page.Locator("h1.page-title ~ [data-status]").First.GetAttributeAsync("data-status");

    /// <summary>The error messages the page shows (alerts, validation messages), joined; empty when none.</summary>
    public static async Task<string> ErrorsAsync(this IPage page)
    {
        var texts = await page.Locator(".alert-danger, .field-validation-error, .validation-summary-errors li, [data-error]").AllInnerTextsAsync();
        return string.Join(" | ", texts.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct());
    }

    /// <summary>The id at the end of the page's address (/Findings/Details/42 → 42).</summary>
    public static int IdFromUrl(this IPage page) =>
        int.Parse(TrailingNumber().Match(new Uri(page.Url).AbsolutePath).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Selects the option of a select whose text contains <paramref name="text"/> (unit names come indented).</summary>
    public static async Task SelectContainingAsync(this ILocator select, string text)
    {
        var value = await select.Locator("option", new() { HasText = text }).First.GetAttributeAsync("value")
            ?? throw new InvalidOperationException($"No option '{text}'.");
        await select.SelectOptionAsync(value);
    }

    /// <summary>Whether the page scrolls sideways: the document is wider than the window.</summary>
    public static Task<bool> ScrollsHorizontallyAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    [GeneratedRegex("[0-9]+$")]
    private static partial Regex TrailingNumber();
}
