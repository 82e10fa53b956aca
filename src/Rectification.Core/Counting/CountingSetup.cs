using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rectification.Core.Data;
using Rectification.Core.Findings;

namespace Rectification.Core.Counting;

/// <summary>
/// At start-up: the findings' derived columns and the counters must have been computed with the configured deadline
/// options, in this version's shape. When the database has never recorded any (a new or upgraded database) or
/// recorded others, everything is computed again, holding the write lock so that no save interleaves; several instances starting together take turns.
/// </summary>
public static partial class CountingSetup
{
    public static async Task EnsureCurrentAsync(RectificationDbContext db, DeadlineOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.LockWrites();
        var state = await db.CountingStates.FirstOrDefaultAsync(s => s.Id == CountingState.SingletonId, cancellationToken);
        if (state is not null && state.DueSoonDays == options.DueSoonDays && state.WarningShare.Equals(options.WarningShare)
            && state.Format == CountingState.CurrentFormat)
        {
            return;
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var derived = await DerivedColumns.RecomputeAllAsync(db, options, cancellationToken);
        var rows = await TallyWriter.RebuildAsync(db, cancellationToken);
        if (state is null)
        {
            state = new CountingState();
            db.CountingStates.Add(state);
        }

        state.DueSoonDays = options.DueSoonDays;
        state.WarningShare = options.WarningShare;
        state.Format = CountingState.CurrentFormat;
        state.RebuiltAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRebuilt(logger, derived, rows, watch.Elapsed.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Counters rebuilt for the deadline options in force: {Findings} findings' derived columns updated, {Rows} counter rows written in {Seconds:0.0} s")]
    private static partial void LogRebuilt(ILogger logger, int findings, int rows, double seconds);
}
