using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rectification.Benchmarks.Generator;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Units;

namespace Rectification.Benchmarks;

/// <summary>The roles and levels of the province the mixed run's users come from.</summary>
public enum UserGroup
{
    ProvinceOffice,
    CityOffice,
    CountyOffice,
    Leader,
    BureauHead,
    TownshipHead,
    SchoolHead,
    TownshipStaff,
    SchoolStaff,
}

/// <summary>
/// What the driver knows of one finding, shared by every user who sees it and kept up to date as the run's writes
/// land. Read and changed only under <see cref="MixedRequests"/>' lock.
/// </summary>
public sealed class FindingState(int id, string unitPath, FindingStatus status, bool hasSummary, bool hasEvidence)
{
    public int Id { get; } = id;

    public string UnitPath { get; } = unitPath;

    public FindingStatus Status { get; set; } = status;

    /// <summary>落实情况 filled in: with evidence, what 申请销号 requires.</summary>
    public bool HasSummary { get; set; } = hasSummary;

    public bool HasEvidence { get; set; } = hasEvidence;

    /// <summary>One of the driver's writes is under way on it; no other write picks it meanwhile.</summary>
    public bool Busy { get; set; }
}

/// <summary>A visible finding's facts, to make the list's filters from.</summary>
public sealed record FindingFacts(int Id, int InspectionId, int CategoryId, DateOnly? Deadline, string Title);

/// <summary>One signed-in user of the mixed run, with what their scope holds.</summary>
public sealed class MixedUser(string userName, UserGroup group, UserScope scope, int? childUnitId, List<FindingFacts> facts)
{
    private readonly HashSet<int> _known = [];

    public string UserName { get; } = userName;

    public UserGroup Group { get; } = group;

    public UserScope Scope { get; } = scope;

    /// <summary>For leaders: a child unit of theirs holding findings, for the dashboard's sub-unit view.</summary>
    public int? ChildUnitId { get; } = childUnitId;

    public IReadOnlyList<FindingFacts> Facts { get; } = facts;

    /// <summary>Findings in scope the driver knows of: the sample, and findings that came into view by a write.</summary>
    public List<int> Known { get; } = [];

    /// <summary>The findings list's total for this user (its <c>data-total</c>), read after sign-in.</summary>
    public int Total { get; set; }

    public Session? Session { get; set; }

    public HttpClient Http => Session?.Http ?? throw new InvalidOperationException($"{UserName} has not signed in.");

    public bool IsOffice => Group is UserGroup.ProvinceOffice or UserGroup.CityOffice or UserGroup.CountyOffice;

    public bool IsLeader => Group == UserGroup.Leader;

    public bool IsHead => Group is UserGroup.BureauHead or UserGroup.TownshipHead or UserGroup.SchoolHead;

    public bool IsStaff => Group is UserGroup.TownshipStaff or UserGroup.SchoolStaff;

    public void Learn(int findingId)
    {
        if (_known.Add(findingId))
        {
            Known.Add(findingId);
        }
    }
}

/// <summary>
/// Chooses the mixed run's users from the generated province, deterministically: every role at every level, those
/// whose scope holds findings in the statuses their writes need first. Then samples, through the app's own scope
/// filters, the findings each of them can see.
/// </summary>
public static class MixedUsers
{
    public const int MinimumUsers = 64;

    /// <summary>At most this many finding ids per status are sampled from each user's scope.</summary>
    public const int SamplePerStatus = 200;

    private static readonly (UserGroup Group, int Wanted)[] s_plan =
    [
        (UserGroup.ProvinceOffice, 1), (UserGroup.CityOffice, 6), (UserGroup.CountyOffice, 10), (UserGroup.Leader, 10),
        (UserGroup.BureauHead, 7), (UserGroup.TownshipHead, 8), (UserGroup.SchoolHead, 8),
        (UserGroup.TownshipStaff, 7), (UserGroup.SchoolStaff, 8),
    ];

    /// <summary>Where the users come from when a group has too few to reach <see cref="MinimumUsers"/> (a small province).</summary>
    private static readonly UserGroup[] s_fillOrder =
    [
        UserGroup.CountyOffice, UserGroup.Leader, UserGroup.BureauHead, UserGroup.TownshipHead, UserGroup.SchoolHead,
        UserGroup.TownshipStaff, UserGroup.SchoolStaff, UserGroup.CityOffice,
    ];

    private static readonly FindingStatus[] s_working =
        [FindingStatus.Assigned, FindingStatus.InProgress, FindingStatus.Returned, FindingStatus.Reopened];

    private sealed record Unit(int Id, int? ParentId, string Path, int Depth, OrgUnitKind Kind);

    private sealed record Candidate(string Id, string UserName, string DisplayName, Unit Unit, List<string> Roles);

