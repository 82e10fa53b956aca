using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// In the Production environment the app answers only to the host names it is configured for (AllowedHosts), so a
/// forged Host header cannot steer the absolute links and redirects it builds; and TRACE is refused on every path.
/// </summary>
public sealed class HostAndMethodTests(ProductionApp production) : IClassFixture<ProductionApp>
{
    private AppFactory App => production.App;

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://zhenggai.example.gov.cn.evil.example")]
    [InlineData("https://127.0.0.2")]
    public async Task A_request_for_another_host_is_refused_before_any_page(string address)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });

        foreach (var path in new[] { "/", "/Account/Login", "/Findings", "/Public/Reports" })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.DoesNotContain("evil", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://localhost")]
    [InlineData("https://127.0.0.1:5080")]
    [InlineData("https://[::1]")]
    public async Task The_hosts_of_the_production_settings_are_answered(string address)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.True(Accounts.IsLoginRedirect(await client.GetAsync("/Findings")));
    }

    [Fact]
    public async Task Trace_is_refused_on_every_path()
    {
        var actions = await AppActions.DiscoverAsync(App.Services);
        var paths = actions.Select(a => a.Path(a.RouteParameters.ToDictionary(p => p.Name, _ => "1"))).Distinct()
            .Concat(["/", "/no/such/page", "/lib/bootstrap/dist/css/bootstrap.min.css", "/health/live"]).ToList();
        Assert.True(paths.Count > 80, $"Only {paths.Count} paths");
        using var signedIn = await App.LoginAsync("inspector");
        using var visitor = App.Anonymous();

        foreach (var client in new[] { signedIn, visitor })
        {
            foreach (var path in paths)
            {
                using var request = new HttpRequestMessage(HttpMethod.Trace, path);
                request.Headers.Add("X-Echo-Me", "secret");
                var response = await client.Http.SendAsync(request);

                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"TRACE {path} answered {(int)response.StatusCode}");
                Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }
}
