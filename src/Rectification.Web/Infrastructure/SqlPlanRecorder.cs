using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rectification.Core.Data;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Benchmark mode only (<c>Benchmark:ExplainSql</c>): before each query a request runs, asks the database for its
/// plan on the same connection and with the same parameters — <c>EXPLAIN (ANALYZE, BUFFERS)</c> on PostgreSQL, which
/// runs it once more; <c>EXPLAIN QUERY PLAN</c> on SQLite — and keeps it with the request's URL until the benchmark's
/// <c>explain</c> verb fetches them (<c>GET /benchmark/plans</c>), for docs/performance.md. Off, nothing of it is registered.
/// </summary>
public sealed class SqlPlanRecorder(IHttpContextAccessor accessor) : DbCommandInterceptor
{
    public const string Setting = "Benchmark:ExplainSql";
    public const string Endpoint = "/benchmark/plans";

    private readonly ConcurrentQueue<SqlPlan> _plans = new();

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(Setting);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command, DbContext? context)
    {
        var sql = command.CommandText.TrimStart();
        var isQuery = sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("WITH", StringComparison.OrdinalIgnoreCase);
        if (!isQuery || context is null || accessor.HttpContext?.Request is not { } request || request.Path.StartsWithSegments(Endpoint))
        {
            return;
        }

        var sqlite = context.Database.IsSqlite();
        if (!sqlite && !context.Database.IsNpgsql())
        {
            return;
        }

        using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + command.CommandText;
        foreach (DbParameter parameter in command.Parameters)
        {
            explain.Parameters.Add(Copy(parameter, explain));
        }

        using var reader = explain.ExecuteReader();
        var plan = sqlite ? SqlitePlan(reader) : PostgresPlan(reader);
        var parameters = string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName} = {Shown(p.Value)}"));
        _plans.Enqueue(new SqlPlan(request.Path + request.QueryString, command.CommandText, parameters, plan));
    }

    private static DbParameter Copy(DbParameter parameter, DbCommand explain)
    {
        if (parameter is ICloneable cloneable)
        {
            return (DbParameter)cloneable.Clone();
        }

        var copy = explain.CreateParameter();
        copy.ParameterName = parameter.ParameterName;
        copy.DbType = parameter.DbType;
        copy.Value = parameter.Value;
        return copy;
    }

    private static string Shown(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text when text.Length > 60 => $"'{text[..60]}…' ({text.Length} characters)",
        string text => $"'{text}'",
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object>().Take(10)) + (list.Cast<object>().Skip(10).Any() ? ", …]" : "]"),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static string PostgresPlan(DbDataReader reader)
    {
        var lines = new StringBuilder();
        while (reader.Read())
        {
            lines.AppendLine(reader.GetString(0));
        }

        return lines.ToString().TrimEnd();
    }

    /// <summary>EXPLAIN QUERY PLAN's rows (id, parent, detail) as an indented tree, as the sqlite3 shell shows it.</summary>
    private static string SqlitePlan(DbDataReader reader)
    {
        var depth = new Dictionary<long, int> { [0] = -1 };
        var lines = new StringBuilder();
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            var level = depth[id] = depth.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
            lines.Append(' ', level * 3).Append("|--").AppendLine(reader.GetString(3));
        }

        return lines.ToString().TrimEnd();
    }

    public sealed record SqlPlan(string Request, string Sql, string Parameters, string Plan);

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<SqlPlanRecorder>();
        services.ConfigureDbContext<RectificationDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlPlanRecorder>()));
    }

    /// <summary>Serves the plans recorded since the last call, and forgets them.</summary>
    public static void MapIn(WebApplication app) =>
        app.MapGet(Endpoint, (SqlPlanRecorder recorder) =>
        {
            var plans = new List<SqlPlan>();
            while (recorder._plans.TryDequeue(out var plan))
            {
                plans.Add(plan);
            }

            return Results.Json(plans);
        }).AllowAnonymous();
}
