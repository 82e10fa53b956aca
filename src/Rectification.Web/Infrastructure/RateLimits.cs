using System.Threading.RateLimiting;

namespace Rectification.Web.Infrastructure;

/// <summary>Request-rate settings (<c>RateLimits:*</c>); counted per client address.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Sign-in attempts (password, authenticator or recovery code) per client address per minute.</summary>
    public int LoginPerMinute { get; set; } = 30;

    /// <summary>Page views of the public reports per client address per minute.</summary>
    public int PublicPagesPerMinute { get; set; } = 120;

    /// <summary>意见建议 on public reports per client address in any ten minutes.</summary>
    public int PublicCommentsPerTenMinutes { get; set; } = 5;
}

/// <summary>
/// The request rate limits, in one place. Rejected requests answer 429 and the status-code pages show the Chinese
/// "操作过于频繁" page. Lockout (after five wrong passwords) protects each account; the login limit protects against
/// one address trying many accounts.
/// </summary>
public static class RateLimits
{
    public const string Login = nameof(Login);

    public const string PublicPages = nameof(PublicPages);

    public const string PublicComments = nameof(PublicComments);

    /// <remarks>
    /// The client is told apart by its connection's address, which UseForwardedHeaders sets from X-Forwarded-For
    /// when the request comes from a known proxy (ForwardedHeaders:KnownProxies / KnownNetworks, see WebSetup).
    /// Behind a proxy that is not configured, every request seems to come from the proxy and all visitors share
    /// one allowance. Counters live in each instance's memory, so with several instances a client gets the
    /// allowance once per instance.
    /// </remarks>
    public static IServiceCollection AddRectificationRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Login, context => PerAddress(context, limits.LoginPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(PublicPages, context => PerAddress(context, limits.PublicPagesPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(PublicComments, context => PerAddress(context, limits.PublicCommentsPerTenMinutes, TimeSpan.FromMinutes(10)));
        });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
