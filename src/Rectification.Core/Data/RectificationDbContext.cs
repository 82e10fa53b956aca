using System.Linq.Expressions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Common;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.Core.Mechanisms;
using Rectification.Core.Notifications;
using Rectification.Core.Reports;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Core.Urging;

namespace Rectification.Core.Data;

public partial class RectificationDbContext(
    DbContextOptions<RectificationDbContext> options, ICurrentScope currentScope, IAuditContext? auditContext = null)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private readonly IAuditContext _audit = auditContext ?? new SystemAuditContext(TimeProvider.System);

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    /// <summary>The key ring that protects cookies and tokens, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrgUnit> Units => Set<OrgUnit>();

    public DbSet<Inspection> Inspections => Set<Inspection>();

    public DbSet<FindingCategory> FindingCategories => Set<FindingCategory>();

    public DbSet<Finding> Findings => Set<Finding>();

    public DbSet<Measure> Measures => Set<Measure>();

    public DbSet<FindingEvent> FindingEvents => Set<FindingEvent>();

    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();

    public DbSet<EvidenceVersion> EvidenceVersions => Set<EvidenceVersion>();

    public DbSet<DeadlineExtension> DeadlineExtensions => Set<DeadlineExtension>();

    public DbSet<Urge> Urges => Set<Urge>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<Mechanism> Mechanisms => Set<Mechanism>();

    public DbSet<MechanismFinding> MechanismFindings => Set<MechanismFinding>();

    public DbSet<MechanismDocument> MechanismDocuments => Set<MechanismDocument>();

    public DbSet<PublicReport> PublicReports => Set<PublicReport>();

    public DbSet<ReportComment> ReportComments => Set<ReportComment>();
    public DbSet<LedgerImport> LedgerImports => Set<LedgerImport>();

    public UserScope Scope => currentScope.Scope;

    // The scope as plain values: EF Core turns these into parameters of every query that meets a filter.
    private string ScopePath => Scope.SeesEverything ? UnitPath.Separator.ToString() : Scope.UnitPath;

    private int ScopeUnitId => Scope.UnitId ?? 0;

    private bool ScopeOwnUnitOnly => Scope.OwnUnitOnly;

    private bool ScopeSeesDrafts => Scope.SeesDrafts;

    private bool ScopeIsSystem => Scope.IsSystem;

    private string ScopeUserId => Scope.UserId ?? string.Empty;

    /// <summary>
    /// A scope at a root of the tree covers, in practice, every unit. On SQLite its subtree condition is then written
    /// as a comparison of the path's beginning, which no index serves: SQLite (built without the statistics that
    /// would tell it how many paths a prefix matches) would otherwise walk the path index over every unit, where the
    /// status or deadline index finds the few rows a page needs at once. Below the root, LIKE's index range is the
    /// better way in. PostgreSQL and SQL Server estimate a LIKE prefix from their statistics and need no such help
    /// (given the comparison instead, PostgreSQL guesses it matches few units and drives every query from them).
    /// </summary>
    private bool ScopeAtRoot => UnitPath.DepthOf(Scope.UnitPath) == 1 && Database.IsSqlite();

    /// <summary>
    /// Findings in the user's scope, with no other filter: the same predicate as the findings' query filter, for
    /// read paths that join a finding's inspection, category, measures or events. Those are visible whenever the
    /// finding is (their filters go through it), but their filters would still be evaluated for every joined row
    /// (an inspection's is an EXISTS over its findings), which costs far more than the rows themselves at scale.
    /// </summary>
    /// <remarks>
    /// Built for the scope at hand rather than as one predicate with parameters for every case, so the database sees
    /// a plain condition its indexes serve: the whole province needs no unit join at all, a unit only its own id.
    /// </remarks>
    public IQueryable<Finding> FindingsInScope
    {
        get
        {
            var findings = Findings.IgnoreQueryFilters();
            if (!Scope.SeesDrafts)
            {
                findings = findings.Where(f => f.Status != FindingStatus.Draft);
            }

            return Scope switch
            {
                { OwnUnitOnly: true } => findings.Where(f => f.OwningUnitId == ScopeUnitId),
                { SeesEverything: true } => findings,
                _ when ScopeAtRoot => findings.Where(f => f.OwningUnit!.Path.Substring(0, ScopePath.Length) == ScopePath),
                _ => findings.Where(f => f.OwningUnit!.Path.StartsWith(ScopePath)),
            };
        }
    }

    /// <summary>
    /// Inspections in the user's scope: the inspection's query filter (the inspected unit is covered, or one of its
    /// findings is in scope), written like <see cref="FindingsInScope"/> and with the findings as one uncorrelated
    /// subquery, which the database evaluates once instead of once per inspection.
    /// </summary>
    public IQueryable<Inspection> InspectionsInScope
    {
        get
        {
            var inspections = Inspections.IgnoreQueryFilters();
            var withFindings = FindingsInScope.Select(f => f.InspectionId);
            return Scope switch
            {
                { SeesEverything: true } => inspections,
                { OwnUnitOnly: true } => inspections.Where(i => i.InspectedUnitId == ScopeUnitId || withFindings.Contains(i.Id)),
                _ when ScopeAtRoot =>
                    inspections.Where(i => i.InspectedUnit!.Path.Substring(0, ScopePath.Length) == ScopePath || withFindings.Contains(i.Id)),
                _ => inspections.Where(i => i.InspectedUnit!.Path.StartsWith(ScopePath) || withFindings.Contains(i.Id)),
            };
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
    /// Every subtree filter is <c>Path LIKE 'prefix%'</c>. A database turns that into a range over the path index only
    /// when the index's collation is one its LIKE can use: NOCASE on SQLite (whose LIKE ignores ASCII case) and "C" on
    /// PostgreSQL. SQL Server's LIKE uses the index as it is. Paths hold digits and slashes, so nothing compares
    /// differently.
    /// </summary>
    private void ComparePathsByteByByte(ModelBuilder builder)
    {
        var path = builder.Entity<OrgUnit>().Property(u => u.Path);
        if (Database.IsSqlite())
        {
            path.UseCollation("NOCASE");
        }
        else if (Database.IsNpgsql())
        {
            path.UseCollation("C");
        }
    }

    /// <summary>The app saves asynchronously; a synchronous save goes the same way, so nothing escapes the audit trail.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var unitsChanged = ChangeTracker.Entries<OrgUnit>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        var saved = await SaveWithAuditAsync(acceptAllChangesOnSuccess, cancellationToken);
        _lastChange = null; // the save moved the chain head: what this context reads next is read under the new one
        if (unitsChanged)
        {
            UnitDirectory.Changed(); // the in-memory tree of every instance in this process loads again
        }

        return saved;
    }

    /// <summary>
    /// Scope is enforced here, for every query, rather than in each page: a finding outside the user's scope is
    /// simply not in the database as far as that user's queries can tell. Filters live in the context (not in
    /// the entity configurations) because they read the current user's scope.
    /// </summary>
    private void ApplyScopeFilters(ModelBuilder builder)
    {
        Expression<Func<Finding, bool>> findingVisible = f =>
            (ScopeSeesDrafts || f.Status != FindingStatus.Draft)
            && (ScopeOwnUnitOnly ? f.OwningUnitId == ScopeUnitId : f.OwningUnit!.Path.StartsWith(ScopePath));

        builder.Entity<Finding>().HasQueryFilter(findingVisible);
        builder.Entity<Measure>().HasQueryFilter(Through<Measure, Finding>(m => m.Finding!, findingVisible));
        builder.Entity<FindingEvent>().HasQueryFilter(Through<FindingEvent, Finding>(e => e.Finding!, findingVisible));
        builder.Entity<EvidenceItem>().HasQueryFilter(Through<EvidenceItem, Finding>(e => e.Finding!, findingVisible));
        builder.Entity<EvidenceVersion>().HasQueryFilter(Through<EvidenceVersion, Finding>(v => v.EvidenceItem!.Finding!, findingVisible));
        builder.Entity<DeadlineExtension>().HasQueryFilter(Through<DeadlineExtension, Finding>(e => e.Finding!, findingVisible));

        // An urge is seen by whoever covers the urged unit (the unit itself, its superiors, the office).
        builder.Entity<Urge>().HasQueryFilter(u =>
            ScopeOwnUnitOnly ? u.UnitId == ScopeUnitId : u.Unit!.Path.StartsWith(ScopePath));

        // Notifications are personal: each user reads only their own; background work sees all.
        builder.Entity<Notification>().HasQueryFilter(n => ScopeIsSystem || n.UserId == ScopeUserId);

        // An inspection is visible to whoever covers the inspected unit, and to every unit holding one of its
        // findings (the Findings navigation below is itself filtered by scope).
        Expression<Func<Inspection, bool>> inspectionVisible = i =>
            (ScopeOwnUnitOnly ? i.InspectedUnitId == ScopeUnitId : i.InspectedUnit!.Path.StartsWith(ScopePath))
            || i.Findings.Any();

        builder.Entity<Inspection>().HasQueryFilter(inspectionVisible);
        builder.Entity<FindingCategory>().HasQueryFilter(Through<FindingCategory, Inspection>(c => c.Inspection!, inspectionVisible));

        // A mechanism is visible to whoever covers its issuing unit, and to every unit holding one of the findings
        // it is linked to. A link itself is visible only with its finding, so nobody learns of a finding through it.
        builder.Entity<MechanismFinding>().HasQueryFilter(Through<MechanismFinding, Finding>(l => l.Finding!, findingVisible));
        Expression<Func<Mechanism, bool>> mechanismVisible = m =>
            (ScopeOwnUnitOnly ? m.IssuingUnitId == ScopeUnitId : m.IssuingUnit!.Path.StartsWith(ScopePath))
            || m.Findings.Any();

        builder.Entity<Mechanism>().HasQueryFilter(mechanismVisible);
        builder.Entity<MechanismDocument>().HasQueryFilter(Through<MechanismDocument, Mechanism>(d => d.Mechanism!, mechanismVisible));

        // The report and its comments belong to the inspection. The public pages read published reports only,
        // through IgnoreQueryFilters (PublicReportService), since an anonymous visitor's scope is empty.
        builder.Entity<PublicReport>().HasQueryFilter(Through<PublicReport, Inspection>(r => r.Inspection!, inspectionVisible));
        builder.Entity<ReportComment>().HasQueryFilter(Through<ReportComment, Inspection>(c => c.Report!.Inspection!, inspectionVisible));
        builder.Entity<LedgerImport>().HasQueryFilter(Through<LedgerImport, Inspection>(b => b.Inspection!, inspectionVisible));
    }

    /// <summary>Rewrites a filter on <typeparamref name="TPrincipal"/> as a filter on a dependent, through its navigation.</summary>
    private static Expression<Func<TDependent, bool>> Through<TDependent, TPrincipal>(
        Expression<Func<TDependent, TPrincipal>> navigation, Expression<Func<TPrincipal, bool>> filter)
    {
        var body = new ParameterReplacer(filter.Parameters[0], navigation.Body).Visit(filter.Body);
        return Expression.Lambda<Func<TDependent, bool>>(body, navigation.Parameters);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
