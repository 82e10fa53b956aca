using Npgsql;
using Rectification.Core.Data;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database for one app factory: a temporary SQLite file by default, or a new PostgreSQL database on the
/// server that RECTIFICATION_TEST_POSTGRES points at (a role with CREATEDB). Either empty (the migrations create
/// the schema) or a copy of a template that was migrated and seeded once for the whole run.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string PostgresVariable = "RECTIFICATION_TEST_POSTGRES";

    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The provider the whole run uses: PostgreSQL when the variable is set, SQLite otherwise.</summary>
    public static DatabaseProvider SelectedProvider =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)) ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    /// <param name="template">A database to copy (file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL); empty when null.</param>
    public static TestDatabase Create(TestDatabase? template = null)
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            var file = Path.Combine(Path.GetTempPath(), $"rectification-test-{Guid.NewGuid():N}.db");
            if (template?._sqliteFile is { } source)
            {
                File.Copy(source, file);
            }

            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null, null);
        }

        var name = $"rect_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = template?._postgresName is { } source
                ? $"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\""
                : $"CREATE DATABASE \"{name}\"";
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.PostgreSql, builder.ConnectionString, null, admin, name);
    }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(_postgresAdmin);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
    }
}
