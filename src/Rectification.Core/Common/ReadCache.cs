using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Common;

public sealed class ReadCacheOptions
{
    public const string Section = "ReadCache";

    /// <summary>How long a computed read (a dashboard, a filter picker, a findings page) is kept at most; 0 computes every request afresh.</summary>
    public int Minutes { get; set; } = 10;
}

/// <summary>
/// Expensive reads kept per instance: a province's dashboard counts 100,000 findings, the inspection picker on
/// every list page sorts 2,000 inspections by visibility, and a findings page counts and sorts every finding that
/// matches its filters. Each is kept under its kind, what the service says it depends on, the scope's
/// <see cref="Scoping.UserScope.VisibilityKey"/> and <see cref="RectificationDbContext.LastChangeAsync"/>, which every
/// saved change moves in its own transaction — on whichever instance made it — so a kept result is never older than
/// the last write.
/// </summary>
public sealed class ReadCache(IOptions<ReadCacheOptions> options) : IDisposable
{
    private const int MaxEntries = 2_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>
    /// The result kept for this read as the context's scope sees the database now, or the one computed now and kept.
    /// <c>kind</c> names the read ("dashboard", "findings"…), so different reads never share a key; <c>dependsOn</c>
    /// holds everything else the result depends on (the selection, the filters, the day). A null result (nothing the
    /// user may see) is not kept.
    /// </summary>
    public async Task<T> GetOrComputeAsync<T>(
        RectificationDbContext db, string kind, object?[] dependsOn, Func<Task<T>> compute, CancellationToken cancellationToken)
        where T : class?
    {
        var key = string.Join('|', [kind, db.Scope.VisibilityKey, .. dependsOn, await db.LastChangeAsync(cancellationToken)]);
        if (_entries.Get(key) is T kept)
        {
            return kept;
        }

        var value = await compute();
        if (value is not null && options.Value.Minutes > 0)
        {
            _entries.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.Minutes) });
        }

        return value;
    }

    public void Dispose() => _entries.Dispose();
}
