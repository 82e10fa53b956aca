using System.Text.Json;
using Microsoft.Playwright;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>
/// The axe-core accessibility checker (vendored in axe/axe.min.js, npm axe-core 4.14.1) run on a page against
/// WCAG 2.0 and 2.1, levels A and AA. The script is evaluated through the DevTools protocol rather than added as a
/// &lt;script&gt; element, so a strict content security policy cannot block it.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> s_source = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    private static readonly string[] s_blocking = ["serious", "critical"];

    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets);

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(s_source.Value + "\n;true");
        }

        var result = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const results = await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                    resultTypes: ['violations'],
                });
                return results.violations.map(v => ({
                    id: v.id,
                    impact: v.impact || 'unknown',
                    help: v.help,
                    targets: v.nodes.slice(0, 8).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300)),
                }));
            }
            """);
        return result.EnumerateArray()
            .Select(v => new Violation(
                v.GetProperty("id").GetString()!,
                v.GetProperty("impact").GetString()!,
                v.GetProperty("help").GetString()!,
                v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!).ToList()))
            .ToList();
    }

    /// <summary>Fails when the page has a serious or critical violation, listing each with the elements it concerns.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var violations = await RunAsync(page);
        var blocking = violations.Where(v => s_blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0,
            $"{name} ({page.Url}) has {blocking.Count} serious or critical accessibility violation(s):\n"
            + string.Join("\n", blocking.Select(v => $"- {v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Targets))));
    }
}
