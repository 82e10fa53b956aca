using System.Diagnostics;
using System.Globalization;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Counting;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;
using Rectification.Core.Units;

namespace Rectification.Benchmarks.Generator;

/// <summary>How much to generate. <see cref="Province"/> is the size of issue 8; <see cref="ForFindings"/> scales it.</summary>
public sealed record GeneratorSize(int Units, int Users, int Inspections, int Findings, int Events, int Evidence)
{
    public static GeneratorSize Province { get; } = new(10_000, 50_000, 2_000, 100_000, 500_000, 300_000);

    /// <summary>The province's proportions for another number of findings (at least a small tree).</summary>
    public static GeneratorSize ForFindings(int findings) => findings >= Province.Findings
        ? Province with { Findings = findings, Events = findings * 5, Evidence = findings * 3 }
        : new(Math.Max(120, findings / 10), Math.Max(400, findings / 2), Math.Max(8, findings / 50), findings, findings * 5, findings * 3);
}

/// <summary>What the load driver needs to know of the generated data.</summary>
public sealed record GeneratedData(
    int ProvinceUnitId, int CityUnitId, int CountyUnitId, int BigInspectionId, int BigInspectionFindings, int SampleFindingId)
{
    public const string Password = "Rectify#2023";
    public const string ProvinceUser = "bench.province";
    public const string CountyLeader = "bench.county";
}

/// <summary>
/// Fills an empty, migrated database (any provider) with a province: province → cities → counties → bureaus →
/// townships → schools, their users, inspections with the four standard categories, findings in every status with
/// deadlines spread around today, measures, timeline events and evidence metadata (files share a few contents).
/// Deterministic: the same seed and day give the same data. Rows go in through <see cref="BulkWriter"/>.
/// </summary>
public sealed class DataGenerator(RectificationDbContext db, GeneratorSize size, int seed = 2026)
{
    private static readonly FindingStatus[] s_statusMix =
    [
        FindingStatus.Draft,
        FindingStatus.Assigned, FindingStatus.Assigned,
        FindingStatus.InProgress, FindingStatus.InProgress, FindingStatus.InProgress, FindingStatus.InProgress, FindingStatus.InProgress,
        FindingStatus.Submitted, FindingStatus.Submitted,
        FindingStatus.Returned,
        FindingStatus.Closed, FindingStatus.Closed, FindingStatus.Closed, FindingStatus.Closed, FindingStatus.Closed, FindingStatus.Closed,
        FindingStatus.Reopened,
    ];

    /// <summary>The deadline options the app runs with by default: the derived columns and counters are computed with them.</summary>
    private static readonly DeadlineOptions s_deadlines = new();

    private readonly Faker _faker = new("zh_CN") { Random = new Randomizer(seed) };
    private readonly List<OrgUnit> _units = [];
    private readonly Dictionary<int, List<int>> _descendants = [];
    private readonly Dictionary<int, List<AppUser>> _usersByUnit = [];
    private readonly List<AppUser> _offices = [];
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private readonly DateTime _now = AuditSafe(DateTime.UtcNow);

    private Randomizer Random => _faker.Random;

    public async Task<GeneratedData> GenerateAsync(TextWriter log)
    {
        if (await db.Units.IgnoreQueryFilters().AnyAsync())
        {
            throw new InvalidOperationException("The database already holds units: the generator fills an empty (migrated) database.");
        }

        var writer = new BulkWriter(db);
        var watch = Stopwatch.StartNew();
        void Done(string what, int count) => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-18} {count,9:N0}  {watch.Elapsed.TotalSeconds,6:0.0} s"));

        BuildUnits();
        Done("units", await writer.WriteAsync(_units));

        var users = BuildUsers();
        Done("users", await writer.WriteAsync(users.Select(u => u.User)));
        Done("user roles", await writer.WriteAsync(users.Select(u => new IdentityUserRole<string> { UserId = u.User.Id, RoleId = Roles.IdOf(u.Role) })));

        var (inspections, categories) = BuildInspections();
        Done("inspections", await writer.WriteAsync(inspections));
        Done("categories", await writer.WriteAsync(categories));

