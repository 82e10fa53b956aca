using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Common;
using Rectification.Core.Counting;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.Core.Mechanisms;
using Rectification.Core.Notifications;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.Core.Reports;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Core.Urging;
using Rectification.Core.Visits;

namespace Rectification.Core.Data;

public partial class RectificationDbContext(
    DbContextOptions<RectificationDbContext> options, ICurrentScope currentScope, IAuditContext? auditContext = null)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private readonly IAuditContext _audit = auditContext ?? new SystemAuditContext(TimeProvider.System);

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>Hashes of each user's last passwords (<see cref="PasswordHistoryEntry"/>).</summary>
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    /// <summary>The key ring that protects cookies and tokens, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<FindingCategory> FindingCategories => Set<FindingCategory>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Measure> Measures => Set<Measure>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<FindingEvent> FindingEvents => Set<FindingEvent>();

    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();

    public DbSet<EvidenceVersion> EvidenceVersions => Set<EvidenceVersion>();

    public DbSet<DeadlineExtension> DeadlineExtensions => Set<DeadlineExtension>();

    public DbSet<Urge> Urges => Set<Urge>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();

    /// <summary>Units' 企业微信 / 钉钉 group robots, and the outbox of posts to them.</summary>
    public DbSet<GroupRobot> GroupRobots => Set<GroupRobot>();

    public DbSet<GroupRobotMessage> GroupRobotMessages => Set<GroupRobotMessage>();
    public DbSet<Mechanism> Mechanisms => Set<Mechanism>();

    public DbSet<MechanismFinding> MechanismFindings => Set<MechanismFinding>();

    public DbSet<MechanismDocument> MechanismDocuments => Set<MechanismDocument>();

    public DbSet<PublicReport> PublicReports => Set<PublicReport>();

    public DbSet<ReportComment> ReportComments => Set<ReportComment>();
    public DbSet<LedgerImport> LedgerImports => Set<LedgerImport>();

    public DbSet<SiteVisit> SiteVisits => Set<SiteVisit>();

    public DbSet<SiteVisitUnit> SiteVisitUnits => Set<SiteVisitUnit>();

    public DbSet<SiteVisitResult> SiteVisitResults => Set<SiteVisitResult>();

    public DbSet<FindingTally> FindingTallies => Set<FindingTally>();

    public DbSet<InspectionTally> InspectionTallies => Set<InspectionTally>();

    public DbSet<CountingState> CountingStates => Set<CountingState>();

    public DbSet<UnitTreeState> UnitTreeStates => Set<UnitTreeState>();

    public UserScope Scope => currentScope.Scope;

    // The scope as plain values: EF Core turns these into parameters of every query that meets a filter.
    private string ScopeLow => Scope.Range.Low;

    private string ScopeHigh => Scope.Range.High;

    private bool ScopeSeesDrafts => Scope.SeesDrafts;

    private bool ScopeIsSystem => Scope.IsSystem;

    private string ScopeUserId => Scope.UserId ?? string.Empty;

    private int ScopeUnitId => Scope.UnitId ?? 0;

    /// <summary>
    /// Findings in the user's scope (<see cref="Visibility.Findings"/>): the findings' query filter written for this
    /// scope's shape — no condition at all for a scope that sees everything — for the reads that page, count or join a
    /// finding's inspection, category, measures or events. Those are visible whenever the finding is, so their own
    /// filters are not evaluated again for every joined row.
    /// </summary>
    public IQueryable<Finding> FindingsInScope => Visibility.Findings(Findings.IgnoreQueryFilters(), Scope);

    /// <summary>
    /// <see cref="FindingsInScope"/> for reading the first rows, in some order, of a read that expects
    /// <paramref name="expectedRows"/> (the counters tell): beyond <see cref="Visibility.WalkInOrderAbove"/> the scope's
    /// condition is checked along the order's index (see <see cref="Visibility.Subtree"/> and <see cref="WalksInOrder"/>).
    /// </summary>
    public IQueryable<Finding> FindingsInScopeInOrder(int expectedRows, bool orderIndexHoldsFilters = false) =>
        Visibility.Findings(Findings.IgnoreQueryFilters(), Scope, WalksInOrder(expectedRows, orderIndexHoldsFilters));

    /// <summary>
    /// Whether a read of the first rows of <paramref name="expectedRows"/> walks an index in its order. SQLite: always
    /// beyond <see cref="Visibility.WalkInOrderAbove"/>. PostgreSQL: only where that index also holds the read's other
    /// conditions (<paramref name="orderIndexHoldsFilters"/>: the review queue's status and submission time, the urgent
    /// lists' light band and deadline). Its prepared statements' generic plans guess a scope's path range small and
    /// sort the whole province; walking fixes that, but where the order's index lacks the filters (the list by status
    /// and light) the opaque path test makes it filter by status and sort 13,000 rows instead (31 ms against 0.5 ms).
    /// </summary>
    public bool WalksInOrder(int expectedRows, bool orderIndexHoldsFilters = false) =>
        expectedRows > Visibility.WalkInOrderAbove && (Database.IsSqlite() || (orderIndexHoldsFilters && Database.IsNpgsql()));

    /// <summary>
    /// Whether the user sees a finding loaded without the query filters (<see cref="Visibility.CanSee"/>). A finding
    /// loaded with its collections (measures, evidence and their versions) is loaded that way: each collection's own
    /// filter would join the scope's findings again, which SQLite materialises for the whole scope before it looks
    /// for the one finding.
    /// </summary>
    public bool CanSee(Finding finding) => Visibility.CanSee(Scope, finding.OwningUnitPath, finding.Status);

    /// <summary>
    /// Inspections in the user's scope: the inspection's query filter (the inspected unit is covered, or one of its
    /// findings is in scope), with the inspections that have findings in scope read from the counters of the scope's
    /// unit (<see cref="InspectionTally"/>): a range and a short list, both served by an index.
    /// </summary>
    public IQueryable<Inspection> InspectionsInScope
    {
        get
        {
            var inspections = Inspections.IgnoreQueryFilters();
            if (Scope.SeesEverything)
            {
                return inspections;
            }

            var range = Scope.Range;
            var covered = Visibility.PathWithin<Inspection>(i => i.InspectedUnitPath, () => range.Low, () => range.High);
            var unitId = ScopeUnitId;
            var tallies = InspectionTallies.Where(t => t.UnitId == unitId);
            tallies = Scope.OwnUnitOnly ? tallies.Where(t => t.OwnUnit) : tallies;
            tallies = Scope.SeesDrafts ? tallies : tallies.Where(t => !t.Draft);
            var withFindings = tallies.Select(t => t.InspectionId);
            return inspections.Where(Or(covered, i => withFindings.Contains(i.Id)));
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(RectificationDbContext).Assembly);
        ApplyScopeFilters(builder);
        ComparePathsByteByByte(builder);
    }

    /// <summary>
    /// Every scope condition is a range of paths (<see cref="PathRange"/>), which holds only in the ordinal order of
    /// digits and '/': "C" on PostgreSQL and a binary collation on SQL Server, whose default collations sort
    /// punctuation by other rules. SQLite compares the finding's path in its default BINARY; a unit's path keeps NOCASE,
    /// which orders digits and '/' the same way (and serves the LIKE prefixes of older migrations).
    /// </summary>
    private void ComparePathsByteByByte(ModelBuilder builder)
    {
        var unitPath = builder.Entity<OrgUnit>().Property(u => u.Path);
        var copies = new[] { builder.Entity<Finding>().Property(f => f.OwningUnitPath), builder.Entity<Inspection>().Property(i => i.InspectedUnitPath) };
        if (Database.IsSqlite())
        {
            unitPath.UseCollation("NOCASE");
        }
        else if (Database.IsNpgsql())
        {
            unitPath.UseCollation("C");
            Array.ForEach(copies, path => path.UseCollation("C"));
        }
        else if (Database.IsSqlServer())
        {
            unitPath.UseCollation(SqlServerBinaryCollation);
            Array.ForEach(copies, path => path.UseCollation(SqlServerBinaryCollation));
        }
    }

    private const string SqlServerBinaryCollation = "Latin1_General_100_BIN2";

    /// <summary>The app saves asynchronously; a synchronous save goes the same way, so nothing escapes the audit trail.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var traffic = WriteTraffic.Begin();
        BumpVersions();
        await DerivedColumns.UpdateTrackedAsync(this, cancellationToken);
        return await SaveWithAuditAsync(acceptAllChangesOnSuccess, TallyWriter.Collect(ChangeTracker), cancellationToken);
    }

    private DeadlineOptions? _countingOptions;

    /// <summary>
    /// The deadline options the stored warning days and the counters were computed with (<see cref="CountingState"/>),
    /// read once per context: saves derive new values with these, whatever this instance's configuration says, so all
    /// instances agree. Start-up brings them in line with the configuration.
    /// </summary>
    internal async Task<DeadlineOptions> CountingOptionsAsync(CancellationToken cancellationToken) =>
        _countingOptions ??= await CountingStates.AsNoTracking()
            .Where(s => s.Id == CountingState.SingletonId)
            .Select(s => new DeadlineOptions { DueSoonDays = s.DueSoonDays, WarningShare = s.WarningShare })
            .FirstOrDefaultAsync(cancellationToken) ?? new DeadlineOptions();

    /// <summary>
    /// Scope is enforced here, for every query, rather than in each page: a finding outside the user's scope is
    /// simply not in the database as far as that user's queries can tell. Filters live in the context (not in
    /// the entity configurations) because they read the current user's scope.
    /// </summary>
    private void ApplyScopeFilters(ModelBuilder builder)
    {
        Expression<Func<Finding, bool>> findingVisible = And(
            f => ScopeSeesDrafts || f.Status != FindingStatus.Draft,
            Covering<Finding>(f => f.OwningUnitPath));

        builder.Entity<Finding>().HasQueryFilter(findingVisible);
        builder.Entity<Measure>().HasQueryFilter(Through<Measure, Finding>(m => m.Finding!, findingVisible));
        builder.Entity<FollowUp>().HasQueryFilter(Through<FollowUp, Finding>(f => f.Finding!, findingVisible));
        builder.Entity<FindingEvent>().HasQueryFilter(Through<FindingEvent, Finding>(e => e.Finding!, findingVisible));
        builder.Entity<EvidenceItem>().HasQueryFilter(Through<EvidenceItem, Finding>(e => e.Finding!, findingVisible));
        builder.Entity<EvidenceVersion>().HasQueryFilter(Through<EvidenceVersion, Finding>(v => v.EvidenceItem!.Finding!, findingVisible));
        builder.Entity<DeadlineExtension>().HasQueryFilter(Through<DeadlineExtension, Finding>(e => e.Finding!, findingVisible));

        // An urge is seen by whoever covers the urged unit (the unit itself, its superiors, the office).
        builder.Entity<Urge>().HasQueryFilter(Covering<Urge>(u => u.Unit!.Path));

        // Notifications are personal: each user reads only their own; background work sees all.
        builder.Entity<Notification>().HasQueryFilter(n => ScopeIsSystem || n.UserId == ScopeUserId);
        // The group-robot outbox follows its notifications (the settings page counts a robot's posts past the filter).
        builder.Entity<GroupRobotMessage>().HasQueryFilter(m => ScopeIsSystem || m.Notification!.UserId == ScopeUserId);

        // An inspection is visible to whoever covers the inspected unit, and to every unit holding one of its
        // findings (the Findings navigation below is itself filtered by scope).
        var inspectionVisible = Or(Covering<Inspection>(i => i.InspectedUnitPath), i => i.Findings.Any());

        builder.Entity<Inspection>().HasQueryFilter(inspectionVisible);
        builder.Entity<FindingCategory>().HasQueryFilter(Through<FindingCategory, Inspection>(c => c.Inspection!, inspectionVisible));

        // A mechanism is visible to whoever covers its issuing unit, and to every unit holding one of the findings
        // it is linked to. A link itself is visible only with its finding, so nobody learns of a finding through it.
        builder.Entity<MechanismFinding>().HasQueryFilter(Through<MechanismFinding, Finding>(l => l.Finding!, findingVisible));
        var mechanismVisible = Or(Covering<Mechanism>(m => m.IssuingUnit!.Path), m => m.Findings.Any());

        builder.Entity<Mechanism>().HasQueryFilter(mechanismVisible);
        builder.Entity<MechanismDocument>().HasQueryFilter(Through<MechanismDocument, Mechanism>(d => d.Mechanism!, mechanismVisible));

        // The report and its comments belong to the inspection. The public pages read published reports only,
        // through IgnoreQueryFilters (PublicReportService), since an anonymous visitor's scope is empty.
        builder.Entity<PublicReport>().HasQueryFilter(Through<PublicReport, Inspection>(r => r.Inspection!, inspectionVisible));
        builder.Entity<ReportComment>().HasQueryFilter(Through<ReportComment, Inspection>(c => c.Report!.Inspection!, inspectionVisible));
        builder.Entity<LedgerImport>().HasQueryFilter(Through<LedgerImport, Inspection>(b => b.Inspection!, inspectionVisible));

        // A visit belongs to its inspection; what it found of a finding is visible only with the finding, so a unit
        // reads the results of its own findings and nothing of the others'.
        builder.Entity<SiteVisit>().HasQueryFilter(Through<SiteVisit, Inspection>(v => v.Inspection!, inspectionVisible));
        builder.Entity<SiteVisitUnit>().HasQueryFilter(Through<SiteVisitUnit, Inspection>(u => u.SiteVisit!.Inspection!, inspectionVisible));
        builder.Entity<SiteVisitResult>().HasQueryFilter(Through<SiteVisitResult, Finding>(r => r.Finding!, findingVisible));
    }

    /// <summary>The scope rule (<see cref="Visibility.PathWithin"/>) on a unit path, with the bounds read from this context.</summary>
    private Expression<Func<T, bool>> Covering<T>(Expression<Func<T, string>> path) =>
        Visibility.PathWithin(path, () => ScopeLow, () => ScopeHigh);

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(
        Expression<Func<T, bool>> left, Expression<Func<T, bool>> right, Func<Expression, Expression, BinaryExpression> combine)
    {
        var body = new ParameterReplacer(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(combine(left.Body, body), left.Parameters);
    }

    /// <summary>Rewrites a filter on <typeparamref name="TPrincipal"/> as a filter on a dependent, through its navigation.</summary>
    private static Expression<Func<TDependent, bool>> Through<TDependent, TPrincipal>(
        Expression<Func<TDependent, TPrincipal>> navigation, Expression<Func<TPrincipal, bool>> filter)
    {
        var body = new ParameterReplacer(filter.Parameters[0], navigation.Body).Visit(filter.Body);
        return Expression.Lambda<Func<TDependent, bool>>(body, navigation.Parameters);
    }

    /// <summary>A modified record's version moves on, unless only derived columns changed (nobody edited it).</summary>
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified
                && entry.Properties.Any(p => p.IsModified && !DerivedColumns.Names.Contains(p.Metadata.Name)))
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
