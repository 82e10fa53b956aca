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
    /// The client is told apart by its connection's address. Behind a reverse proxy every request comes from the
    /// proxy's address, so the deployment must add ForwardedHeaders (with the proxy in KnownProxies) before this
    /// counts per visitor; until then all visitors share one allowance. Counters live in each instance's memory,
    /// so with several instances a client gets the allowance once per instance.
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
