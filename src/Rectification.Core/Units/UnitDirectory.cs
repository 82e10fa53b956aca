using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;

namespace Rectification.Core.Units;

/// <summary>A unit as the directory keeps it: what pickers, filters and the dashboard's ranking need.</summary>
public sealed record UnitEntry(int Id, string Name, string Path, int Depth, OrgUnitKind Kind, int? ParentId, int SortOrder, bool IsActive);

/// <summary>
/// The organisation tree kept in memory (one per app instance) — the one thing the app keeps between requests. The
/// findings list, the dashboard and every unit picker read it on each request, and a province has 10,000 units. It is
/// kept under the <see cref="UnitTreeState.Revision"/> it was loaded at, and loaded again as soon as a request sees
/// another revision: every change of a unit moves it in its own transaction, on whichever instance made it.
/// </summary>
public sealed class UnitDirectory
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async Task<Snapshot> GetAsync(RectificationDbContext db, CancellationToken cancellationToken = default)
    {
        var revision = await db.UnitTreeRevisionAsync(cancellationToken);
        if (_snapshot is { } current && current.Revision == revision)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } loaded && loaded.Revision == revision)
            {
                return loaded;
            }

            var units = await db.Units.AsNoTracking()
                .Select(u => new UnitEntry(u.Id, u.Name, u.Path, u.Depth, u.Kind, u.ParentId, u.SortOrder, u.IsActive))
                .ToListAsync(cancellationToken);
            var snapshot = new Snapshot(units, revision);
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    public sealed class Snapshot
    {
        /// <summary>Most results <see cref="Remember"/> keeps per snapshot; past it, it starts again.</summary>
        private const int MaxRemembered = 1_000;

        private readonly ConcurrentDictionary<string, object> _remembered = new();
        private readonly Dictionary<int, UnitEntry> _byId;
        private readonly ILookup<int?, UnitEntry> _byParent;

        internal Snapshot(IReadOnlyList<UnitEntry> units, long revision)
        {
            All = units;
            Revision = revision;
            _byId = units.ToDictionary(u => u.Id);
            _byParent = units.ToLookup(u => u.ParentId);
            InTreeOrder = UnitService.InTreeOrder(units, u => u.Id, u => u.ParentId, u => u.SortOrder, u => u.Name);
        }

        public IReadOnlyList<UnitEntry> All { get; }

        /// <summary>Every unit in tree order, sorted once per snapshot rather than for each picker on each page.</summary>
        public IReadOnlyList<UnitEntry> InTreeOrder { get; }

        internal long Revision { get; }

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