        var findings = BuildFindings(inspections, categories);
        Done("findings", await writer.WriteAsync(findings));
        var measures = BuildMeasures(findings);
        Done("measures", await writer.WriteAsync(measures));
        Done("events", await writer.WriteAsync(BuildEvents(findings)));
        var evidence = BuildEvidence(findings, measures);
        Done("evidence items", await writer.WriteAsync(evidence.Select(e => e.Item)));
        Done("evidence versions", await writer.WriteAsync(evidence.SelectMany(e => e.Versions)));

        // The counters, as the app's start-up would build them (the findings carry their derived columns already).
        await CountingSetup.EnsureCurrentAsync(db, s_deadlines, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        Done("counters", await db.FindingTallies.CountAsync());

        // Statistics for the query planners, and on PostgreSQL the visibility map its index-only scans need, as a
        // database that grew in use would have them (autovacuum keeps both up to date there).
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE;" : "ANALYZE;");
        Done("analysed", 0);

        var city = _units.First(u => u.Depth == 2);
        var county = _units.First(u => u.Depth == 3);
        var sample = findings.First(f => f.Status == FindingStatus.InProgress && f.InspectionId != inspections[0].Id);
        return new GeneratedData(_units[0].Id, city.Id, county.Id, inspections[0].Id, findings.Count(f => f.InspectionId == inspections[0].Id), sample.Id);
    }

    private static DateTime AuditSafe(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private OrgUnit AddUnit(string name, string code, OrgUnitKind kind, OrgUnit? parent)
    {
        var unit = new OrgUnit
        {
            Id = _units.Count + 1,
            Name = name,
            Code = code,
            Kind = kind,
            ParentId = parent?.Id,
            SortOrder = parent is null ? 0 : parent.Children.Count + 1,
        };
        unit.Path = parent is null ? UnitPath.Root(unit.Id) : UnitPath.Child(parent.Path, unit.Id);
        unit.Depth = UnitPath.DepthOf(unit.Path);
        parent?.Children.Add(unit);
        _units.Add(unit);
        return unit;
    }

    /// <summary>Province, cities, counties (五局 each), two townships per bureau, the remaining units as schools.</summary>
    private void BuildUnits()
    {
        var target = size.Units;
        var cityCount = Math.Clamp(target / 625, 2, ChineseText.Cities.Length);
        var countyCount = Math.Max(cityCount, target / 62);
        const int BureausPerCounty = 5;
        const int TownshipsPerBureau = 2;
        var province = AddUnit("中共山东省委", "SD", OrgUnitKind.PartyCommittee, null);
        var cities = Enumerable.Range(0, cityCount)
            .Select(c => AddUnit("中共" + ChineseText.Cities[c] + "委", $"SD-{c + 1:00}", OrgUnitKind.PartyCommittee, province)).ToList();
        var townships = new List<OrgUnit>();
        for (var n = 0; n < countyCount; n++)
        {
            var city = cities[n % cityCount];
            var place = ChineseText.Place(Random, n);
            var county = AddUnit($"中共{place}县委", $"{city.Code}-{n + 1:000}", OrgUnitKind.PartyCommittee, city);
            for (var b = 0; b < BureausPerCounty; b++)
            {
                var bureau = AddUnit($"{place}县{ChineseText.Bureaus[b]}", $"{county.Code}-B{b + 1}", OrgUnitKind.Bureau, county);
                for (var t = 0; t < TownshipsPerBureau; t++)
                {
                    var township = ChineseText.Place(Random, (n * 7) + (b * 2) + t) + (t == 0 ? "镇" : "街道");
                    townships.Add(AddUnit($"{township}{(b == 0 ? "教办" : "所")}", $"{bureau.Code}-T{t + 1}", OrgUnitKind.TownshipEducationOffice, bureau));
                }
            }
        }

        var schools = Math.Max(0, target - _units.Count);
        for (var s = 0; s < schools; s++)
        {
            var township = townships[s % townships.Count];
            var name = ChineseText.School(township.Name.Replace("教办", string.Empty, StringComparison.Ordinal).Replace("所", string.Empty, StringComparison.Ordinal), s / townships.Count);
            AddUnit(name, $"{township.Code}-S{(s / townships.Count) + 1}", OrgUnitKind.School, township);
        }

        // Subtrees of the units an inspection can inspect (the province, counties and bureaus).
        var byParent = _units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value);
        List<int> Collect(OrgUnit unit) =>
            [unit.Id, .. byParent[unit.Id].SelectMany(c => _descendants.TryGetValue(c.Id, out var known) ? known : Collect(c))];
        foreach (var unit in _units.Where(u => u.Depth is 3 or 4).Reverse())
        {
            _descendants[unit.Id] = Collect(unit);
        }

        _descendants[province.Id] = _units.Select(u => u.Id).ToList();
    }

