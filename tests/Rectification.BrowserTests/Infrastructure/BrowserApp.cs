using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.BrowserTests.Infrastructure;

/// <summary>
/// The integration tests' app (its own copy of the demo database and evidence, the fake clock at 10:00 CST on
/// 1 December 2026) served by Kestrel on a free loopback port, so that a real browser can reach it.
/// </summary>
public class BrowserApp : AppFactory
{
    private readonly Lazy<string> _baseUrl;

    public BrowserApp()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _baseUrl = new Lazy<string>(() =>
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("Kestrel reports no addresses.");
            return addresses.First().TrimEnd('/');
        });
    }

    /// <summary>
    /// Serves the static files (Bootstrap, site.css, site.js…) from the build's static web assets manifest, as
    /// <c>dotnet run</c> does in Development: the test host's environment ("Testing") would not otherwise find
    /// them, and the pages would run without styles or scripts.
    /// </summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseStaticWebAssets();
        // Plain HTTP on loopback: cookies without the Secure flag, or the browser would not send them back.
        // (The integration tests check the flag over HTTPS.)
        builder.UseSetting("Security:SecureCookies", "false");
    }

    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string BaseUrl => _baseUrl.Value;
}
