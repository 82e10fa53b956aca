using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Reports;
using Rectification.Core.Scoping;
using Rectification.IntegrationTests.Infrastructure;
using Rectification.Web.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Refused access is on the audit trail for every controller: which record an id names comes from the endpoints'
/// metadata (<see cref="AuditTargetAttribute"/>), not a table of controllers; and recording a refusal saves nothing else.
/// </summary>
public sealed class DeniedAccessAuditTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Every_id_taking_action_names_the_record_its_refusals_are_recorded_against()
    {
        var model = app.Services.CreateScope().ServiceProvider.GetRequiredService<RectificationDbContext>().Model;
        var actions = (await AppActions.DiscoverAsync(app.Services)).Where(a => !a.Anonymous).DistinctBy(a => a.Endpoint).ToList();
        Assert.True(actions.Count > 80, $"Only {actions.Count} actions found");

        var missing = new List<string>();
        var controllersWithTargets = new HashSet<string>();
        foreach (var action in actions)
        {
            var (endpoint, descriptor) = (action.Endpoint, action.Descriptor);
            var targets = endpoint.Metadata.GetOrderedMetadata<AuditTargetAttribute>();
            Assert.All(targets, t => Assert.NotNull(model.FindEntityType(t.Entity)));
            if (targets.Count > 0)
            {
                controllersWithTargets.Add(descriptor.ControllerName);
            }

            foreach (var parameter in action.IdParameters)
            {
                if (!targets.Any(t => string.Equals(t.Parameter, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    missing.Add($"{descriptor.ControllerName}.{descriptor.ActionName}({parameter.Name})");
                }
            }
        }

        Assert.True(missing.Count == 0, "Ids without an [AuditTarget]: " + string.Join(", ", missing.Distinct().Order()));
        // The four the old table of controllers left out are among them.
        Assert.Superset(new HashSet<string> { "Reports", "Comments", "Units", "Users" }, controllersWithTargets);
    }

    [Fact]
    public async Task Refusals_of_a_report_and_a_comment_outside_the_scope_are_recorded_against_them()
    {
        await app.CreateUserAsync("audit.office.b", DemoData.UnitB, Roles.InspectionOffice);
        var (reportId, commentId) = await ReportOfUnitAAsync();
        using var officeB = await app.LoginAsync("audit.office.b");
        var userId = await app.UserIdAsync("audit.office.b");

        Assert.Equal(HttpStatusCode.NotFound, (await officeB.GetAsync($"/Reports/Details/{reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officeB.GetAsync($"/Reports/Edit/{reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officeB.GetAsync($"/Comments?reportId={reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officeB.PostAsync($"/Comments/Handle/{commentId}", new() { ["response"] = "越权处理", ["version"] = "1" })).StatusCode);
        // An id that exists nowhere is a wrong address, not a refusal.
        Assert.Equal(HttpStatusCode.NotFound, (await officeB.GetAsync("/Reports/Details/987654")).StatusCode);

        var denied = await app.WithDatabaseAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.UserId == userId && e.Action == AuditActions.AccessDenied).OrderBy(e => e.Sequence)
            .Select(e => new { e.EntityType, e.EntityId, e.Outcome }).ToListAsync());
        Assert.Equal(
            [
                (nameof(PublicReport), $"{reportId}"), (nameof(PublicReport), $"{reportId}"), (nameof(PublicReport), $"{reportId}"),
                (nameof(ReportComment), $"{commentId}"),
            ],
            denied.Select(e => (e.EntityType, e.EntityId)));
        Assert.All(denied, e => Assert.Equal(AuditOutcome.Denied, e.Outcome));
        Assert.Equal(ReportCommentStatus.New, await app.WithDatabaseAsync(db => db.ReportComments.Where(c => c.Id == commentId).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Recording_a_refusal_saves_nothing_else_the_request_had_changed()
    {
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await app.LoadFindingAsync(findingId);
        var headA = await app.UserIdAsync("head.a");
        var unitA = await app.WithDatabaseAsync(db => db.Units.SingleAsync(u => u.Code == DemoData.UnitA));

        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, headA), new Claim(ClaimTypes.Name, "head.a"), new Claim(ClaimTypes.Role, Roles.UnitHead),
                new Claim(ScopeClaims.UnitId, $"{unitA.Id}"), new Claim(ScopeClaims.UnitPath, unitA.Path),
            ],
            "Test"));
        http.Request.Method = HttpMethods.Post;
        http.Request.Path = $"/Findings/Edit/{findingId}";
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = http;

        // The request has changed the finding on its context, then is refused.
        var db = scope.ServiceProvider.GetRequiredService<RectificationDbContext>();
        var finding = await db.Findings.IgnoreQueryFilters().SingleAsync(f => f.Id == findingId);
        finding.Title = "被拒绝的请求改的标题";

        var routeData = new RouteData { Values = { ["controller"] = "Findings", ["action"] = "Edit", ["id"] = $"{findingId}" } };
        var descriptor = new ActionDescriptor { EndpointMetadata = [new AuditTargetAttribute(typeof(Finding))] };
        var executing = new ResultExecutingContext(new ActionContext(http, routeData, descriptor), [], new StatusCodeResult(StatusCodes.Status403Forbidden), new object());
        var filter = ActivatorUtilities.CreateInstance<AuditDeniedAccessFilter>(scope.ServiceProvider);
        await filter.OnResultExecutionAsync(executing, () => Task.FromResult(new ResultExecutedContext(executing, [], executing.Result, new object())));

        Assert.True(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.AccessDenied && e.EntityType == nameof(Finding) && e.EntityId == $"{findingId}" && e.UserId == headA)));
        var after = await app.LoadFindingAsync(findingId);
        Assert.Equal((before.Title, before.Version), (after.Title, after.Version));
    }

    /// <summary>An inspection of unit A alone (no finding elsewhere), with its report and a comment from the public.</summary>
    private Task<(int ReportId, int CommentId)> ReportOfUnitAAsync() => app.WithDatabaseAsync(async db =>
    {
        var unitA = await db.Units.SingleAsync(u => u.Code == DemoData.UnitA);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var inspection = new Inspection
        {
            Title = "县委第三巡察组巡察嘉祥街道教办党支部",
            TeamName = "县委第三巡察组",
            InspectedUnitId = unitA.Id,
            InspectedUnit = unitA,
            InspectionStart = new DateOnly(2026, 3, 2),
            InspectionEnd = new DateOnly(2026, 4, 10),
            FeedbackDate = new DateOnly(2026, 6, 1),
            RectificationDueDate = new DateOnly(2026, 12, 31),
            Status = InspectionStatus.Rectifying,
            CreatedAt = now,
            UpdatedAt = now,
        };
        inspection.Categories.AddRange(StandardCategories.Create());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        var report = ReportDrafts.Create(inspection, "一、问题", DateOnly.FromDateTime(AppFactory.Start.DateTime), now);
        report.Comments.Add(new ReportComment { Content = "整改进度如何?", SubmittedAt = now });
        db.PublicReports.Add(report);
        await db.SaveChangesAsync();
        return (report.Id, report.Comments[0].Id);
    });
}
