using Microsoft.Playwright;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of the main pages, kept under artifacts/screenshots/ at the repository root (git-ignored) and reused
/// by the user guide: named for what they show, e.g. findings-list.png.
/// </summary>
public static class Artifacts
{
    private static readonly Lazy<string> s_root = new(FindRepositoryRoot);

    public static string ScreenshotDirectory => Path.Combine(s_root.Value, "artifacts", "screenshots");

    public static string DownloadDirectory => Path.Combine(s_root.Value, "artifacts", "downloads");

    /// <summary>Saves a full-page screenshot as artifacts/screenshots/<paramref name="name"/>.png.</summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        // Fonts load after the document: wait, or Chinese may still show in a fallback font.
        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, name + ".png"),
            FullPage = true,
        });
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rectification.sln")))
            {
                return directory.FullName;
            }
        }

        // Run from somewhere outside the repository: keep the files next to the tests.
        return AppContext.BaseDirectory;
    }
}
