using System.Globalization;
using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// "What this user may see" has one definition (<see cref="Visibility"/>); this guard holds every way the app reads
/// findings and inspections to it, for every demo user, on the database the run uses: the query filters, the scoped
/// reads, the in-memory check, the list pages, the counters behind their totals, and the details pages — against the
/// rule of DESIGN.md computed straight from the data.
/// </summary>
public sealed class VisibilityGuardTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> DemoUsers => new() { "admin", "inspector", "leader", "head.a", "staff.a", "head.b", "staff.b", "head.a1" };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Every_way_of_reading_findings_and_inspections_returns_the_same_ids(string userName)
    {
        var scope = await ScopeOfAsync(userName);
        var rule = await ExpectedFindingsAsync(scope);
        Assert.NotEmpty(rule);

        var everything = await app.WithDatabaseAsync(db => db.Findings.AsNoTracking()
            .Select(f => new { f.Id, f.OwningUnitPath, f.Status, f.InspectionId }).ToListAsync());
        var reads = await AsUserAsync(scope, async db => new Dictionary<string, List<int>>
        {
            ["query filter"] = await db.Findings.Select(f => f.Id).ToListAsync(),
            ["FindingsInScope"] = await db.FindingsInScope.Select(f => f.Id).ToListAsync(),
            ["FindingsInScopeInOrder, walking the order"] = await db.FindingsInScopeInOrder(int.MaxValue).Select(f => f.Id).ToListAsync(),
            ["FindingsInScopeInOrder, by the scope"] = await db.FindingsInScopeInOrder(0).Select(f => f.Id).ToListAsync(),
            ["in memory"] = everything.Where(f => Visibility.CanSee(scope, f.OwningUnitPath, f.Status)).Select(f => f.Id).ToList(),
            ["can see, as loaded"] = (await db.Findings.IgnoreQueryFilters().ToListAsync()).Where(db.CanSee).Select(f => f.Id).ToList(),
        });
        foreach (var (way, ids) in reads)
        {
            Assert.True(rule.SetEquals(ids), $"{userName}, {way}: [{string.Join(",", ids.Order())}] instead of [{string.Join(",", rule.Order())}]");
        }

        using var client = await app.LoginAsync(userName);
        var list = await client.GetPageAsync("/Findings?PageSize=100");
        Assert.True(rule.SetEquals(list.FindingIds()), $"{userName}: the list page");
        var total = list.Total();
        Assert.True(total == rule.Count, $"{userName}: the list's total (from the counters) is {total}, not {rule.Count}");
        foreach (var finding in everything)
        {
            var status = (await client.GetAsync($"/Findings/Details/{finding.Id}")).StatusCode;
            Assert.True(status == (rule.Contains(finding.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{userName}: finding {finding.Id} answered {(int)status}");
        }

        // Inspections: the inspected unit is in scope, or one of its findings is.
        var inspections = await app.WithDatabaseAsync(db => db.Inspections.AsNoTracking()
            .Select(i => new { i.Id, i.InspectedUnit!.Path }).ToListAsync());
        var expectedInspections = inspections
            .Where(i => scope.Covers(i.Path) || everything.Any(f => f.InspectionId == i.Id && rule.Contains(f.Id)))
            .Select(i => i.Id).ToHashSet();
        var inspectionReads = await AsUserAsync(scope, async db => new Dictionary<string, List<int>>
        {
            ["query filter"] = await db.Inspections.Select(i => i.Id).ToListAsync(),
            ["InspectionsInScope"] = await db.InspectionsInScope.Select(i => i.Id).ToListAsync(),
        });
        foreach (var (way, ids) in inspectionReads)
        {
            Assert.True(expectedInspections.SetEquals(ids), $"{userName}, inspections, {way}: [{string.Join(",", ids.Order())}]");
        }

        foreach (var inspection in inspections)
        {
            var status = (await client.GetAsync($"/Inspections/Details/{inspection.Id}")).StatusCode;
            Assert.True(status == (expectedInspections.Contains(inspection.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound),
                $"{userName}: inspection {inspection.Id} answered {(int)status}");
        }
    }

    /// <summary>The user's scope as their sign-in makes it (unit, path and roles from the database).</summary>
    private Task<UserScope> ScopeOfAsync(string userName) => app.WithDatabaseAsync(async db =>
    {
        var user = await db.Users.Include(u => u.Unit).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id),
                new Claim(ScopeClaims.UnitId, user.UnitId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ScopeClaims.UnitPath, user.Unit!.Path),
                .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
            ],
            "test"));
        return ScopeClaims.ToScope(principal);
    });

    /// <summary>The rule of DESIGN.md from the data itself (the unit table's paths, not the findings' copies of them).</summary>
    private Task<HashSet<int>> ExpectedFindingsAsync(UserScope scope) => app.WithDatabaseAsync(async db =>
    {
        var findings = await db.Findings.Select(f => new { f.Id, f.Status, f.OwningUnitId, f.OwningUnit!.Path }).ToListAsync();
        return findings.Where(f =>
                scope.IsAdmin
                || ((f.Status != FindingStatus.Draft || scope.HasRole(Roles.InspectionOffice))
                    && (scope.Roles.SetEquals([Roles.UnitStaff]) ? f.OwningUnitId == scope.UnitId : f.Path.StartsWith(scope.UnitPath, StringComparison.Ordinal))))
            .Select(f => f.Id).ToHashSet();
    });

    private async Task<T> AsUserAsync<T>(UserScope scope, Func<RectificationDbContext, Task<T>> read)
    {
        await using var services = app.Services.CreateAsyncScope();
        var options = services.ServiceProvider.GetRequiredService<DbContextOptions<RectificationDbContext>>();
        await using var db = new RectificationDbContext(options, new FixedScope(scope));
        return await read(db);
    }
}
