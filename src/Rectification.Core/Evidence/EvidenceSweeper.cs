using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.Core.Evidence;

/// <summary>
/// At start-up and every hour: removes what interrupted uploads left in the temporary area, and reports stored
/// files that no record refers to (possible only if the database failed after a file was moved into place). It
/// never deletes stored content. Safe on several instances at once: deleting a file twice is harmless.
/// </summary>
public sealed partial class EvidenceSweeper(
    IEvidenceStore store,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<EvidenceOptions> options,
    ILogger<EvidenceSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }

            await Task.Delay(s_interval, time, stoppingToken);
        }
    }

    public async Task<(int Temporary, int Unreferenced)> SweepAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.SweepGraceMinutes);
        var temporary = 0;
        foreach (var id in store.StaleTemporaryFiles(before).ToList())
        {
            store.DeleteTemporary(id);
            temporary++;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = new RectificationDbContext(
            scope.ServiceProvider.GetRequiredService<DbContextOptions<RectificationDbContext>>(), new FixedScope(UserScope.System));
        var unreferenced = 0;
        foreach (var batch in store.StoredHashes(before).Chunk(500))
        {
            // Evidence versions and mechanisms' documents share the store.
            var referenced = await db.EvidenceVersions.Where(v => batch.Contains(v.Sha256)).Select(v => v.Sha256)
                .Union(db.MechanismDocuments.Where(d => batch.Contains(d.Sha256)).Select(d => d.Sha256))
                .ToListAsync(cancellationToken);
            unreferenced += batch.Length - referenced.Distinct(StringComparer.Ordinal).Count();
        }

        if (temporary > 0 || unreferenced > 0)
        {
            LogSwept(logger, temporary, unreferenced);
        }

        return (temporary, unreferenced);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence sweep: removed {Temporary} unfinished upload(s); {Unreferenced} stored file(s) have no record (kept)")]
    private static partial void LogSwept(ILogger logger, int temporary, int unreferenced);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evidence sweep failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
