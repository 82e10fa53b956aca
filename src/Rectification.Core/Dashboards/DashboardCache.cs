using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Rectification.Core.Dashboards;

public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How long a computed dashboard is kept at most; 0 computes every request afresh.</summary>
    public int CacheMinutes { get; set; } = 10;
}

/// <summary>
/// Computed dashboards, kept per instance. A province's dashboard counts 100,000 findings, and leaders open it far
/// more often than the data changes. The key (made by <see cref="DashboardService"/>) holds everything the figures
/// depend on, including the audit chain head's hash, which every saved change moves in its own transaction — on
/// whichever instance made it — so a cached dashboard is never older than the last write.
/// </summary>
public sealed class DashboardCache(IOptions<DashboardOptions> options) : IDisposable
{
    private const int MaxEntries = 2_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public DashboardData? Find(string key) => _entries.Get<DashboardData>(key);

    public void Add(string key, DashboardData data)
    {
        if (options.Value.CacheMinutes > 0)
        {
            _entries.Set(key, data, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.CacheMinutes) });
        }
    }

    public void Dispose() => _entries.Dispose();
}
