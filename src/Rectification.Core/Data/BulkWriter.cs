using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Rectification.Core.Data;

/// <summary>
/// Writes entities straight into their tables, bypassing EF Core's change tracking — and so the audit trail and the
/// counters, which follow what SaveChanges saves. For rows nobody's action makes: generated benchmark data, and rows
/// the app derives in bulk (counters rebuilt from the findings, derived columns recomputed). Tables and columns come
/// from the EF Core model, values go through the model's own type mappings, so every provider stores what the app
/// reads. PostgreSQL: COPY (text); SQLite and SQL Server: one prepared INSERT reused. Inside the context's current
/// transaction when it has one; otherwise in transactions of its own, committed every 20,000 rows.
/// </summary>
public sealed class BulkWriter(RectificationDbContext db)
{
    private const int RowsPerTransaction = 20_000;

    /// <param name="rows">The entities to insert.</param>
    /// <param name="keysFromDatabase">The database numbers the rows (their generated key is left out), instead of the keys they carry.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    public async Task<int> WriteAsync<T>(IEnumerable<T> rows, bool keysFromDatabase = false, CancellationToken cancellationToken = default)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");
        var tableName = entityType.GetTableName()!;
        var table = StoreObject(entityType);
        var properties = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null)
            .Where(p => !(keysFromDatabase && p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .ToList();
        var columns = properties.Select(p => p.GetColumnName(table)!).ToList();
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var count = db.Database.IsNpgsql()
            ? await CopyAsync((NpgsqlConnection)connection, tableName, columns, properties, rows, cancellationToken)
            : await InsertAsync(connection, tableName, columns, properties, rows, cancellationToken);

        // Keys were given explicitly: the identity must continue after them.
        var key = entityType.FindPrimaryKey()!.Properties;
        if (!keysFromDatabase && key.Count == 1 && key[0].ClrType is var type && (type == typeof(int) || type == typeof(long)))
        {
            var column = key[0].GetColumnName(table)!;
            if (db.Database.IsNpgsql())
            {
                // Names from the model, not from input.
                var sql = $"SELECT setval(pg_get_serial_sequence('\"{tableName}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{tableName}\"), 1))";
                await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
            }
        }

        return count;
    }

    /// <summary>
    /// Sets the named properties of existing rows, found by their key, to the entities' values: one prepared UPDATE
    /// reused, in the context's current transaction (or one of its own).
    /// </summary>
    public async Task<int> UpdateAsync<T>(IEnumerable<T> rows, IReadOnlyList<string> propertyNames, CancellationToken cancellationToken = default)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");
        var table = StoreObject(entityType);
        var set = propertyNames.Select(n => entityType.GetProperty(n)).ToList();
        var key = entityType.FindPrimaryKey()!.Properties.ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var parameters = set.Concat(key).ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            var ownTransaction = db.Database.CurrentTransaction is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
            await using var command = connection.CreateCommand();
            command.Transaction = ownTransaction ?? db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name)} SET "
                + string.Join(", ", set.Select((p, i) => $"{Column(p)} = @p{i.ToString(CultureInfo.InvariantCulture)}"))
                + " WHERE " + string.Join(" AND ", key.Select((p, i) => $"{Column(p)} = @p{(set.Count + i).ToString(CultureInfo.InvariantCulture)}"));
            for (var i = 0; i < parameters.Count; i++)
            {
                command.Parameters.Add(parameters[i].GetRelationalTypeMapping().CreateParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), null, nullable: true));
            }

            await command.PrepareAsync(cancellationToken);
            var count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Count; i++)
                {
                    command.Parameters[i].Value = ProviderValue(parameters[i], row) ?? DBNull.Value;
                }

                count += await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
                await ownTransaction.DisposeAsync();
            }

            return count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static StoreObjectIdentifier StoreObject(IEntityType entityType) =>
        StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());

    /// <summary>The value a column stores for the entity's property (after the model's value converter).</summary>
    internal static object? ProviderValue(IProperty property, object entity)
    {
        var value = property.PropertyInfo!.GetValue(entity);
        if (value is null)
        {
            return null;
        }

        var converter = property.GetTypeMapping().Converter;
        return converter is null ? value : converter.ConvertToProvider(value);
    }

    private async Task<int> InsertAsync<T>(
        DbConnection connection, string table, List<string> columns, List<IProperty> properties, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var sqlServer = db.Database.IsSqlServer();
        string Quote(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        var outer = db.Database.CurrentTransaction?.GetDbTransaction();
        var count = 0;
        DbTransaction? transaction = null;
        DbCommand? command = null;
        try
        {
            foreach (var row in rows)
            {
                if (command is null)
                {
                    transaction = outer ?? await connection.BeginTransactionAsync(cancellationToken);
                    if (sqlServer && properties.Any(p => p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey()))
                    {
                        await using var identity = connection.CreateCommand();
                        identity.Transaction = transaction;
                        identity.CommandText = $"SET IDENTITY_INSERT {Quote(table)} ON";
                        await identity.ExecuteNonQueryAsync();
                    }

                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
                    for (var i = 0; i < properties.Count; i++)
                    {
                        command.Parameters.Add(properties[i].GetRelationalTypeMapping().CreateParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), null, nullable: true));
                    }

                    await command.PrepareAsync();
                }

                for (var i = 0; i < properties.Count; i++)
                {
                    command.Parameters[i].Value = ProviderValue(properties[i], row) ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
                if (++count % RowsPerTransaction == 0 && outer is null)
                {
                    await CommitAsync();
                }
            }

            await CommitAsync();
            return count;
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }

            if (transaction is not null && outer is null)
            {
                await transaction.DisposeAsync();
            }
        }

        async Task CommitAsync()
        {
            if (sqlServer && transaction is not null && properties.Any(p => p.ValueGenerated == ValueGenerated.OnAdd && p.IsPrimaryKey()))
            {
                await using var identity = connection.CreateCommand();
                identity.Transaction = transaction;
                identity.CommandText = $"SET IDENTITY_INSERT {Quote(table)} OFF";
                await identity.ExecuteNonQueryAsync();
            }

            if (transaction is not null && outer is null)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
            }

            if (command is not null)
            {
                await command.DisposeAsync();
            }

            transaction = null;
            command = null;
        }
    }

    private static async Task<int> CopyAsync<T>(
        NpgsqlConnection connection, string table, List<string> columns, List<IProperty> properties, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var count = 0;
        await using var writer = await connection.BeginTextImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN", cancellationToken);
        var line = new StringBuilder(1024);
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < properties.Count; i++)
            {
                if (i > 0)
                {
                    line.Append('\t');
                }

                AppendText(line, ProviderValue(properties[i], row));
            }

            line.Append('\n');
            await writer.WriteAsync(line.ToString().AsMemory(), cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>A value in COPY's text format: \N for null, backslash escapes for tabs, line breaks and backslashes.</summary>
    private static void AppendText(StringBuilder line, object? value)
    {
        switch (value)
        {
            case null:
                line.Append("\\N");
                break;
            case string text:
                foreach (var c in text)
                {
                    _ = c switch
                    {
                        '\\' => line.Append("\\\\"),
                        '\t' => line.Append("\\t"),
                        '\n' => line.Append("\\n"),
                        '\r' => line.Append("\\r"),
                        _ => line.Append(c),
                    };
                }

                break;
            case bool flag:
                line.Append(flag ? 't' : 'f');
                break;
            case DateTime moment:
                line.Append(moment.ToString(moment.Kind == DateTimeKind.Unspecified ? "yyyy-MM-dd HH:mm:ss.ffffff" : "yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset moment:
                line.Append(moment.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
                break;
            case DateOnly day:
                line.Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                line.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                line.Append(value);
                break;
        }
    }
}
