using System.Threading.RateLimiting;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// The request rate limits, in one place. Rejected requests answer 429 and the status-code pages show the Chinese
/// "操作过于频繁" page.
/// </summary>
public static class RateLimits
{
    /// <summary>意见建议 on public reports: five per client address in any ten minutes.</summary>
    public const string PublicComments = nameof(PublicComments);

    public const int PublicCommentPermits = 5;

    public static readonly TimeSpan PublicCommentWindow = TimeSpan.FromMinutes(10);

    /// <remarks>
    /// The client is told apart by its connection's address, which UseForwardedHeaders sets from X-Forwarded-For
    /// when the request comes from a known proxy (ForwardedHeaders:KnownProxies / KnownNetworks, see WebSetup).
    /// Behind a proxy that is not configured, every request seems to come from the proxy and all visitors share
    /// one allowance. Counters live in each instance's memory, so with several instances a client gets the
    /// allowance once per instance.
    /// </remarks>
    public static IServiceCollection AddRectificationRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PublicComments, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = PublicCommentPermits,
                    Window = PublicCommentWindow,
                    QueueLimit = 0,
                }));
        });
}
