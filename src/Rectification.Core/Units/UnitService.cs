using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Counting;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.Core.Text;

namespace Rectification.Core.Units;

/// <summary>The organisation tree: listing, pickers, creating, editing and moving units.</summary>
public sealed class UnitService(RectificationDbContext db, UnitDirectory directory)
{
    /// <summary>Every unit in tree order (parents before children, siblings by sort order then name).</summary>
    public async Task<IReadOnlyList<UnitNode>> GetTreeAsync(CancellationToken cancellationToken = default)
    {
        var units = await db.Units.AsNoTracking()
            .Select(u => new UnitNode(u.Id, u.Name, u.Code, u.Kind, u.ParentId, u.Depth, u.SortOrder, u.IsActive,
                db.Users.Count(x => x.UnitId == u.Id)))
            .ToListAsync(cancellationToken);
        return InTreeOrder(units, u => u.Id, u => u.ParentId, u => u.SortOrder, u => u.Name);
    }

    /// <summary>Active units within the scope, in tree order, for pickers (from the in-memory <see cref="UnitDirectory"/>).</summary>
    public async Task<IReadOnlyList<UnitOption>> GetOptionsAsync(UserScope scope, CancellationToken cancellationToken = default) =>
        Options(InScope((await directory.GetAsync(db, cancellationToken)).InTreeOrder, scope), _ => true);

    /// <summary>Most units a filter picker lists (a province has 10,000; every one of them on each page was most of its weight).</summary>
    public const int FilterPickerLimit = 500;

    /// <summary>
    /// Units for a filter picker (the findings list, the dashboard): every active unit in scope while there are at
    /// most <see cref="FilterPickerLimit"/>; beyond that the upper levels of the tree that fit, plus the selected unit
    /// and the units above it. Filtering by a unit includes its subtree, so the upper levels reach every finding.
    /// </summary>
    /// <remarks>Kept with the directory's snapshot per scope and selection: this runs on every list page.</remarks>
    public async Task<IReadOnlyList<UnitOption>> GetFilterOptionsAsync(UserScope scope, int? selectedId, CancellationToken cancellationToken = default) =>
        (await directory.GetAsync(db, cancellationToken))
            .Remember($"filter-options|{scope.Range}|{selectedId}", tree => FilterOptions(tree, scope, selectedId));

