using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Counting;
using Rectification.Core.Notifications;
using Rectification.Core.Units;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// Every row of every business table (units, users, inspections, findings, evidence, reports…), hashed per table:
/// two fingerprints are equal when nothing was added, removed or changed. Left out: the audit trail (checked on its
/// own), sessions and data-protection keys (a sign-in writes them), and what is derived or bookkeeping (counters,
/// reminder logs). Of the user rows, the sign-in counters that a failed attempt moves are left out too.
/// </summary>
public static class DataFingerprint
{
    private static readonly HashSet<Type> s_notBusiness =
    [
        typeof(AuditEntry), typeof(AuditChainHead), typeof(UserSession), typeof(DataProtectionKey), typeof(ReminderLog),
        typeof(FindingTally), typeof(InspectionTally), typeof(CountingState), typeof(UnitTreeState),
    ];

    private static readonly HashSet<string> s_volatileColumns = ["AccessFailedCount", "LockoutEnd", "ConcurrencyStamp"];

    /// <summary>Table name → hash of its rows (order-independent), for every business table.</summary>
    public static Task<Dictionary<string, string>> TakeAsync(AppFactory app) => app.WithDatabaseAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Where(t => !s_notBusiness.Contains(t.ClrType))
            .Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            result[table] = await HashRowsAsync(reader);
        }

        return result;
    });

    /// <summary>The tables whose rows differ, for a failure message.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal)];

    private static async Task<string> HashRowsAsync(DbDataReader reader)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Where(i => !s_volatileColumns.Contains(reader.GetName(i))).ToList();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('\u001f', columns.Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(rows.Count + "\u001e" + string.Join('\u001e', rows))));
    }
}
