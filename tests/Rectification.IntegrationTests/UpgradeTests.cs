using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>A database that already holds units, upgraded through the migrations that changed how paths compare.</summary>
public sealed class UpgradeTests
{
    private const int Children = 200;

    [Fact]
    public async Task A_database_upgraded_through_ScaleIndexes_can_plan_subtree_filters_from_the_path_index()
    {
        using var database = TestDatabase.Create();
        var options = new DbContextOptionsBuilder<RectificationDbContext>();
        options.UseRectificationDatabase(database.Provider, database.ConnectionString);
        await using var db = new RectificationDbContext(options.Options, new FixedScope(UserScope.System));
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var scaleIndexes = migrations.Single(m => m.EndsWith("_ScaleIndexes", StringComparison.Ordinal));

        await migrator.MigrateAsync(migrations[migrations.IndexOf(scaleIndexes) - 1]);
        var rows = Enumerable.Range(2, Children).Select(id => string.Create(CultureInfo.InvariantCulture,
            $"({id}, '单位{id}', 'U{id}', 0, 1, '/1/{id}/', 2, {id}, TRUE)"));
        // Literals of the test's own making: a root and its children, in one statement either provider reads.
        var insert = """INSERT INTO "OrgUnits" ("Id", "Name", "Code", "Kind", "ParentId", "Path", "Depth", "SortOrder", "IsActive") VALUES """
            + "(1, '省委', 'ROOT', 0, NULL, '/1/', 1, 0, TRUE), " + string.Join(", ", rows);
        await db.Database.ExecuteSqlRawAsync(insert);

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "OrgUnits";""");
            Assert.True(await PathStatisticsAsync(db));

            // ScaleIndexes changed the column's collation, which drops PostgreSQL's statistics of it...
            await migrator.MigrateAsync(scaleIndexes);
            Assert.False(await PathStatisticsAsync(db));

            // ...and the next migration gathers them again: the planner knows that '/1/' is every unit, not 50.
            await db.Database.MigrateAsync();
            Assert.True(await PathStatisticsAsync(db));
            var plan = await PlanAsync(db, """EXPLAIN SELECT "Id" FROM "OrgUnits" WHERE "Path" LIKE '/1/%'""");
            Assert.Contains($"rows={Children + 1} ", plan, StringComparison.Ordinal);
        }
        else
        {
            // SQLite's LIKE ignores ASCII case: only a NOCASE index serves a prefix, which ScaleIndexes made.
            await db.Database.MigrateAsync();
            var plan = await PlanAsync(db, """EXPLAIN QUERY PLAN SELECT "Id" FROM "OrgUnits" WHERE "Path" LIKE '/1/5/%'""");
            Assert.Contains("INDEX IX_OrgUnits_Path", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<bool> PathStatisticsAsync(RectificationDbContext db) =>
        await db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM pg_stats WHERE tablename = 'OrgUnits' AND attname = 'Path'""")
            .SingleAsync() == 1;

    private static async Task<string> PlanAsync(RectificationDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            return string.Join('\n', lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
