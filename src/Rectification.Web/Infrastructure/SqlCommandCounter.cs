using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Rectification.Core.Data;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Benchmark mode only (<c>Benchmark:CountSqlCommands</c>): counts the SQL commands the app sends, per request
/// (response header <see cref="Header"/>) and in total (<c>GET /benchmark/sql-commands</c>), so the load driver and
/// the tests can tell how many round trips a page costs. Off, nothing of it is registered.
/// </summary>
public sealed class SqlCommandCounter(IHttpContextAccessor accessor) : DbCommandInterceptor
{
    public const string Setting = "Benchmark:CountSqlCommands";
    public const string Header = "X-Sql-Commands";
    public const string Endpoint = "/benchmark/sql-commands";

    private static readonly object s_key = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(Setting);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count()
    {
        Interlocked.Increment(ref _total);
        if (accessor.HttpContext?.Items[s_key] is RequestCount request)
        {
            Interlocked.Increment(ref request.Value);
        }
    }

    private sealed class RequestCount
    {
        public int Value;
    }

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<SqlCommandCounter>();
        services.ConfigureDbContext<RectificationDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandCounter>()));
    }

    /// <summary>Counts each request's commands into its response header (set when the response starts), and serves the total.</summary>
    public static void UseIn(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var count = new RequestCount();
            context.Items[s_key] = count;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = Volatile.Read(ref count.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next(context);
        });
        app.MapGet(Endpoint, (SqlCommandCounter counter) => counter.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)).AllowAnonymous();
    }
}
