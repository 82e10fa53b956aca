using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

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
/// matches its filters. Their keys (made by the services) hold everything the result
/// depends on, including <see cref="Data.RectificationDbContext.LastChangeAsync"/>, which every saved change moves in
/// its own transaction — on whichever instance made it — so a kept result is never older than the last write.
/// </summary>
public sealed class ReadCache(IOptions<ReadCacheOptions> options) : IDisposable
{
    private const int MaxEntries = 2_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public T? Find<T>(string key)
        where T : class => _entries.Get<T>(key);

    public void Add<T>(string key, T value)
        where T : class
    {
        if (options.Value.Minutes > 0)
        {
            _entries.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.Minutes) });
        }
    }

    public void Dispose() => _entries.Dispose();
}
