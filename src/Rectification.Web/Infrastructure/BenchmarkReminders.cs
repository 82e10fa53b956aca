using System.Diagnostics;
using System.Globalization;
using Rectification.Core.Notifications;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Benchmark mode only (<c>Benchmark:CountSqlCommands</c>): runs the reminder job now, in the background of this
/// instance as its timer would (<c>POST /benchmark/reminders</c>), and tells how the last run went (<c>GET</c>), so the
/// working-day benchmark can fire it at the start of its measured run. Off, nothing of it is mapped.
/// </summary>
public static class BenchmarkReminders
{
    public const string Endpoint = "/benchmark/reminders";

    public static void MapIn(WebApplication app)
    {
        var last = "not run";
        var running = 0;
        app.MapPost(Endpoint, (IServiceScopeFactory scopes, ILogger<ReminderJob> logger) =>
        {
            if (Interlocked.Exchange(ref running, 1) == 1)
            {
                return Results.Conflict("running");
            }

            last = "running";
            _ = Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var made = await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
                    last = string.Create(CultureInfo.InvariantCulture, $"made {made} in {watch.Elapsed.TotalSeconds:0.00} s");
                }
                catch (Exception exception)
                {
                    last = "failed: " + exception.Message;
                    logger.LogError(exception, "Benchmark reminder run failed");
                }
                finally
                {
                    Volatile.Write(ref running, 0);
                }
            });
            return Results.Accepted();
        }).AllowAnonymous();
        app.MapGet(Endpoint, () => last).AllowAnonymous();
    }
}
