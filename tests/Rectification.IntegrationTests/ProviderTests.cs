using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>The suite runs on the database the run asked for; a lost setting fails here rather than passing on SQLite.</summary>
public sealed class ProviderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_app_runs_on_the_requested_provider_through_its_migrations()
    {
        var requested = Environment.GetEnvironmentVariable("RECTIFICATION_TEST_PROVIDER");
        if (!string.IsNullOrEmpty(requested))
        {
            Assert.Equal(Enum.Parse<DatabaseProvider>(requested), app.Provider);
        }

        var (providerName, applied, pending) = await app.WithDatabaseAsync(async db =>
            (db.Database.ProviderName, (await db.Database.GetAppliedMigrationsAsync()).Count(), (await db.Database.GetPendingMigrationsAsync()).Count()));

        var expectedProvider = app.Provider switch
        {
            DatabaseProvider.PostgreSql => "Npgsql.EntityFrameworkCore.PostgreSQL",
            _ => "Microsoft.EntityFrameworkCore.Sqlite",
        };
        Assert.Equal(expectedProvider, providerName);
        Assert.True(applied > 0);
        Assert.Equal(0, pending);
    }
}