    public static async Task<(List<MixedUser> Users, Dictionary<int, FindingState> Findings)> ChooseAsync(
        DatabaseProvider provider, string connectionString, int seed, TextWriter log)
    {
        var random = new Random(seed);
        Dictionary<int, Unit> units;
        Dictionary<int, int[]> own = [];
        Dictionary<int, int[]> below = [];
        List<Candidate> candidates;
        await using (var db = await DataGenerator.OpenAsync(provider, connectionString, migrate: false))
        {
            units = (await db.Units.IgnoreQueryFilters().AsNoTracking()
                .Select(u => new Unit(u.Id, u.ParentId, u.Path, u.Depth, u.Kind)).ToListAsync()).ToDictionary(u => u.Id);

            // Findings per unit and status, rolled up the tree: what each unit holds itself and in its subtree.
            var counts = await db.Findings.IgnoreQueryFilters().GroupBy(f => new { f.OwningUnitId, f.Status })
                .Select(g => new { g.Key.OwningUnitId, g.Key.Status, Count = g.Count() }).ToListAsync();
            static int[] Row(Dictionary<int, int[]> table, int unitId) =>
                table.TryGetValue(unitId, out var row) ? row : table[unitId] = new int[Enum.GetValues<FindingStatus>().Length];
            foreach (var c in counts)
            {
                Row(own, c.OwningUnitId)[(int)c.Status] += c.Count;
                foreach (var ancestor in Ancestors(units[c.OwningUnitId].Path))
                {
                    Row(below, ancestor)[(int)c.Status] += c.Count;
                }
            }

            var roleNames = Roles.All.ToDictionary(Roles.IdOf);
            var rows = await (from u in db.Users.AsNoTracking()
                              join r in db.UserRoles on u.Id equals r.UserId
                              where u.IsActive
                              select new { u.Id, u.UserName, u.DisplayName, u.UnitId, r.RoleId }).ToListAsync();
            candidates = rows.GroupBy(r => r.Id)
                .Select(g => new Candidate(g.Key, g.First().UserName!, g.First().DisplayName, units[g.First().UnitId],
                    g.Select(r => roleNames.GetValueOrDefault(r.RoleId)).OfType<string>().ToList()))
                .OrderBy(c => c.UserName, StringComparer.Ordinal)
                .ToList();
        }

        int Count(Dictionary<int, int[]> table, int unitId, params FindingStatus[] statuses) =>
            table.TryGetValue(unitId, out var row) ? statuses.Sum(s => row[(int)s]) : 0;
        var visible = Enum.GetValues<FindingStatus>().Where(s => s != FindingStatus.Draft).ToArray();
        var children = units.Values.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        List<int> ChildrenWithFindings(Unit unit) =>
            children[unit.Id].Where(c => Count(below, c.Id, visible) > 0).Select(c => c.Id).OrderBy(id => id).ToList();

        // Whether the user's scope holds what their part of the day needs.
        bool Useful(Candidate c, UserGroup group) => group switch
        {
            UserGroup.ProvinceOffice or UserGroup.CityOffice or UserGroup.CountyOffice => Count(below, c.Unit.Id, FindingStatus.Submitted) > 0,
            UserGroup.Leader => ChildrenWithFindings(c.Unit).Count > 0,
            UserGroup.BureauHead or UserGroup.TownshipHead or UserGroup.SchoolHead =>
                Count(below, c.Unit.Id, FindingStatus.Assigned) > 0 && Count(below, c.Unit.Id, FindingStatus.InProgress) > 0,
            _ => Count(own, c.Unit.Id, s_working) > 0,
        };

        var pools = new Dictionary<UserGroup, Queue<Candidate>>();
        foreach (var group in candidates.Select(c => (Candidate: c, Group: GroupOf(c))).Where(x => x.Group is not null).GroupBy(x => x.Group!.Value))
        {
            var shuffled = group.Select(x => x.Candidate).ToArray();
            random.Shuffle(shuffled);
            // The useful ones first (a stable sort keeps the shuffled order among equals); the county leader of the
            // load verb always among the leaders.
            pools[group.Key] = new Queue<Candidate>(shuffled
                .OrderByDescending(c => c.UserName == GeneratedData.CountyLeader)
                .ThenByDescending(c => Useful(c, group.Key)));
        }

        var chosen = new List<(Candidate Candidate, UserGroup Group)>();
        foreach (var (group, wanted) in s_plan)
        {
            for (var i = 0; i < wanted && pools.TryGetValue(group, out var pool) && pool.Count > 0; i++)
            {
                chosen.Add((pool.Dequeue(), group));
            }
        }

        while (chosen.Count < MinimumUsers && s_fillOrder.Any(g => pools.TryGetValue(g, out var p) && p.Count > 0))
        {
            foreach (var group in s_fillOrder)
            {
                if (chosen.Count < MinimumUsers && pools.TryGetValue(group, out var pool) && pool.Count > 0)
                {
                    chosen.Add((pool.Dequeue(), group));
                }
            }
        }

        var findings = new Dictionary<int, FindingState>();
        var users = new List<MixedUser>();
        foreach (var (candidate, group) in chosen)
        {
            var scope = UserScope.ForUser(candidate.Id, candidate.DisplayName, candidate.Unit.Id, candidate.Unit.Path, candidate.Roles);
            var childUnits = group == UserGroup.Leader ? ChildrenWithFindings(candidate.Unit) : [];
            int? child = childUnits.Count > 0 ? childUnits[random.Next(childUnits.Count)] : null;
            var (facts, states, inScope) = await SampleAsync(provider, connectionString, scope, random);
            var user = new MixedUser(candidate.UserName, group, scope, child, facts);
            foreach (var state in states)
            {
                findings.TryAdd(state.Id, state);
                user.Learn(state.Id);
            }

            users.Add(user);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {candidate.UserName,-28} {group,-14} {inScope,9:N0} findings in scope, {states.Count,5:N0} sampled{(child is null ? string.Empty : $", sub-unit {child}")}{(Useful(candidate, group) ? string.Empty : " (scope lacks the statuses its writes need)")}"));
        }

        return (users, findings);
    }