    private List<(AppUser User, string Role)> BuildUsers()
    {
        var hash = new PasswordHasher<AppUser>().HashPassword(null!, GeneratedData.Password);
        var users = new List<(AppUser User, string Role)>(size.Users);
        (AppUser User, string Role) Add(string userName, OrgUnit unit, string role, string title)
        {
            var user = new AppUser
            {
                Id = new Guid(Random.Bytes(16)).ToString(),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = _faker.Name.LastName() + _faker.Name.FirstName(),
                Title = title,
                UnitId = unit.Id,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = _now,
                PasswordChangedAt = _now,
            };
            if (!_usersByUnit.TryGetValue(unit.Id, out var list))
            {
                _usersByUnit[unit.Id] = list = [];
            }

            list.Add(user);
            if (role == Roles.InspectionOffice)
            {
                _offices.Add(user);
            }

            users.Add((user, role));
            return (user, role);
        }

        // The load driver's accounts: the province's inspection office (sees everything) and a county's secretary.
        Add(GeneratedData.ProvinceUser, _units[0], Roles.InspectionOffice, "省委巡视办干部");
        Add(GeneratedData.CountyLeader, _units.First(u => u.Depth == 3), Roles.Leader, "县委书记");
        foreach (var unit in _units)
        {
            if (users.Count >= size.Users)
            {
                break;
            }

            var code = unit.Code.ToLowerInvariant();
            _ = unit.Kind is OrgUnitKind.PartyCommittee
                ? Add($"office.{code}", unit, Roles.InspectionOffice, "巡察办干部")
                : Add($"head.{code}", unit, Roles.UnitHead, unit.Kind == OrgUnitKind.School ? "校长" : "主任");
        }

        for (var n = 0; users.Count < size.Users; n++)
        {
            var unit = _units[Random.Number(_units.Count - 1)];
            var leader = unit.Kind is OrgUnitKind.PartyCommittee or OrgUnitKind.Bureau && Random.Bool(0.3f);
            Add($"u{n + 1:00000}.{unit.Code.ToLowerInvariant()}", unit, leader ? Roles.Leader : Roles.UnitStaff, leader ? "党组成员" : "整改联络员");
        }

        return users;
    }

