using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;

namespace Rectification.Core.Units;

/// <summary>A unit as the directory keeps it: what pickers, filters and the dashboard's ranking need.</summary>
public sealed record UnitEntry(int Id, string Name, string Path, int Depth, OrgUnitKind Kind, int? ParentId, int SortOrder, bool IsActive);

/// <summary>
/// The organisation tree kept in memory (one per app instance): the findings list, the dashboard and every unit
/// picker read it on each request, and a province has 10,000 units, so loading it once saves a query (and its
/// transfer) per page. It is loaded again after any change of a unit saved through EF Core or
/// <see cref="UnitService"/> (<see cref="Changed"/>, for every instance in the process), and at most
/// <see cref="MaxAge"/> after loading, so a change made by another instance shows within that time.
/// </summary>
public sealed class UnitDirectory
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private static long s_generation;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>Marks every directory in the process as out of date.</summary>
    public static void Changed() => Interlocked.Increment(ref s_generation);

    public async Task<Snapshot> GetAsync(RectificationDbContext db, CancellationToken cancellationToken = default)
    {
        if (Current() is { } current)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Current() is { } loaded)
            {
                return loaded;
            }

            var generation = Interlocked.Read(ref s_generation);
            var units = await db.Units.AsNoTracking()
                .Select(u => new UnitEntry(u.Id, u.Name, u.Path, u.Depth, u.Kind, u.ParentId, u.SortOrder, u.IsActive))
                .ToListAsync(cancellationToken);
            var snapshot = new Snapshot(units, generation, Environment.TickCount64);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private Snapshot? Current() =>
        _snapshot is { } snapshot && snapshot.Generation == Interlocked.Read(ref s_generation)
            && Environment.TickCount64 - snapshot.LoadedAt < MaxAge.TotalMilliseconds
            ? snapshot
            : null;

    public sealed class Snapshot
    {
        /// <summary>Most results <see cref="Remember"/> keeps per snapshot; past it, it starts again.</summary>
        private const int MaxRemembered = 1_000;

        private readonly ConcurrentDictionary<string, object> _remembered = new();
        private readonly Dictionary<int, UnitEntry> _byId;
        private readonly ILookup<int?, UnitEntry> _byParent;

        internal Snapshot(IReadOnlyList<UnitEntry> units, long generation, long loadedAt)
        {
            All = units;
            Generation = generation;
            LoadedAt = loadedAt;
            _byId = units.ToDictionary(u => u.Id);
            _byParent = units.ToLookup(u => u.ParentId);
            InTreeOrder = UnitService.InTreeOrder(units, u => u.Id, u => u.ParentId, u => u.SortOrder, u => u.Name);
        }

        public IReadOnlyList<UnitEntry> All { get; }

        /// <summary>Every unit in tree order, sorted once per snapshot rather than for each picker on each page.</summary>
        public IReadOnlyList<UnitEntry> InTreeOrder { get; }

        internal long Generation { get; }

        internal long LoadedAt { get; }

        public UnitEntry? Find(int id) => _byId.GetValueOrDefault(id);

        public IEnumerable<UnitEntry> ChildrenOf(int id) => _byParent[id];

        /// <summary>
        /// A result worked out from this snapshot alone, kept with it: a province user's unit picker walks all 10,000
        /// units, on every list page. The key must hold everything else the result depends on (a scope, a selection).
        /// </summary>
        public T Remember<T>(string key, Func<Snapshot, T> compute)
            where T : class
        {
            if (_remembered.TryGetValue(key, out var kept))
            {
                return (T)kept;
            }

            if (_remembered.Count >= MaxRemembered)
            {
                _remembered.Clear();
            }

            return (T)_remembered.GetOrAdd(key, _ => compute(this));
        }
    }
}
