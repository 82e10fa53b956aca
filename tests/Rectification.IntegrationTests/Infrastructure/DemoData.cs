using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>Looks up the demo data the tests act on, straight from the database.</summary>
public static class DemoData
{
    public const string UnitA = "JX-JTJ-JXJD";
    public const string SchoolA = "JX-JTJ-JXJD-01";
    public const string UnitB = "JX-JTJ-WLS";

    public static Task<int> FindingAsync(this AppFactory app, string owningUnitCode, FindingStatus status) =>
        app.WithDatabaseAsync(db => db.Findings
            .Where(f => f.OwningUnit!.Code == owningUnitCode && f.Status == status)
            .OrderBy(f => f.Id).Select(f => f.Id).FirstAsync());

    public static Task<Finding> LoadFindingAsync(this AppFactory app, int id) =>
        app.WithDatabaseAsync(db => db.Findings.AsNoTracking().Include(f => f.Events).SingleAsync(f => f.Id == id));

    public static Task<int> UnitIdAsync(this AppFactory app, string code) =>
        app.WithDatabaseAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    public static Task<int> InspectionIdAsync(this AppFactory app) =>
        app.WithDatabaseAsync(db => db.Inspections.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
}
