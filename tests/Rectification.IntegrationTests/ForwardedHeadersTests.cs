using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Behind nginx: X-Forwarded-For and X-Forwarded-Proto are believed from the configured proxy only, so the audit
/// trail records the visitor's address.
/// </summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string Proxy = "10.20.0.5";
    private readonly ProxiedFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(Proxy, "203.0.113.9")]
    [InlineData("10.99.0.7", "10.99.0.7")]
    public async Task Forwarded_headers_count_only_from_a_known_proxy(string connectionFrom, string recorded)
    {
        using var client = _app.Anonymous();
        client.Http.DefaultRequestHeaders.Add(ClientAddressFactory.Header, connectionFrom);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.LoginAsync("leader", Demo.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AppClient.AuthCookieName + "=", StringComparison.Ordinal));
        // Outside Development every cookie is Secure, whatever the proxy says (Security:SecureCookies).
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        // A refused request is in the audit trail with the address the app believed.
        using var signedIn = _app.WithCookie(cookie.Split(';')[0]);
        foreach (var (name, value) in new[] { (ClientAddressFactory.Header, connectionFrom), ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https") })
        {
            signedIn.Http.DefaultRequestHeaders.Add(name, value);
        }

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await signedIn.GetAsync("/Users")).StatusCode);
        var address = await _app.WithDatabaseAsync(db => db.AuditEntries
            .Where(e => e.Action == AuditActions.AccessDenied && e.UserName.StartsWith("leader") && e.Details!.Contains("/Users"))
            .OrderByDescending(e => e.Sequence)
            .Select(e => e.ClientAddress)
            .FirstAsync());
        Assert.Equal(recorded, address);
    }

    private sealed class ProxiedFactory : ClientAddressFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        }
    }
}
