using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Rectification.Core.Data;

/// <summary>
/// INSERT, UPDATE and DELETE statements of entities, built from the EF Core model and sent together, in the context's
/// current transaction, without the change tracker: what a save writes while it holds the write lock (the counters and
/// the audit entries). SaveChanges spends milliseconds of CPU on a batch (detecting changes, building commands,
/// reading results back), and on a busy machine those milliseconds stretch to tens while every other writer waits for
/// the lock; these statements are built in microseconds and go in one round trip.
/// </summary>
internal sealed class StatementBatch(DbContext db)
{
    // SQL Server takes at most 2,100 parameters in a command; a longer batch is sent in several.
    private const int MaxParameters = 2000;

    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();
    private readonly List<(string Sql, List<(string Name, IProperty Property, object? Value)> Parameters)> _statements = [];
    private int _parameters;

    /// <summary>Every mapped column but a key the database generates.</summary>
    public void Insert<T>(T row)
        where T : class
    {
        var (entityType, table) = Table<T>();
        var parameters = Parameters(entityType.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)), row);
        var columns = string.Join(", ", parameters.Select(p => Column(p.Property, table)));
        var values = string.Join(", ", parameters.Select(p => p.Name));
        _statements.Add(($"INSERT INTO {Name(table)} ({columns}) VALUES ({values})", parameters));
    }

    /// <summary>Sets the named properties of the row with the entity's key.</summary>
    public void Update<T>(T row, params string[] propertyNames)
        where T : class
    {
        var (entityType, table) = Table<T>();
        var set = Parameters(propertyNames.Select(entityType.GetProperty), row);
        var key = Parameters(entityType.FindPrimaryKey()!.Properties, row);
        var assignments = string.Join(", ", set.Select(p => $"{Column(p.Property, table)} = {p.Name}"));
        _statements.Add(($"UPDATE {Name(table)} SET {assignments} WHERE {Where(key, table)}", [.. set, .. key]));
    }

    /// <summary>Deletes the row with the entity's key.</summary>
    public void Delete<T>(T row)
        where T : class
    {
        var (entityType, table) = Table<T>();
        var key = Parameters(entityType.FindPrimaryKey()!.Properties, row);
        _statements.Add(($"DELETE FROM {Name(table)} WHERE {Where(key, table)}", key));
    }

    /// <summary>
    /// Sends the statements through EF Core's raw SQL path (blocking: it runs while the write lock is held), in the
    /// current transaction and seen by its interceptors and logging like any other command, and forgets them.
    /// </summary>
    public void Execute()
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The statements are written in the transaction of the save that holds the write lock.");
        }

        using var factory = db.Database.GetDbConnection().CreateCommand();
        var start = 0;
        while (start < _statements.Count)
        {
            var text = new StringBuilder();
            var parameters = new List<object>();
            var end = start;
            while (end < _statements.Count && (end == start || parameters.Count + _statements[end].Parameters.Count <= MaxParameters))
            {
                foreach (var (name, property, value) in _statements[end].Parameters)
                {
                    // Created empty and then given the stored value: CreateParameter would apply the converter again.
                    var parameter = property.GetRelationalTypeMapping().CreateParameter(factory, name, null, nullable: true);
                    parameter.Value = value ?? DBNull.Value;
                    parameters.Add(parameter);
                }

                text.Append(_statements[end].Sql).Append(";\n");
                end++;
            }

            db.Database.ExecuteSqlRaw(text.ToString(), parameters);
            start = end;
        }

        _statements.Clear();
    }

    private List<(string Name, IProperty Property, object? Value)> Parameters(IEnumerable<IProperty> properties, object row) =>
        properties.Select(p => ("@p" + (_parameters++).ToString(CultureInfo.InvariantCulture), p, BulkWriter.ProviderValue(p, row))).ToList();

    private string Where(List<(string Name, IProperty Property, object? Value)> key, StoreObjectIdentifier table) =>
        string.Join(" AND ", key.Select(p => $"{Column(p.Property, table)} = {p.Name}"));

    private (IEntityType EntityType, StoreObjectIdentifier Table) Table<T>()
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not in the model.");
        return (entityType, StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema()));
    }

    private string Name(StoreObjectIdentifier table) => _sql.DelimitIdentifier(table.Name, table.Schema);

    private string Column(IProperty property, StoreObjectIdentifier table) => _sql.DelimitIdentifier(property.GetColumnName(table)!);
}
