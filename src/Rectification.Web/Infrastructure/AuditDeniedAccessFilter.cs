using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Data;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Records every refusal in the audit trail: each 403, and each 404 that was given for a record that does exist — one
/// outside the user's scope (a 404 for an id that exists nowhere is just a wrong address). Which record an action's id
/// names comes from the endpoint's metadata (<see cref="AuditTargetAttribute"/>), for every controller alike; whether it
/// exists is asked of the database model without the scope filters. The entry is written on a context of its own
/// (<see cref="SeparateAudit"/>): whatever the refused request had changed on its context stays unsaved.
/// </summary>
public sealed class AuditDeniedAccessFilter(RectificationDbContext db, SeparateAudit audit) : IAsyncAlwaysRunResultFilter
{
    private static readonly MethodInfo s_exists =
        typeof(AuditDeniedAccessFilter).GetMethod(nameof(ExistsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var status = context.Result switch
        {
            // A ForbidResult is not counted here: it goes through the cookie handler's access-denied event
            // (SessionCookieEvents), which records it, as it records the policy refusals that never reach a filter.
            NotFoundResult => StatusCodes.Status404NotFound,
            StatusCodeResult { StatusCode: StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound } code => code.StatusCode,
            _ => 0,
        };
        var http = context.HttpContext;
        if (status != 0 && http.User.Identity?.IsAuthenticated == true)
        {
            var target = await TargetAsync(context);
            if (status == StatusCodes.Status403Forbidden || target is { Exists: true })
            {
                var action = context.RouteData.Values["action"] as string ?? string.Empty;
                await audit.RecordAsync(AuditActions.AccessDenied,
                    target?.Entity ?? context.RouteData.Values["controller"] as string, target?.Id, AuditOutcome.Denied,
                    new { status, path = http.Request.Path.Value, method = http.Request.Method, action }, http.RequestAborted);
            }
        }

        await next();
    }

    private sealed record Target(string Entity, string Id, bool Exists);

    /// <summary>
    /// The record the refused request named: of the action's audit targets that arrived with a value (in the order of the
    /// action's parameters, then of the attributes), the first that exists, else the first.
    /// </summary>
    private async Task<Target?> TargetAsync(ResultExecutingContext context)
    {
        // Controller attributes come first in the metadata, the action's after: the action's win for the same parameter.
        var declared = context.ActionDescriptor.EndpointMetadata.OfType<AuditTargetAttribute>()
            .GroupBy(t => t.Parameter, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last())
            .ToList();
        var parameters = context.ActionDescriptor.Parameters.Select(p => p.Name).ToList();
        var ordered = declared.OrderBy(t => Position(parameters, t.Parameter));

        Target? first = null;
        foreach (var declaration in ordered)
        {
            if (Value(context, declaration.Parameter) is not { Length: > 0 } raw)
            {
                continue;
            }

            var entity = db.Model.FindEntityType(declaration.Entity)
                ?? throw new InvalidOperationException($"{declaration.Entity.Name} is not an entity of the model.");
            var key = entity.FindPrimaryKey()!.Properties.Single();
            if (!TryParse(raw, key.ClrType, out var id))
            {
                continue;
            }

            var exists = await (Task<bool>)s_exists.MakeGenericMethod(declaration.Entity, key.ClrType)
                .Invoke(null, [db, key.Name, id, context.HttpContext.RequestAborted])!;
            var target = new Target(declaration.Entity.Name, raw, exists);
            if (exists)
            {
                return target;
            }

            first ??= target;
        }

        return first;
    }

    private static int Position(List<string> parameters, string name)
    {
        var index = parameters.FindIndex(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The id from the route, the query, or a form the action has read already (an upload's is left unread).</summary>
    private static string? Value(ActionContext context, string name) =>
        context.RouteData.Values.GetValueOrDefault(name) as string
        ?? context.HttpContext.Request.Query[name].FirstOrDefault()
        ?? context.HttpContext.Features.Get<IFormFeature>()?.Form?[name].FirstOrDefault();

    private static bool TryParse(string raw, Type type, out object id)
    {
        id = raw;
        if (type == typeof(string))
        {
            return true;
        }

        if (type == typeof(int) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            id = i;
            return true;
        }

        if (type == typeof(long) && long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
        {
            id = l;
            return true;
        }

        if (type == typeof(Guid) && Guid.TryParse(raw, out var g))
        {
            id = g;
            return true;
        }

        return false;
    }

    /// <summary>Whether a row of <typeparamref name="TEntity"/> has this key, whoever may see it.</summary>
    private static Task<bool> ExistsAsync<TEntity, TKey>(RectificationDbContext db, string keyName, TKey id, CancellationToken cancellationToken)
        where TEntity : class
    {
        var row = Expression.Parameter(typeof(TEntity), "row");
        Expression<Func<TKey>> value = () => id;
        var matches = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], row, Expression.Constant(keyName)), value.Body),
            row);
        return db.Set<TEntity>().IgnoreQueryFilters().AsNoTracking().AnyAsync(matches, cancellationToken);
    }
}
