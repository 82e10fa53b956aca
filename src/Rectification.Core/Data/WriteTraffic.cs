using System.Diagnostics;

namespace Rectification.Core.Data;

/// <summary>
/// How many of this process's saves are under way. On SQLite there is one writer at a time, and a save that finds the
/// database locked waits in SQLite's busy handler, whose naps grow to 100 ms: behind a background job that writes
/// batch after batch (the reminder job's first run in a province writes some 280,000 rows), people's saves would wait
/// seconds. Such a job steps aside between its batches while any save is under way (<see cref="StepAsideAsync"/>).
/// </summary>
public static class WriteTraffic
{
    private static int s_saves;

    /// <summary>Saves under way in this process now.</summary>
    private static int Saves => Volatile.Read(ref s_saves);

    /// <summary>Counts a save until the result is disposed.</summary>
    internal static Save Begin()
    {
        Interlocked.Increment(ref s_saves);
        return new Save();
    }

    /// <summary>Waits while saves are under way, at most <paramref name="most"/>, so that background work never stops for good.</summary>
    public static async Task StepAsideAsync(TimeSpan most, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (Saves > 0 && waited.Elapsed < most)
        {
            await Task.Delay(1, cancellationToken);
        }
    }

    internal readonly struct Save : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref s_saves);
    }
}