    /// <summary>The user's findings as the app's scope filters show them: up to <see cref="SamplePerStatus"/> per status.</summary>
    private static async Task<(List<FindingFacts> Facts, List<FindingState> States, int InScope)> SampleAsync(
        DatabaseProvider provider, string connectionString, UserScope scope, Random random)
    {
        await using var db = new RectificationDbContext(DataGenerator.Options(provider, connectionString), new FixedScope(scope));
        var inScope = await db.Findings.AsNoTracking().Select(f => new { f.Id, f.Status }).ToListAsync();
        var sample = new List<int>();
        foreach (var status in inScope.GroupBy(f => f.Status).OrderBy(g => g.Key))
        {
            var ids = status.Select(f => f.Id).Order().ToArray();
            random.Shuffle(ids);
            sample.AddRange(ids.Take(SamplePerStatus));
        }

        var facts = new List<FindingFacts>();
        var states = new List<FindingState>();
        foreach (var chunk in sample.Order().Chunk(500))
        {
            var rows = await db.Findings.AsNoTracking().Where(f => chunk.Contains(f.Id))
                .Select(f => new
                {
                    f.Id,
                    f.Status,
                    f.InspectionId,
                    f.CategoryId,
                    f.Deadline,
                    f.Title,
                    f.OwningUnit!.Path,
                    HasSummary = f.RectificationSummary != string.Empty,
                    HasEvidence = f.Evidence.Any(e => !e.IsDeleted),
                })
                .OrderBy(f => f.Id)
                .ToListAsync();
            facts.AddRange(rows.Select(r => new FindingFacts(r.Id, r.InspectionId, r.CategoryId, r.Deadline, r.Title)));
            states.AddRange(rows.Select(r => new FindingState(r.Id, r.Path, r.Status, r.HasSummary, r.HasEvidence)));
        }

        return (facts, states, inScope.Count);
    }

    private static UserGroup? GroupOf(Candidate c)
    {
        bool Has(string role) => c.Roles.Contains(role);
        var unit = c.Unit;
        return c.UserName switch
        {
            GeneratedData.ProvinceUser => UserGroup.ProvinceOffice,
            _ when Has(Roles.InspectionOffice) && unit.Kind == OrgUnitKind.PartyCommittee && c.UserName.StartsWith("office.", StringComparison.Ordinal) =>
                unit.Depth switch { 2 => UserGroup.CityOffice, 3 => UserGroup.CountyOffice, _ => null },
            _ when Has(Roles.Leader) && ((unit.Kind == OrgUnitKind.PartyCommittee && unit.Depth == 3) || unit.Kind == OrgUnitKind.Bureau) =>
                UserGroup.Leader,
            _ when Has(Roles.UnitHead) && c.UserName.StartsWith("head.", StringComparison.Ordinal) => unit.Kind switch
            {
                OrgUnitKind.Bureau => UserGroup.BureauHead,
                OrgUnitKind.TownshipEducationOffice => UserGroup.TownshipHead,
                OrgUnitKind.School => UserGroup.SchoolHead,
                _ => null,
            },
            _ when c.Roles is [Roles.UnitStaff] => unit.Kind switch
            {
                OrgUnitKind.TownshipEducationOffice => UserGroup.TownshipStaff,
                OrgUnitKind.School => UserGroup.SchoolStaff,
                _ => null,
            },
            _ => null,
        };
    }

    private static IEnumerable<int> Ancestors(string path) =>
        path.Split(UnitPath.Separator, StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));
}
