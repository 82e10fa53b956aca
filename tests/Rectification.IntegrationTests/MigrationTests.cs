using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.IntegrationTests;

/// <summary>Each provider's migrations match the model: a model change without a migration fails here.</summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=localhost;Database=none;Username=none;Password=none")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=none;Trusted_Connection=True")]
    public void No_provider_has_pending_model_changes(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<RectificationDbContext>();
        builder.UseRectificationDatabase(provider, connectionString);
        using var db = new RectificationDbContext(builder.Options, new FixedScope(UserScope.System));

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run scripts/add-migration.sh");
    }
}
