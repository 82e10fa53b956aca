using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Notifications.GroupRobots;

namespace Rectification.Core.Notifications;

/// <summary>
/// From start-up on: sends pending e-mails and group-robot posts every minute, and runs the reminder job at the configured interval.
/// </summary>
public sealed partial class ReminderService(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<ReminderOptions> options, ILogger<ReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes));
        var nextJob = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (time.GetUtcNow() >= nextJob)
                {
                    await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(stoppingToken);
                    nextJob = time.GetUtcNow() + interval;
                }

                await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendPendingAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<GroupRobotOutbox>().SendPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }

            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder run failed; it will be tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
