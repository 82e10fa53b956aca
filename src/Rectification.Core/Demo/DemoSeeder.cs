using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.Core.Ledger.Word;
using Rectification.Core.Time;
using Rectification.Core.Units;
using Rectification.Core.Urging;

namespace Rectification.Core.Demo;

/// <summary>
/// Fills an empty database with a county's unit tree, an account for every role and the Jiaxiang inspection of
/// the reference report, its 24 findings spread over every status, some overdue and some due soon, the rules
/// issued during its rectification (DemoSeeder.Mechanisms.cs) and the draft of its public report
/// (DemoSeeder.Report.cs).
/// </summary>
public sealed partial class DemoSeeder(
    RectificationDbContext db,
    UserManager<AppUser> userManager,
    IEvidenceStore evidenceStore,
    BusinessClock clock,
    ILogger<DemoSeeder> logger)
{
    public const string Password = "Rectify#2023";

    private static readonly TimeSpan s_chinaOffset = TimeSpan.FromHours(8);

    private readonly Dictionary<string, OrgUnit> _units = [];
    private readonly Dictionary<string, AppUser> _users = [];

    /// <summary>The inspection's findings in the order of <see cref="JiaxiangFindings.All"/>.</summary>
    private readonly List<Finding> _findings = [];

    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Units.IgnoreQueryFilters().AnyAsync(cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SeedUnitsAsync(cancellationToken);
        await SeedUsersAsync(cancellationToken);
        var inspection = await SeedInspectionAsync(cancellationToken);
        await SeedFollowUpsAsync(cancellationToken);
        await SeedMechanismsAsync(inspection, cancellationToken);
        await SeedVisitsAsync(inspection, cancellationToken);
        await SeedReportAsync(inspection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SeedGroupRobotsAsync(cancellationToken);
        LogSeeded(logger, _units.Count, _users.Count, JiaxiangFindings.All.Count);
        return true;
    }

    private async Task SeedUnitsAsync(CancellationToken cancellationToken)
    {
        await AddUnitAsync("JX", "中共嘉祥县委", OrgUnitKind.PartyCommittee, null, cancellationToken);
        await AddUnitAsync("JX-XCB", "县委巡察工作领导小组办公室", OrgUnitKind.Department, "JX", cancellationToken);
        await AddUnitAsync("JX-JTJ", "县教育和体育局", OrgUnitKind.Bureau, "JX", cancellationToken);
        string[][] departments =
        [
            ["JX-JTJ-BGS", "办公室"],
            ["JX-JTJ-ZZK", "组织人事科"],
            ["JX-JTJ-JJK", "基础教育科"],
            ["JX-JTJ-MBK", "民办教育管理科"],
            ["JX-JTJ-CWK", "计划财务科"],
            ["JX-JTJ-AQK", "安全管理科"],
            ["JX-JTJ-JW", "局机关纪委"],
        ];
        foreach (var (department, index) in departments.Select((d, i) => (d, i)))
        {
            await AddUnitAsync(department[0], department[1], OrgUnitKind.Department, "JX-JTJ", cancellationToken, index);
        }

        string[][] townships =
        [
            ["JX-JTJ-JXJD", "嘉祥街道教办", "JX-JTJ-JXJD-01", "嘉祥街道第一小学", "JX-JTJ-JXJD-02", "嘉祥街道实验幼儿园"],
            ["JX-JTJ-WLS", "卧龙山街道教办", "JX-JTJ-WLS-01", "卧龙山街道中心小学", "JX-JTJ-WLS-02", "卧龙山街道中学"],
            ["JX-JTJ-ZF", "纸坊镇教办", "JX-JTJ-ZF-01", "纸坊镇中学"],
            ["JX-JTJ-MC", "马村镇教办", "JX-JTJ-MC-01", "马村镇中心小学"],
        ];
        foreach (var (township, index) in townships.Select((t, i) => (t, i)))
        {
            await AddUnitAsync(township[0], township[1], OrgUnitKind.TownshipEducationOffice, "JX-JTJ", cancellationToken, 100 + index);
            for (var school = 2; school < township.Length; school += 2)
            {
                await AddUnitAsync(township[school], township[school + 1], OrgUnitKind.School, township[0], cancellationToken, school);
            }
        }
    }

    private async Task AddUnitAsync(string code, string name, OrgUnitKind kind, string? parentCode, CancellationToken cancellationToken, int sortOrder = 0)
    {
        var parent = parentCode is null ? null : _units[parentCode];
        var unit = new OrgUnit { Code = code, Name = name, Kind = kind, ParentId = parent?.Id, SortOrder = sortOrder };
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        unit.Path = parent is null ? UnitPath.Root(unit.Id) : UnitPath.Child(parent.Path, unit.Id);
        unit.Depth = UnitPath.DepthOf(unit.Path);
        await db.SaveChangesAsync(cancellationToken);
        _units[code] = unit;
    }

    private async Task SeedUsersAsync(CancellationToken cancellationToken)
    {
        string[][] accounts =
        [
            // user name, name, 职务, unit, roles
            ["admin", "系统管理员", "信息中心工程师", "JX", Roles.Admin],
            ["inspector", "王立新", "县委巡察办副主任", "JX", Roles.InspectionOffice],
            ["leader", "刘建国", "局党组书记、局长", "JX-JTJ", Roles.Leader],
            ["deputy1", "张志强", "局党组成员、副局长", "JX-JTJ", Roles.Leader],
            ["deputy2", "李红梅", "局党组成员、副局长", "JX-JTJ", Roles.Leader],
            ["deputy3", "赵国华", "局党组成员、副局长", "JX-JTJ", Roles.Leader],
            ["head.office", "孙海燕", "办公室主任", "JX-JTJ-BGS", Roles.UnitHead],
            ["head.org", "周文军", "组织人事科科长", "JX-JTJ-ZZK", Roles.UnitHead],
            ["head.basic", "吴晓东", "基础教育科科长", "JX-JTJ-JJK", Roles.UnitHead],
            ["head.finance", "郑丽华", "计划财务科科长", "JX-JTJ-CWK", Roles.UnitHead],
            ["head.disc", "陈卫东", "局机关纪委书记", "JX-JTJ-JW", Roles.UnitHead],
            ["head.a", "马德胜", "嘉祥街道教办主任", "JX-JTJ-JXJD", Roles.UnitHead],
            ["staff.a", "胡晓敏", "嘉祥街道教办整改联络员", "JX-JTJ-JXJD", Roles.UnitStaff],
            ["head.a1", "杨春生", "嘉祥街道第一小学校长", "JX-JTJ-JXJD-01", Roles.UnitHead],
            ["head.b", "何振华", "卧龙山街道教办主任", "JX-JTJ-WLS", Roles.UnitHead],
            ["staff.b", "林雪", "卧龙山街道教办整改联络员", "JX-JTJ-WLS", Roles.UnitStaff],
            ["head.b2", "郭永刚", "卧龙山街道中学校长", "JX-JTJ-WLS-02", Roles.UnitHead],
        ];

        // Every demo account has the same password; hashing it once keeps seeding (and every test host) quick.
        var hash = userManager.PasswordHasher.HashPassword(null!, Password);
        var createdAt = clock.UtcNow;
        foreach (var account in accounts)
        {
            var user = new AppUser
            {
                UserName = account[0],
                DisplayName = account[1],
                Title = account[2],
                UnitId = _units[account[3]].Id,
                PasswordHash = hash,
                CreatedAt = createdAt,
                // Set here because the hash is, bypassing the user manager that records it.
                PasswordChangedAt = createdAt,
            };
            Check(await userManager.CreateAsync(user), account[0]);
            Check(await userManager.AddToRoleAsync(user, account[4]), account[0]);
            _users[account[0]] = user;
        }
    }

    private async Task<Inspection> SeedInspectionAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var inspection = new Inspection
        {
            Title = "县委第一巡察组巡察县教育和体育局党组",
            TeamName = "县委第一巡察组",
            TeamShortName = "县委巡察组",
            PartyOrganisation = "县教育和体育局党组",
            PartyOrganisationFullName = "中共嘉祥县教育和体育局党组",
            InspectedUnitId = _units["JX-JTJ"].Id,
            InspectedUnit = _units["JX-JTJ"],
            FirstResponsibleUserId = _users["leader"].Id,
            InspectionStart = new DateOnly(2022, 7, 21),
            InspectionEnd = new DateOnly(2022, 8, 26),
            FeedbackDate = new DateOnly(2022, 12, 6),
            RectificationDueDate = new DateOnly(2023, 3, 6),
            Status = InspectionStatus.Rectifying,
            CreatedAt = At(2022, 12, 6, 9),
            UpdatedAt = now,
        };
        inspection.Categories.AddRange(StandardCategories.Create());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(cancellationToken);

        var categories = inspection.Categories.ToDictionary(c => c.Ordinal);
        var ordinals = new Dictionary<int, int>();
        var today = clock.Today;
        for (var index = 0; index < JiaxiangFindings.All.Count; index++)
        {
            var demo = JiaxiangFindings.All[index];
            var (status, deadlineOffset) = s_plan[index];
            ordinals[demo.Category] = ordinals.GetValueOrDefault(demo.Category) + 1;
            var deadline = deadlineOffset is { } days ? today.AddDays(days) : inspection.RectificationDueDate;
            var finding = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = categories[demo.Category].Id,
                Ordinal = ordinals[demo.Category],
                Title = demo.Title,
                Description = demo.Description,
                OwningUnitId = _units[demo.OwningUnit].Id,
                ResponsibleDepartmentId = demo.Department is null ? null : _units[demo.Department].Id,
                ResponsibleLeaderId = _users[demo.Leader].Id,
                ResponsiblePersonId = _users[demo.Person].Id,
                Deadline = deadline,
                Kind = demo.Kind,
                Status = status,
                RectificationSummary = demo.Summary,
                CreatedAt = inspection.CreatedAt,
            };
            AddMeasures(finding, demo, status == FindingStatus.Closed);
            AddHistory(finding, index, now, recent: deadlineOffset is not null);
            await AddEvidenceAsync(finding, index, cancellationToken);
            finding.UpdatedAt = finding.Events.Max(e => e.At);
            db.Findings.Add(finding);
            _findings.Add(finding);
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedSupervisionAsync(inspection.Id, cancellationToken);
        return inspection;
    }

    /// <summary>
    /// An approved and a pending deadline extension, and an urge unit B has not acknowledged yet, so the timeline,
    /// the approvals list and the dashboard have something to show.
    /// </summary>
    private async Task SeedSupervisionAsync(int inspectionId, CancellationToken cancellationToken)
    {
        var findings = await db.Findings.Where(f => f.InspectionId == inspectionId).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var inspector = _users["inspector"];
        var now = clock.UtcNow;

        var extended = findings[5];
        var headB = _users["head.b"];
        var original = extended.Deadline!.Value.AddDays(-20);
        extended.OriginalDeadline = original;
        db.DeadlineExtensions.Add(new DeadlineExtension
        {
            FindingId = extended.Id,
            CurrentDeadline = original,
            RequestedDeadline = extended.Deadline.Value,
            Reason = "寒假期间校外培训机构集中检查尚未结束,需延长20天。",
            RequestedAt = now.AddDays(-25),
            RequestedById = headB.Id,
            RequestedByName = headB.DisplayName,
            Status = ExtensionStatus.Approved,
            DecidedAt = now.AddDays(-24),
            DecidedById = inspector.Id,
            DecidedByName = inspector.DisplayName,
            DecisionNote = "同意延期,请按新时限完成。",
        });

        var pending = findings[3];
        var headA = _users["head.a"];
        db.DeadlineExtensions.Add(new DeadlineExtension
        {
            FindingId = pending.Id,
            CurrentDeadline = pending.Deadline,
            RequestedDeadline = clock.Today.AddDays(30),
            Reason = "民办幼儿园年检需等市级检查结果,申请延期一个月。",
            RequestedAt = now.AddDays(-1),
            RequestedById = headA.Id,
            RequestedByName = headA.DisplayName,
        });

        var leader = _users["leader"];
        db.Urges.Add(new Urge
        {
            UnitId = _units["JX-JTJ-WLS"].Id,
            Message = "卧龙山街道教办有问题已超期,请抓紧整改,按时报送佐证材料。",
            ExpectedBy = clock.Today.AddDays(7),
            CreatedAt = now.AddDays(-2),
            CreatedById = leader.Id,
            CreatedByName = leader.DisplayName,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Status and deadline (days from today; null: the inspection's due date) for each finding, in report order.</summary>
    private static readonly (FindingStatus Status, int? DeadlineOffset)[] s_plan =
    [
        (FindingStatus.Closed, null),
        (FindingStatus.Closed, null),
        (FindingStatus.Closed, null),
        (FindingStatus.InProgress, -12),
        (FindingStatus.Closed, null),
        (FindingStatus.Submitted, 5),
        (FindingStatus.InProgress, 3),
        (FindingStatus.Returned, -3),
        (FindingStatus.InProgress, 40),
        (FindingStatus.Closed, null),
        (FindingStatus.Closed, null),
        (FindingStatus.Closed, null),
        (FindingStatus.InProgress, 25),
        (FindingStatus.Submitted, 10),
        (FindingStatus.Closed, null),
        (FindingStatus.Assigned, 20),
        (FindingStatus.Closed, null),
        (FindingStatus.Assigned, 6),
        (FindingStatus.InProgress, -30),
        (FindingStatus.Reopened, 14),
        (FindingStatus.InProgress, -1),
        (FindingStatus.Submitted, 2),
        (FindingStatus.Draft, 60),
        (FindingStatus.Closed, null),
    ];

    /// <summary>The report paragraph's clauses (split at ;) become the finding's measures.</summary>
    private void AddMeasures(Finding finding, DemoFinding demo, bool done)
    {
        var clauses = demo.Summary.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var (clause, index) in clauses.Take(4).Select((c, i) => (c, i)))
        {
            finding.Measures.Add(new Measure
            {
                Ordinal = index + 1,
                Description = clause.TrimEnd('。'),
                OwnerId = _users[demo.Person].Id,
                Deadline = finding.Deadline,
                DoneDate = done ? new DateOnly(2023, 2, 20).AddDays(index) : null,
            });
        }
    }

    /// <summary>A plausible timeline that leads to the finding's current status.</summary>
    /// <remarks>
    /// Findings still being worked on (<paramref name="recent"/>) were (re)assigned about ten weeks ago, so their
    /// lights tell a true story against their deadlines; closed ones keep the 2022–2023 dates of the reference report.
    /// </remarks>
    private void AddHistory(Finding finding, int index, DateTime now, bool recent)
    {
        var inspector = _users["inspector"];
        var person = _users.Values.First(u => u.Id == finding.ResponsiblePersonId);
        var unitHead = person;
        var step = recent ? now.AddDays(-75).AddMinutes(index * 7) : At(2022, 12, 6, 10).AddMinutes(index * 7);

        void Add(FindingEventKind kind, FindingStatus? from, FindingStatus to, AppUser actor, DateTime at, string? comment = null) =>
            finding.Events.Add(new FindingEvent
            {
                Kind = kind,
                FromStatus = from,
                ToStatus = to,
                ActorId = actor.Id,
                ActorName = actor.DisplayName,
                At = at,
                Comment = comment,
            });

        // The office imported the feedback from the Word document the import page offers as its sample, in the
        // document's order (which is JiaxiangFindings' order).
        Add(FindingEventKind.Created, null, FindingStatus.Draft, inspector, step, LedgerImporter.CreatedComment(FeedbackSample.FileName, index + 1));
        if (finding.Status == FindingStatus.Draft)
        {
            return;
        }

        Add(FindingEventKind.Assigned, FindingStatus.Draft, FindingStatus.Assigned, inspector, step.AddDays(2));
        finding.AssignedOn = DateOnly.FromDateTime(step.AddDays(2).Add(s_chinaOffset));
        finding.OriginalDeadline = finding.Deadline;
        if (finding.Status == FindingStatus.Assigned)
        {
            return;
        }

        Add(FindingEventKind.Claimed, FindingStatus.Assigned, FindingStatus.InProgress, unitHead, step.AddDays(4));
        if (finding.Status == FindingStatus.InProgress)
        {
            return;
        }

        var closedOff = finding.Status is FindingStatus.Closed or FindingStatus.Reopened;
        var submittedAt = closedOff ? At(2023, 2, 20, 15).AddMinutes(index * 11) : now.AddDays(-4).AddMinutes(index);
        Add(FindingEventKind.Submitted, FindingStatus.InProgress, FindingStatus.Submitted, unitHead, submittedAt);
        finding.SubmittedAt = submittedAt;
        finding.SubmittedById = unitHead.Id;
        switch (finding.Status)
        {
            case FindingStatus.Returned:
                Add(FindingEventKind.Returned, FindingStatus.Submitted, FindingStatus.Returned, inspector, now.AddDays(-2),
                    "佐证材料不全:缺少现场查验照片和整改前后对比材料,请补充后重新申请销号。");
                break;
            case FindingStatus.Closed:
            case FindingStatus.Reopened:
                // One of them was closed off after its deadline, so the demo shows a late close-off too.
                var approvedAt = index == 16 ? At(2023, 3, 15, 10) : At(2023, 3, 1, 10).AddMinutes(index * 13);
                Add(FindingEventKind.Approved, FindingStatus.Submitted, FindingStatus.Closed, inspector, approvedAt, "经查阅资料和现场查验,整改到位,同意销号。");
                finding.ClosedAt = approvedAt;
                finding.ClosedOn = DateOnly.FromDateTime(approvedAt.Add(s_chinaOffset));
                finding.ClosedById = inspector.Id;
                finding.VerificationMethod = index % 2 == 0 ? VerificationMethod.OnSiteCheck : VerificationMethod.DocumentReview;
                finding.VerifiedOn = index % 2 == 0 ? DateOnly.FromDateTime(approvedAt.AddHours(8)).AddDays(-1) : null;
                finding.FollowUpDate = finding.Kind == FindingKind.LongTerm ? new DateOnly(2023, 9, 1) : null;
                if (finding.Status == FindingStatus.Reopened)
                {
                    Add(FindingEventKind.Reopened, FindingStatus.Closed, FindingStatus.Reopened, inspector, now.AddDays(-6),
                        "回头看发现问题有反弹,部分单位仍未落实,重新打开持续整改。");
                    finding.ClosedAt = null;
                    finding.ClosedOn = null;
                    finding.ClosedById = null;
                }

                break;
        }
    }

    /// <summary>
    /// Evidence for every finding the unit has worked on: a rectification report and, for some, meeting minutes.
    /// Closed findings' evidence was accepted; a returned finding has one item rejected with the reviewer's note.
    /// </summary>
    private async Task AddEvidenceAsync(Finding finding, int index, CancellationToken cancellationToken)
    {
        if (finding.Status is FindingStatus.Draft or FindingStatus.Assigned)
        {
            return;
        }

        var uploader = _users.Values.First(u => u.Id == finding.ResponsiblePersonId);
        var reviewer = _users["inspector"];
        var uploadedAt = finding.Events.First(e => e.Kind == FindingEventKind.Claimed).At.AddDays(20);
        var files = new List<(string Description, string FileName, string Content)>
        {
            ("整改情况报告", $"整改情况报告-{index + 1}.pdf", $"Rectification report, finding {index + 1}"),
        };
        if (index % 3 == 0 || finding.Status == FindingStatus.Returned)
        {
            files.Add(("专题会议纪要", $"专题会议纪要-{index + 1}.pdf", $"Meeting minutes, finding {index + 1}"));
        }

        foreach (var (file, position) in files.Select((f, i) => (f, i)))
        {
            var blob = await evidenceStore.ReceiveAsync(new MemoryStream(DemoFiles.Pdf(file.Content)), long.MaxValue, cancellationToken);
            await evidenceStore.CommitAsync(blob, cancellationToken);
            var item = new EvidenceItem
            {
                Description = file.Description,
                EvidenceDate = DateOnly.FromDateTime(uploadedAt.AddHours(8)).AddDays(-2),
                CreatedAt = uploadedAt,
                CreatedById = uploader.Id,
            };
            item.Versions.Add(new EvidenceVersion
            {
                Number = 1,
                FileName = file.FileName,
                FileType = EvidenceFileType.Pdf,
                Length = blob.Length,
                Sha256 = blob.Sha256,
                UploadedAt = uploadedAt,
                UploadedById = uploader.Id,
                UploadedByName = uploader.DisplayName,
            });

            var rejected = finding.Status == FindingStatus.Returned && position == files.Count - 1;
            if (finding.Status is FindingStatus.Closed or FindingStatus.Reopened || finding.Status == FindingStatus.Returned)
            {
                item.Review = rejected ? EvidenceReview.Rejected : EvidenceReview.Accepted;
                item.ReviewNote = rejected ? "会议纪要未加盖公章,请补充正式版本。" : null;
                item.ReviewedAt = finding.ClosedAt ?? uploadedAt.AddDays(3);
                item.ReviewedById = reviewer.Id;
            }

            finding.Evidence.Add(item);
        }
    }

    /// <summary>A China Standard Time wall-clock moment as UTC.</summary>
    private static DateTime At(int year, int month, int day, int hour) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, s_chinaOffset).UtcDateTime;

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded: {Units} units, {Users} accounts, {Findings} findings")]
    private static partial void LogSeeded(ILogger logger, int units, int users, int findings);
}
