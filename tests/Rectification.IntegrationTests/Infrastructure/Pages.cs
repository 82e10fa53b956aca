using AngleSharp.Html.Dom;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>What the tests read off rendered pages.</summary>
public static class Pages
{
    /// <summary>The ids of the findings a list page shows (rows carry data-finding-id).</summary>
    public static IReadOnlySet<int> FindingIds(this IHtmlDocument page) =>
        page.QuerySelectorAll("tr[data-finding-id]").Select(r => int.Parse(r.GetAttribute("data-finding-id")!)).ToHashSet();

    /// <summary>The findings list's total (its data-total).</summary>
    public static int Total(this IHtmlDocument page) =>
        int.Parse(page.QuerySelector("[data-total]")!.GetAttribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(this IHtmlDocument page) => page.Body?.TextContent ?? string.Empty;

    /// <summary>The validation messages shown next to fields and in the summary.</summary>
    public static IReadOnlyList<string> Errors(this IHtmlDocument page) =>
        page.QuerySelectorAll(".field-validation-error, .validation-summary-errors li, [data-error]")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .ToList();
}