    private static List<UnitOption> FilterOptions(UnitDirectory.Snapshot tree, UserScope scope, int? selectedId)
    {
        var units = InScope(tree.InTreeOrder, scope);
        var deepest = int.MaxValue;
        var levels = units.CountBy(u => u.Depth).OrderBy(level => level.Key).ToList();
        if (levels.Sum(level => level.Value) > FilterPickerLimit)
        {
            deepest = -1;
            var listed = 0;
            foreach (var (depth, count) in levels)
            {
                if (listed + count > FilterPickerLimit)
                {
                    break;
                }

                listed += count;
                deepest = depth;
            }
        }

        var selectedPath = selectedId is { } id ? tree.Find(id)?.Path : null;
        var onSelectedPath = selectedPath is null
            ? []
            : selectedPath.Split(UnitPath.Separator, StringSplitOptions.RemoveEmptyEntries)
                .Select(part => int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        return Options(units, u => u.Depth <= deepest || onSelectedPath.Contains(u.Id));
    }

    /// <summary>The active units within the scope. The scope is a subtree, which the whole tree's order lists as one run, in its own order.</summary>
    private static IEnumerable<UnitEntry> InScope(IEnumerable<UnitEntry> inTreeOrder, UserScope scope) =>
        inTreeOrder.Where(u => u.IsActive && scope.Covers(u.Path));

    /// <summary>Picker options for the units kept, indented from the scope's top level.</summary>
    private static List<UnitOption> Options(IEnumerable<UnitEntry> units, Func<UnitEntry, bool> keep)
    {
        var kept = units.Where(keep).ToList();
        var minDepth = kept.Count == 0 ? 0 : kept.Min(u => u.Depth);
        return kept.Select(u => new UnitOption(u.Id, u.Name, u.Depth - minDepth, u.Kind)).ToList();
    }

    public async Task<UnitInput?> GetForEditAsync(int id, CancellationToken cancellationToken = default) =>
        await db.Units.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UnitInput
            {
                Name = u.Name,
                Code = u.Code,
                Kind = u.Kind,
                ParentId = u.ParentId,
                SortOrder = u.SortOrder,
                IsActive = u.IsActive,
            })
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<OperationResult<int>> CreateAsync(UnitInput input, CancellationToken cancellationToken = default)
    {
        var name = NameText.Clean(input.Name);
        if (name.Length == 0)
        {
            return OperationResult<int>.From(NameMissing());
        }

        OrgUnit? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, cancellationToken);
            if (parent is null)
            {
                return OperationResult<int>.From(OperationResult.Invalid("上级单位不存在。", nameof(UnitInput.ParentId)));
            }
        }

        if (await CodeTakenAsync(input.Code!, exceptId: null, cancellationToken))
        {
            return OperationResult<int>.From(OperationResult.Invalid("单位编码“{0}”已被使用。", nameof(UnitInput.Code), input.Code!));
        }

        var unit = new OrgUnit { Name = name, Code = input.Code!.Trim() };
        Copy(input, unit);
        unit.ParentId = parent?.Id;

        // The path holds the unit's own id, which the database assigns: insert, then set the path.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        unit.Path = parent is null ? UnitPath.Root(unit.Id) : UnitPath.Child(parent.Path, unit.Id);
        unit.Depth = UnitPath.DepthOf(unit.Path);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult<int>.Success(unit.Id);
    }

    public async Task<OperationResult> UpdateAsync(int id, UnitInput input, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return OperationResult.NotFound;
        }

        var name = NameText.Clean(input.Name);
        if (name.Length == 0)
        {
            return NameMissing();
        }

        if (await CodeTakenAsync(input.Code!, exceptId: id, cancellationToken))
        {
            return OperationResult.Invalid("单位编码“{0}”已被使用。", nameof(UnitInput.Code), input.Code!);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A move rewrites findings' paths and shifts counters: no other save may interleave.
        db.LockWrites();
        if (input.ParentId != unit.ParentId && await MoveAsync(unit, input.ParentId, cancellationToken) is { } moveError)
        {
            return moveError;
        }

        unit.Name = name;
        unit.Code = input.Code!.Trim();
        Copy(input, unit);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok;
    }

    /// <summary>
    /// Moves a unit and its subtree under a new parent by rewriting their paths, and their findings' (with the
    /// counters of the old and new superiors). The users of the subtree get a new security stamp, so their sign-in
    /// picks up the new path (their scope) at the next validation.
    /// </summary>
    private async Task<OperationResult?> MoveAsync(OrgUnit unit, int? newParentId, CancellationToken cancellationToken)
    {
        var newParentPath = string.Empty;
        if (newParentId is { } parentId)
        {
            var parent = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == parentId, cancellationToken);
            if (parent is null)
            {
                return OperationResult.Invalid("上级单位不存在。", nameof(UnitInput.ParentId));
            }

            if (UnitPath.IsWithin(parent.Path, unit.Path))
            {
                return OperationResult.Invalid("不能把单位移动到它自己或它的下级单位之下。", nameof(UnitInput.ParentId));
            }

            newParentPath = parent.Path;
        }

        var oldPath = unit.Path;
        var newPath = newParentId is null ? UnitPath.Root(unit.Id) : UnitPath.Child(newParentPath, unit.Id);
        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath)).ToListAsync(cancellationToken);
        foreach (var member in subtree)
        {
            member.Path = newPath + member.Path[oldPath.Length..];
            member.Depth = UnitPath.DepthOf(member.Path);
        }

        unit.ParentId = newParentId;
        await DerivedColumns.MoveSubtreeAsync(db, oldPath, newPath, cancellationToken);
        await TallyWriter.MoveSubtreeAsync(db, oldPath, newPath, cancellationToken);
        var subtreeIds = subtree.Select(u => u.Id).ToList();
        var users = await db.Users.Where(u => subtreeIds.Contains(u.UnitId)).ToListAsync(cancellationToken);
        users.ForEach(u => u.SecurityStamp = Guid.NewGuid().ToString());
        return null;
    }

    /// <summary>A name of nothing but hidden characters (<see cref="NameText"/>) is no name.</summary>
    private static OperationResult NameMissing() => OperationResult.Invalid("请填写{0}", nameof(UnitInput.Name), "单位名称");

    private Task<bool> CodeTakenAsync(string code, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = code.Trim();
        return db.Units.AnyAsync(u => u.Code == trimmed && u.Id != exceptId, cancellationToken);
    }

    private static void Copy(UnitInput input, OrgUnit unit)
    {
        unit.Kind = input.Kind;
        unit.SortOrder = input.SortOrder;
        unit.IsActive = input.IsActive;
    }

    /// <summary>Orders a flat list depth-first. Items whose parent is not in the list are treated as roots.</summary>
    internal static List<T> InTreeOrder<T>(
        IReadOnlyCollection<T> items, Func<T, int> id, Func<T, int?> parentId, Func<T, int> sortOrder, Func<T, string> name)
    {
        var ids = items.Select(id).ToHashSet();
        var children = items.ToLookup(i => parentId(i) is { } p && ids.Contains(p) ? p : (int?)null);
        var ordered = new List<T>(items.Count);
        var stack = new Stack<T>(Sorted(children[null]).Reverse());
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            ordered.Add(item);
            foreach (var child in Sorted(children[id(item)]).Reverse())
            {
                stack.Push(child);
            }
        }

        return ordered;

        IEnumerable<T> Sorted(IEnumerable<T> siblings) =>
            siblings.OrderBy(sortOrder).ThenBy(name, StringComparer.Ordinal);
    }
}