    private (List<Inspection> Inspections, List<FindingCategory> Categories) BuildInspections()
    {
        var inspectable = _units.Where(u => u.Depth is 3 or 4).ToList();
        var inspections = new List<Inspection>(size.Inspections);
        var categories = new List<FindingCategory>(size.Inspections * 4);
        for (var n = 0; n < size.Inspections; n++)
        {
            // The first inspection is the province's own, large enough for a 10,000-row ledger export.
            var unit = n == 0 ? _units[0] : inspectable[Random.Number(inspectable.Count - 1)];
            var feedback = _today.AddDays(-Random.Number(20, 420));
            var team = n == 0 ? "省委第一巡视组" : $"县委第{(n % 9) + 1}巡察组";
            var inspection = new Inspection
            {
                Id = n + 1,
                Title = n == 0 ? "省委第一巡视组巡视全省教育系统" : $"{team}巡察{unit.Name}党组织",
                TeamName = team,
                TeamShortName = n == 0 ? "省委巡视组" : "县委巡察组",
                PartyOrganisation = unit.Name + "党组",
                PartyOrganisationFullName = "中共" + unit.Name + "党组",
                InspectedUnitId = unit.Id,
                InspectedUnitPath = unit.Path,
                FirstResponsibleUserId = _usersByUnit.GetValueOrDefault(unit.Id)?.FirstOrDefault()?.Id,
                InspectionStart = feedback.AddDays(-100),
                InspectionEnd = feedback.AddDays(-60),
                FeedbackDate = feedback,
                RectificationDueDate = feedback.AddDays(90),
                Status = feedback.AddDays(360) < _today ? InspectionStatus.Completed : InspectionStatus.Rectifying,
                CreatedAt = ToUtc(feedback),
                UpdatedAt = _now,
            };
            inspections.Add(inspection);
            var firstCategory = categories.Count + 1;
            categories.AddRange(StandardCategories.Names.Select((name, i) => new FindingCategory
            {
                Id = firstCategory + i,
                InspectionId = inspection.Id,
                Ordinal = i + 1,
                Name = name,
            }));
        }

        return (inspections, categories);
    }

    private static DateTime ToUtc(DateOnly day, int hour = 9) => new(day.Year, day.Month, day.Day, hour, 0, 0, DateTimeKind.Utc);

