using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Rectification.Core.Auditing;

/// <summary>
/// A digest at start-up, before the app serves anyone — so a missing key or a folder it cannot write stops the
/// start, as a missing evidence store does — then one every <see cref="AuditDigestOptions.IntervalMinutes"/> when
/// the chain has moved since. Every instance writes its own file, so several instances need no coordination.
/// </summary>
public sealed partial class AuditDigestService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditDigestService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await WriteAsync(onlyIfMoved: false, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.Digest.IntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(interval, time, stoppingToken);
            try
            {
                await WriteAsync(onlyIfMoved: true, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    private async Task WriteAsync(bool onlyIfMoved, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditDigestWriter>().WriteAsync(onlyIfMoved, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit chain's digest failed; it will be tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
