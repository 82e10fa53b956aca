using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// The app, with each test client able to come from an address of its own: the test server gives every request
/// the same (empty) remote address, and the per-client rate limit partitions by it. A request's
/// <see cref="Header"/> becomes its connection's remote address, before anything else in the pipeline runs.
/// </summary>
public class ClientAddressFactory : AppFactory
{
    public const string Header = "X-Test-Remote-Address";

    private static int s_next;

    /// <summary>An anonymous visitor from an address no other client of this run uses.</summary>
    public AppClient Visitor()
    {
        var client = Anonymous();
        var n = Interlocked.Increment(ref s_next);
        client.Http.DefaultRequestHeaders.Add(Header, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, RemoteAddressFilter>());
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var address) && IPAddress.TryParse(address, out var parsed))
                {
                    context.Connection.RemoteIpAddress = parsed;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
