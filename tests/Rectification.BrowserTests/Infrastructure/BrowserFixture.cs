using Microsoft.Playwright;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole run: Debian's /usr/bin/chromium, driven by Playwright offline (no browser
/// download). A missing browser or CJK font fails every test with the command that installs them; nothing is skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string Install = "sudo apt-get install -y chromium chromium-driver fonts-noto-cjk (./test.sh installs them)";

    private static readonly string[] s_arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}, which is missing. Install it: {Install}.");
        }

        if (!HasCjkFont())
        {
            throw new InvalidOperationException($"The browser tests need a CJK font (fonts-noto-cjk), or Chinese renders as boxes in the screenshots. Install it: {Install}.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = s_arguments,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static bool HasCjkFont() =>
        Directory.Exists("/usr/share/fonts")
        && Directory.EnumerateFiles("/usr/share/fonts", "*CJK*", SearchOption.AllDirectories).Any();
}

/// <summary>Every browser test class shares the one browser and runs one after the other (two cores, one Chromium).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
