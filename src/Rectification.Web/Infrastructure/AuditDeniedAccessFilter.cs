using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Data;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Records every refusal in the audit trail: each 403, and each 404 that was given for an item that does exist —
/// that is, one outside the user's scope (a 404 for an id that exists nowhere is just a wrong address).
/// </summary>
public sealed class AuditDeniedAccessFilter(RectificationDbContext db) : IAsyncAlwaysRunResultFilter
{
    /// <summary>Which table an action's id points into, per controller and id name; looked up without the scope filter.</summary>
    private static readonly Dictionary<(string Controller, string Key), (string Entity, Func<RectificationDbContext, long, Task<bool>> Exists)> s_exists = new()
    {
        [("Findings", "id")] = ("Finding", (d, id) => d.Findings.IgnoreQueryFilters().AnyAsync(f => f.Id == id)),
        [("Inspections", "id")] = ("Inspection", (d, id) => d.Inspections.IgnoreQueryFilters().AnyAsync(i => i.Id == id)),
        [("Evidence", "findingId")] = ("Finding", (d, id) => d.Findings.IgnoreQueryFilters().AnyAsync(f => f.Id == id)),
        [("Extensions", "findingId")] = ("Finding", (d, id) => d.Findings.IgnoreQueryFilters().AnyAsync(f => f.Id == id)),
        [("Extensions", "id")] = ("DeadlineExtension", (d, id) => d.DeadlineExtensions.IgnoreQueryFilters().AnyAsync(e => e.Id == id)),
        [("Urges", "findingId")] = ("Finding", (d, id) => d.Findings.IgnoreQueryFilters().AnyAsync(f => f.Id == id)),
        [("Urges", "id")] = ("Urge", (d, id) => d.Urges.IgnoreQueryFilters().AnyAsync(u => u.Id == id)),
        [("Mechanisms", "id")] = ("Mechanism", (d, id) => d.Mechanisms.IgnoreQueryFilters().AnyAsync(m => m.Id == id)),
        [("Mechanisms", "inspectionId")] = ("Inspection", (d, id) => d.Inspections.IgnoreQueryFilters().AnyAsync(i => i.Id == id)),
        [("Ledger", "inspectionId")] = ("Inspection", (d, id) => d.Inspections.IgnoreQueryFilters().AnyAsync(i => i.Id == id)),
        [("Notifications", "id")] = ("Notification", (d, id) => d.Notifications.IgnoreQueryFilters().AnyAsync(n => n.Id == id)),
        [("Dashboard", "UnitId")] = ("OrgUnit", (d, id) => d.Units.AnyAsync(u => u.Id == id)),
    };

    private static readonly Dictionary<string, (string Entity, Func<RectificationDbContext, long, Task<bool>> Exists)> s_evidenceIds = new()
    {
        ["Download"] = ("EvidenceVersion", (d, id) => d.EvidenceVersions.IgnoreQueryFilters().AnyAsync(v => v.Id == id)),
        ["Inline"] = ("EvidenceVersion", (d, id) => d.EvidenceVersions.IgnoreQueryFilters().AnyAsync(v => v.Id == id)),
        ["Preview"] = ("EvidenceVersion", (d, id) => d.EvidenceVersions.IgnoreQueryFilters().AnyAsync(v => v.Id == id)),
        ["Delete"] = ("EvidenceItem", (d, id) => d.EvidenceItems.IgnoreQueryFilters().AnyAsync(e => e.Id == id)),
        ["Review"] = ("EvidenceItem", (d, id) => d.EvidenceItems.IgnoreQueryFilters().AnyAsync(e => e.Id == id)),
    };

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
        if (status != 0 && context.HttpContext.User.Identity?.IsAuthenticated == true)
        {
            var (controller, action) = (context.RouteData.Values["controller"] as string ?? string.Empty, context.RouteData.Values["action"] as string ?? string.Empty);
            var target = await TargetAsync(context.HttpContext, controller, action);
            if (status == StatusCodes.Status403Forbidden || target is { Exists: true })
            {
                db.Audit(AuditActions.AccessDenied, target?.Entity ?? controller, target?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    AuditOutcome.Denied, new { status, path = context.HttpContext.Request.Path.Value, method = context.HttpContext.Request.Method, action });
                await db.SaveChangesAsync(context.HttpContext.RequestAborted);
            }
        }

        await next();
    }

    private async Task<(string Entity, long Id, bool Exists)?> TargetAsync(HttpContext http, string controller, string action)
    {
        foreach (var key in new[] { "id", "findingId", "inspectionId", "UnitId" })
        {
            var raw = http.GetRouteValue(key) as string ?? http.Request.Query[key].FirstOrDefault();
            if (!long.TryParse(raw, out var id))
            {
                continue;
            }

            var found = controller == "Evidence" && key == "id" && s_evidenceIds.TryGetValue(action, out var evidence) ? evidence
                : s_exists.GetValueOrDefault((controller, key));
            return found.Exists is null ? (controller, id, false) : (found.Entity, id, await found.Exists(db, id));
        }

        return null;
    }
}
