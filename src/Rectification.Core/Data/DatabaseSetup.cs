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

    public static DbContextOptionsBuilder UseRectificationDatabase(
        this DbContextOptionsBuilder builder, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = connectionString ?? DatabaseOptions.DefaultSqliteConnection;
                EnsureSqliteDirectory(sqlite);
                builder.UseSqlite(sqlite, o => o.MigrationsAssembly(MigrationsAssembly(provider)));
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(Require(connectionString, provider), o => o.MigrationsAssembly(MigrationsAssembly(provider)));
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