    private List<Finding> BuildFindings(List<Inspection> inspections, List<FindingCategory> categories)
    {
        var findings = new List<Finding>(size.Findings);
        var big = Math.Min(10_000, size.Findings / 10);
        var rest = size.Findings - big;
        var ordinals = new Dictionary<int, int>();
        for (var n = 0; n < size.Findings; n++)
        {
            var inspection = n < big ? inspections[0] : inspections[1 + ((n - big) % (inspections.Count - 1))];
            var category = categories[((inspection.Id - 1) * 4) + Random.Number(3)];
            ordinals[category.Id] = ordinals.GetValueOrDefault(category.Id) + 1;
            var subtree = _descendants[inspection.InspectedUnitId];
            var unitId = subtree[Random.Number(subtree.Count - 1)];
            var unit = _units[unitId - 1];
            var people = _usersByUnit.GetValueOrDefault(unitId) ?? _usersByUnit[inspection.InspectedUnitId];
            var status = Random.ArrayElement(s_statusMix);
            var kind = Random.WeightedRandom([FindingKind.ByDeadline, FindingKind.Immediate, FindingKind.LongTerm], [0.7f, 0.2f, 0.1f]);
            var assigned = inspection.FeedbackDate.AddDays(Random.Number(0, 10));
            DateOnly? deadline = kind == FindingKind.LongTerm ? null : assigned.AddDays(kind == FindingKind.Immediate ? Random.Number(15, 60) : Random.Number(60, 420));
            var finding = new Finding
            {
                Id = n + 1,
                InspectionId = inspection.Id,
                CategoryId = category.Id,
                Ordinal = ordinals[category.Id],
                Title = ChineseText.FindingTitle(Random),
                Description = ChineseText.Description(Random, unit.Name),
                OwningUnitId = unitId,
                ResponsibleLeaderId = people[0].Id,
                ResponsiblePersonId = people[Random.Number(people.Count - 1)].Id,
                Deadline = deadline,
                OriginalDeadline = deadline is { } d && Random.Bool(0.05f) ? d.AddDays(-30) : null,
                AssignedOn = status == FindingStatus.Draft ? null : assigned,
                Kind = kind,
                Status = status,
                RectificationSummary = status is FindingStatus.Draft or FindingStatus.Assigned ? string.Empty : ChineseText.Summary(Random),
                CreatedAt = ToUtc(inspection.FeedbackDate),
                UpdatedAt = ToUtc(Min(_today, assigned.AddDays(Random.Number(1, 200))), Random.Number(8, 18)),
            };
            var latest = Min(_today, (deadline ?? _today).AddDays(30));
            var done = Max(assigned.AddDays(1), Min(latest, assigned.AddDays(Random.Number(5, 400))));
            if (status is FindingStatus.Submitted or FindingStatus.Closed or FindingStatus.Reopened or FindingStatus.Returned)
            {
                finding.SubmittedAt = ToUtc(done, 10);
                finding.SubmittedById = people[0].Id;
            }

            if (status is FindingStatus.Closed)
            {
                finding.ClosedOn = done;
                finding.ClosedAt = ToUtc(done, 15);
                finding.ClosedById = _offices[Random.Number(_offices.Count - 1)].Id;
                finding.VerificationMethod = Random.Bool() ? VerificationMethod.DocumentReview : VerificationMethod.OnSiteCheck;
                finding.VerifiedOn = done;
                finding.FollowUpDate = Random.Bool(0.2f) ? done.AddDays(180) : null;
            }

            DerivedColumns.Apply(finding, unit.Path, category.Ordinal, inspection.FeedbackDate, s_deadlines);
            findings.Add(finding);
        }

        _ = rest;
        return findings;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private List<Measure> BuildMeasures(List<Finding> findings)
    {
        var measures = new List<Measure>(findings.Count * 2);
        foreach (var finding in findings)
        {
            for (var m = 1; m <= 2; m++)
            {
                measures.Add(new Measure
                {
                    Id = measures.Count + 1,
                    FindingId = finding.Id,
                    Ordinal = m,
                    Description = ChineseText.Measure(Random, m),
                    OwnerId = finding.ResponsiblePersonId,
                    Deadline = finding.Deadline,
                    DoneDate = finding.Status == FindingStatus.Closed ? finding.ClosedOn : null,
                });
            }
        }

        return measures;
    }

    /// <summary>The status path each finding took, then progress updates until it has about Events / Findings events.</summary>
    private IEnumerable<FindingEvent> BuildEvents(List<Finding> findings)
    {
        long id = 0;
        var perFinding = Math.Max(1, size.Events / Math.Max(1, size.Findings));
        foreach (var finding in findings)
        {
            var path = new List<(FindingEventKind Kind, FindingStatus? From, FindingStatus? To)> { (FindingEventKind.Created, null, FindingStatus.Draft) };
            if (finding.Status != FindingStatus.Draft)
            {
                path.Add((FindingEventKind.Assigned, FindingStatus.Draft, FindingStatus.Assigned));
            }

            if (finding.Status is not (FindingStatus.Draft or FindingStatus.Assigned))
            {
                path.Add((FindingEventKind.Started, FindingStatus.Assigned, FindingStatus.InProgress));
            }

            while (path.Count < perFinding - 2 + Random.Number(0, 2) && finding.Status is not (FindingStatus.Draft or FindingStatus.Assigned))
            {
                path.Add((FindingEventKind.ProgressUpdated, null, null));
            }

            if (finding.SubmittedAt is not null)
            {
                path.Add((FindingEventKind.Submitted, FindingStatus.InProgress, FindingStatus.Submitted));
            }

            switch (finding.Status)
            {
                case FindingStatus.Returned:
                    path.Add((FindingEventKind.Returned, FindingStatus.Submitted, FindingStatus.Returned));
                    break;
                case FindingStatus.Closed:
                    path.Add((FindingEventKind.Approved, FindingStatus.Submitted, FindingStatus.Closed));
                    break;
                case FindingStatus.Reopened:
                    path.Add((FindingEventKind.Approved, FindingStatus.Submitted, FindingStatus.Closed));
                    path.Add((FindingEventKind.Reopened, FindingStatus.Closed, FindingStatus.Reopened));
                    break;
            }

            var start = finding.CreatedAt;
            var end = finding.ClosedAt ?? finding.SubmittedAt ?? finding.UpdatedAt;
            var step = (end - start) / Math.Max(1, path.Count);
            for (var i = 0; i < path.Count; i++)
            {
                var (kind, from, to) = path[i];
                yield return new FindingEvent
                {
                    Id = ++id,
                    FindingId = finding.Id,
                    Kind = kind,
                    FromStatus = from,
                    ToStatus = to,
                    ActorName = kind is FindingEventKind.Created or FindingEventKind.Assigned or FindingEventKind.Approved or FindingEventKind.Returned or FindingEventKind.Reopened
                        ? "巡察办" : "整改联络员",
                    At = AuditSafe(start + (step * i)),
                    Comment = kind switch
                    {
                        FindingEventKind.Returned => "佐证材料不充分,请补充后重新提交。",
                        FindingEventKind.Reopened => "\"回头看\"发现问题反弹,重新整改。",
                        FindingEventKind.ProgressUpdated => "更新整改进展。",
                        _ => null,
                    },
                };
            }
        }
    }

    private List<(EvidenceItem Item, List<EvidenceVersion> Versions)> BuildEvidence(List<Finding> findings, List<Measure> measures)
    {
        // Files may share content: a handful of hashes stand for every uploaded file.
        var contents = Enumerable.Range(0, 16).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)i]))).ToArray();
        var holders = findings.Where(f => f.Status is not (FindingStatus.Draft or FindingStatus.Assigned)).ToList();
        var perHolder = (double)size.Evidence / Math.Max(1, holders.Count);
        var result = new List<(EvidenceItem, List<EvidenceVersion>)>(size.Evidence);
        var versionId = 0;
        var owed = 0.0;
        foreach (var finding in holders)
        {
            owed += perHolder;
            while (owed >= 1 && result.Count < size.Evidence)
            {
                owed--;
                var description = ChineseText.EvidenceDescription(Random);
                var at = AuditSafe(finding.CreatedAt + ((finding.UpdatedAt - finding.CreatedAt) * Random.Double()));
                var uploader = _usersByUnit.GetValueOrDefault(finding.OwningUnitId)?[0];
                var item = new EvidenceItem
                {
                    Id = result.Count + 1,
                    FindingId = finding.Id,
                    MeasureId = measures[((finding.Id - 1) * 2) + Random.Number(1)].Id,
                    Description = description,
                    EvidenceDate = DateOnly.FromDateTime(at),
                    Review = finding.Status == FindingStatus.Closed ? EvidenceReview.Accepted : EvidenceReview.Pending,
                    ReviewedAt = finding.ClosedAt,
                    ReviewedById = finding.ClosedById,
                    CreatedAt = at,
                    CreatedById = uploader?.Id,
                    IsDeleted = Random.Bool(0.03f),
                };
                if (item.IsDeleted)
                {
                    item.DeletedAt = at.AddDays(1);
                    item.DeletedById = uploader?.Id;
                    item.DeleteReason = "上传错误";
                }

                var versions = Enumerable.Range(1, Random.Bool(0.1f) ? 2 : 1).Select(number =>
                {
                    var fileName = ChineseText.FileName(Random, description);
                    return new EvidenceVersion
                    {
                        Id = ++versionId,
                        EvidenceItemId = item.Id,
                        Number = number,
                        FileName = fileName,
                        FileType = ChineseText.FileType(fileName),
                        Length = Random.Number(20_000, 3_000_000),
                        Sha256 = contents[Random.Number(contents.Length - 1)],
                        UploadedAt = at.AddHours(number - 1),
                        UploadedById = uploader?.Id,
                        UploadedByName = uploader?.DisplayName ?? "整改联络员",
                    };
                }).ToList();
                result.Add((item, versions));
            }
        }

        return result;
    }

    public static DbContextOptions<RectificationDbContext> Options(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<RectificationDbContext>();
        // No time limit: a million findings arrive in one COPY, and PostgreSQL needs more than the default 30 s to
        // take them into the table and its indexes.
        builder.UseRectificationDatabase(provider, provider == DatabaseProvider.PostgreSql
            ? new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString
            : connectionString);
        return builder.Options;
    }

    /// <summary>A system-scope context on the given database, migrated.</summary>
    public static async Task<RectificationDbContext> OpenAsync(DatabaseProvider provider, string connectionString, bool migrate = true)
    {
        var db = new RectificationDbContext(Options(provider, connectionString), new FixedScope(UserScope.System));
        if (migrate)
        {
            await db.Database.MigrateAsync();
        }

        return db;
    }
}
