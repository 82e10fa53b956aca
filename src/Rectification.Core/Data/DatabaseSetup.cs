using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Rectification.Core.Data;

/// <summary>
/// Chooses the database provider from configuration. Each provider keeps its migrations in its own assembly,
/// generated from this same model (see scripts/add-migration.sh).
/// </summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddRectificationDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddDbContext<RectificationDbContext>(builder => builder.UseRectificationDatabase(options.Provider, connectionString));
        return services;
    }

    private static readonly SqliteConnectionSetup s_sqliteSetup = new();

    public static DbContextOptionsBuilder UseRectificationDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = connectionString ?? DatabaseOptions.DefaultSqliteConnection;
                EnsureSqliteDirectory(sqlite);
                builder.UseSqlite(sqlite, o => o.MigrationsAssembly(MigrationsAssembly(provider)))
                    .AddInterceptors(s_sqliteSetup);
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(WithPreparedStatements(Require(connectionString, provider)), o => o.MigrationsAssembly(MigrationsAssembly(provider)));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(Require(connectionString, provider), o => o.MigrationsAssembly(MigrationsAssembly(provider)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return builder;
    }

    public static string MigrationsAssembly(DatabaseProvider provider) => $"Rectification.Migrations.{provider}";

    private static string Require(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {provider}, so ConnectionStrings:{DatabaseOptions.ConnectionStringName} must be set.")
            : connectionString;

    /// <summary>
    /// PostgreSQL plans the larger queries (a finding's details joins ten tables) in far more time than it runs them:
    /// 25 ms against 3 ms. Npgsql's automatic preparation plans each statement used often once per connection. A
    /// connection string that says otherwise wins (<c>Max Auto Prepare=0</c> behind a pooler that cannot keep
    /// prepared statements, such as PgBouncer before 1.21 in transaction mode).
    /// </summary>
    private static string WithPreparedStatements(string connectionString) =>
        connectionString.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)
            ? connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 256 }.ConnectionString;

    /// <summary>SQLite creates the file but not its folder; App_Data does not exist on a fresh checkout.</summary>
    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(directory) && !dataSource.StartsWith(':') && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
