using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.Core.Mechanisms;
using Rectification.Core.Notifications;
using Rectification.Core.Reports;
using Rectification.Core.Urging;
using Rectification.Core.Visits;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The IDOR matrix: every controller action that takes an id (discovered from the app's own endpoints) is tried, as
/// every role of unit B, with the ids of unit A's items, which unit B may not see. Each answer must be 404, or 403 where
/// the role may not do the action at all (its policy); a POST must also leave unit A's rows as they were. An id-taking
/// action without an entry in <see cref="s_matrix"/> fails the test, so a new action cannot escape it. Every refusal must
/// also leave an access-denied entry on the audit trail.
/// </summary>
/// <remarks>
/// Admin is not an attacker: an administrator's scope is everything by design (DESIGN.md). For Admin the matrix checks
/// instead that the actions whose policy leaves Admin out answer 403, and (on GETs Admin may use) that the probes'
/// URLs and ids are live: anything but 404, which proves a 404 for unit B comes from the scope, not from a typo.
/// </remarks>
public sealed class IdorMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string LeaderB = "idor.leader.b";
    private const string OfficeB = "idor.office.b";

    private static readonly (string UserName, string Role)[] s_attackers =
    [
        ("head.b", Roles.UnitHead),
        ("staff.b", Roles.UnitStaff),
        (LeaderB, Roles.Leader),
        (OfficeB, Roles.InspectionOffice),
    ];

    /// <summary>"Controller.Action METHOD" → the requests that try unit A's ids on it.</summary>
    private static readonly Dictionary<string, Func<Victims, IEnumerable<Probe>>> s_matrix = new()
    {
        ["Archive.Download GET"] = v => [new(new() { ["id"] = $"{v.InspectionId}" })],

        ["Comments.Index GET"] = v => [new(new() { ["reportId"] = $"{v.ReportId}" })],
        ["Comments.Handle POST"] = v =>
        [
            new(new() { ["id"] = $"{v.CommentId}", ["response"] = "已处理", ["version"] = $"{v.CommentVersion}", ["returnReportId"] = $"{v.ReportId}" }),
        ],

        ["Evidence.Upload GET"] = v =>
        [
            .. v.PerFinding(f => new() { ["findingId"] = $"{f.Id}" }),
            new(new() { ["findingId"] = $"{v.FindingIds[0]}", ["replaces"] = $"{v.EvidenceItemId}" }),
            new(new() { ["findingId"] = $"{v.FollowUpFinding.Id}", ["followUp"] = $"{v.FollowUpDueId}" }),
            // unit B's own finding, replacing unit A's item: the item must not be reachable through it. A leader may not
            // upload evidence at all, and is told so (403) on the own finding whatever it replaces.
            new(new() { ["findingId"] = $"{v.OwnFindingId}", ["replaces"] = $"{v.EvidenceItemId}" }, Live: false, RoleRefused: [Roles.Leader]),
        ],
        ["Evidence.Upload POST"] = v =>
        [
            .. v.PerFinding(f => new() { ["findingId"] = $"{f.Id}", ["Input.Description"] = "佐证", ["Input.EvidenceDate"] = "2026-11-30" }, ProbeKind.Upload),
            new(new() { ["findingId"] = $"{v.FollowUpFinding.Id}", ["Input.Description"] = "回头看佐证", ["Input.EvidenceDate"] = "2026-11-30", ["Input.FollowUpId"] = $"{v.FollowUpDueId}" }, ProbeKind.Upload),
            new(new() { ["findingId"] = $"{v.OwnFindingId}", ["Input.Description"] = "替换", ["Input.EvidenceDate"] = "2026-11-30", ["Input.ReplacesItemId"] = $"{v.EvidenceItemId}" }, ProbeKind.Upload, Live: false, RoleRefused: [Roles.Leader]),
        ],
        ["Evidence.Download GET"] = v => [new(new() { ["id"] = $"{v.EvidenceVersionId}" })],
        ["Evidence.Inline GET"] = v => [new(new() { ["id"] = $"{v.EvidenceVersionId}" })],
        ["Evidence.Preview GET"] = v => [new(new() { ["id"] = $"{v.EvidenceVersionId}" })],
        ["Evidence.Delete GET"] = v => [new(new() { ["id"] = $"{v.EvidenceItemId}" })],
        ["Evidence.Delete POST"] = v => [new(new() { ["id"] = $"{v.EvidenceItemId}", ["reason"] = "上传错了" })],
        ["Evidence.Review POST"] = v =>
        [
            new(new() { ["id"] = $"{v.EvidenceItemId}", ["decision"] = "accept", ["note"] = "通过", ["version"] = $"{v.Findings[0].Version}" }),
            new(new() { ["id"] = $"{v.EvidenceItemId}", ["decision"] = "reject", ["note"] = "不通过", ["version"] = $"{v.Findings[0].Version}" }),
        ],

        ["Extensions.Apply POST"] = v => v.PerFinding(f => new()
        {
            ["findingId"] = $"{f.Id}",
            ["version"] = $"{f.Version}",
            ["requestedDeadline"] = "2027-03-01",
            ["reason"] = "需要更多时间",
        }),
        ["Extensions.Decide POST"] = v =>
        [
            new(new() { ["id"] = $"{v.ExtensionId}", ["findingId"] = $"{v.FindingIds[0]}", ["decision"] = "approve", ["note"] = "同意" }),
            new(new() { ["id"] = $"{v.ExtensionId}", ["findingId"] = $"{v.FindingIds[0]}", ["decision"] = "reject", ["note"] = "不同意" }),
        ],

        ["Findings.Details GET"] = v => v.PerFinding(f => new() { ["id"] = $"{f.Id}" }),
        ["Findings.Create GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Findings.Create POST"] = v => [new(new(v.FindingInput) { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Findings.Edit GET"] = v => v.PerFinding(f => new() { ["id"] = $"{f.Id}" }),
        ["Findings.Edit POST"] = v => v.PerFinding(f => new(v.FindingInput) { ["id"] = $"{f.Id}", ["version"] = $"{f.Version}" }),
        ["Findings.Progress GET"] = v => v.PerFinding(f => new() { ["id"] = $"{f.Id}" }),
        ["Findings.Progress POST"] = v => v.PerFinding(f => new()
        {
            ["id"] = $"{f.Id}",
            ["version"] = $"{f.Version}",
            ["Input.RectificationSummary"] = "已整改完毕",
        }),
        ["Findings.Assign POST"] = v => v.Transition(),
        ["Findings.Claim POST"] = v => v.Transition(),
        ["Findings.Start POST"] = v => v.Transition(),
        ["Findings.Submit POST"] = v => v.Transition(),
        ["Findings.Approve POST"] = v => v.Transition(),
        ["Findings.Return POST"] = v => v.Transition(),
        ["Findings.Reopen POST"] = v => v.Transition(),

        ["Inspections.Details GET"] = v => [new(new() { ["id"] = $"{v.InspectionId}" })],
        ["Inspections.Edit GET"] = v => [new(new() { ["id"] = $"{v.InspectionId}" })],
        ["Inspections.Edit POST"] = v =>
        [
            new(new()
            {
                ["id"] = $"{v.InspectionId}", ["version"] = $"{v.InspectionVersion}", ["Input.Title"] = "改掉的标题", ["Input.TeamName"] = "巡察组",
                ["Input.InspectedUnitId"] = $"{v.UnitAId}", ["Input.InspectionStart"] = "2026-01-05", ["Input.InspectionEnd"] = "2026-02-05",
                ["Input.FeedbackDate"] = "2026-03-05", ["Input.Status"] = "Closed",
            }),
        ],

        ["Ledger.Template GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Ledger.Import GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Ledger.Import POST"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" }, ProbeKind.Upload)],
        ["Ledger.Preview GET"] = v => [new(new() { ["id"] = $"{v.ImportId}" })],
        ["Ledger.Confirm POST"] = v => [new(new() { ["id"] = $"{v.ImportId}" })],
        ["Ledger.Imported GET"] = v => [new(new() { ["id"] = $"{v.ImportId}" })],
        ["Ledger.EditRow GET"] = v => [new(new() { ["id"] = $"{v.ImportId}", ["row"] = "1" })],
        ["Ledger.EditRow POST"] = v =>
        [
            new(new()
            {
                ["id"] = $"{v.ImportId}", ["Input.RowNumber"] = "1", ["Input.Category"] = StandardCategories.Names[1],
                ["Input.Title"] = "越权修改的问题", ["Input.OwningUnit"] = "卧龙山街道教办",
            }),
        ],

        ["Mechanisms.Index GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Mechanisms.Details GET"] = v => [new(new() { ["id"] = $"{v.MechanismId}" })],
        ["Mechanisms.Create GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Mechanisms.Create POST"] = v => [new(new(v.MechanismInput) { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Mechanisms.Edit GET"] = v => [new(new() { ["id"] = $"{v.MechanismId}" })],
        ["Mechanisms.Edit POST"] = v => [new(new(v.MechanismInput) { ["id"] = $"{v.MechanismId}", ["version"] = $"{v.MechanismVersion}" })],
        ["Mechanisms.Upload GET"] = v => [new(new() { ["id"] = $"{v.MechanismId}" })],
        ["Mechanisms.Upload POST"] = v => [new(new() { ["id"] = $"{v.MechanismId}" }, ProbeKind.Upload)],
        ["Mechanisms.Download GET"] = v => [new(new() { ["id"] = $"{v.DocumentId}" })],

        ["Notifications.Open POST"] = v => [new(new() { ["id"] = $"{v.NotificationId}" })],

        ["Reports.Create POST"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Reports.Details GET"] = v => [new(new() { ["id"] = $"{v.ReportId}" })],
        ["Reports.Edit GET"] = v => [new(new() { ["id"] = $"{v.ReportId}" })],
        ["Reports.Edit POST"] = v =>
        [
            new(new()
            {
                ["id"] = $"{v.ReportId}", ["version"] = $"{v.ReportVersion}", ["Input.Title"] = "改掉的通报", ["Input.Opening"] = "开头",
                ["Input.ProgressSection"] = "一", ["Input.FeedbackSection"] = "二", ["Input.PlansSection"] = "三", ["Input.Signature"] = "署名",
                ["Input.ReportDate"] = "2026-12-01",
            }),
        ],
        ["Reports.Regenerate GET"] = v => [new(new() { ["id"] = $"{v.ReportId}" })],
        ["Reports.Regenerate POST"] = v => [new(new() { ["id"] = $"{v.ReportId}", ["hash"] = "0", ["version"] = $"{v.ReportVersion}" })],
        ["Reports.Publish POST"] = v => [new(new() { ["id"] = $"{v.ReportId}", ["version"] = $"{v.ReportVersion}" })],
        ["Reports.Unpublish POST"] = v => [new(new() { ["id"] = $"{v.ReportId}", ["version"] = $"{v.ReportVersion}" })],
        ["Reports.Docx GET"] = v => [new(new() { ["id"] = $"{v.ReportId}" })],
        ["Reports.InsertSiteVisits POST"] = v => [new(new() { ["id"] = $"{v.ReportId}", ["version"] = $"{v.ReportVersion}" })],

        ["Visits.Index GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Visits.Details GET"] = v => [new(new() { ["id"] = $"{v.VisitId}" })],
        ["Visits.Create GET"] = v => [new(new() { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Visits.Create POST"] = v => [new(new(v.VisitInput) { ["inspectionId"] = $"{v.InspectionId}" })],
        ["Visits.Edit GET"] = v => [new(new() { ["id"] = $"{v.VisitId}" })],
        ["Visits.Edit POST"] = v => [new(new(v.VisitInput) { ["id"] = $"{v.VisitId}", ["version"] = $"{v.VisitVersion}" })],
        ["Visits.Results POST"] = v =>
        [
            new(new()
            {
                ["id"] = $"{v.VisitId}", ["version"] = $"{v.VisitVersion}", ["results[0].FindingId"] = $"{v.FindingIds[0]}",
                ["results[0].Outcome"] = nameof(VisitOutcome.InPlace), ["results[0].Note"] = "越权改写",
            }),
        ],
        ["Visits.Photos POST"] = v => [new(new() { ["id"] = $"{v.VisitId}", ["findingId"] = $"{v.FindingIds[0]}" }, ProbeKind.Upload)],
        ["Visits.Return POST"] = v => [new(new() { ["id"] = $"{v.VisitId}", ["findingId"] = $"{v.FindingIds[0]}", ["version"] = $"{v.Findings[0].Version}" })],

        ["Units.Create GET"] = v => [new(new() { ["parentId"] = $"{v.UnitAId}" })],
        // Not discovered (the parent comes in the form), but the same question: a unit under unit A.
        ["Units.Create POST"] = v => [new(new() { ["Input.ParentId"] = $"{v.UnitAId}", ["Input.Name"] = "新单位", ["Input.Code"] = "JX-JTJ-JXJD-99" })],
        ["Units.Edit GET"] = v => [new(new() { ["id"] = $"{v.UnitAId}" })],
        ["GroupRobots.Edit GET"] = v => [new(new() { ["id"] = $"{v.UnitAId}" })],
        ["GroupRobots.Edit POST"] = v => [new(new() { ["id"] = $"{v.UnitAId}", ["Input.Platform"] = "WeCom", ["Input.Address"] = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=attacker" })],
        ["GroupRobots.Remove POST"] = v => [new(new() { ["id"] = $"{v.UnitAId}" })],
        ["GroupRobots.Test POST"] = v => [new(new() { ["id"] = $"{v.UnitAId}" })],
        ["Units.Edit POST"] = v => [new(new() { ["id"] = $"{v.UnitAId}", ["Input.Name"] = "改名", ["Input.Code"] = DemoData.UnitA, ["Input.IsActive"] = "false" })],

        ["Urges.Create GET"] = v =>
        [
            .. v.PerFinding(f => new() { ["findingId"] = $"{f.Id}" }),
            new(new() { ["unitId"] = $"{v.UnitAId}" }),
        ],
        ["Urges.Create POST"] = v =>
        [
            .. v.PerFinding(f => new() { ["findingId"] = $"{f.Id}", ["Input.Message"] = "请抓紧整改", ["Input.ExpectedBy"] = "2026-12-08" }),
            new(new() { ["unitId"] = $"{v.UnitAId}", ["Input.Message"] = "请抓紧整改", ["Input.ExpectedBy"] = "2026-12-08" }),
        ],
        ["Urges.Acknowledge POST"] = v => [new(new() { ["id"] = $"{v.UrgeId}", ["returnUrl"] = "/" })],

        ["FollowUps.Answer POST"] = v => [new(new() { ["id"] = $"{v.FollowUpDueId}", ["version"] = $"{v.FollowUpFinding.Version}", ["note"] = "越权反馈" })],
        ["FollowUps.Accept POST"] = v => [new(new() { ["id"] = $"{v.FollowUpAnsweredId}", ["version"] = $"{v.FollowUpFinding.Version}", ["comment"] = "越权通过" })],
        ["FollowUps.Reopen POST"] = v => [new(new() { ["id"] = $"{v.FollowUpAnsweredId}", ["version"] = $"{v.FollowUpFinding.Version}", ["comment"] = "越权重开" })],

        ["Users.Edit GET"] = v => [new(new() { ["id"] = v.HeadAId })],
        ["Users.Edit POST"] = v => [new(new() { ["id"] = v.HeadAId, ["Input.DisplayName"] = "改名", ["Input.UnitId"] = $"{v.UnitAId}", ["Input.IsActive"] = "false" })],
        ["Users.ResetPassword GET"] = v => [new(new() { ["id"] = v.HeadAId })],
        // Not discovered (the id comes in the model), but the same question.
        ["Users.ResetPassword POST"] = v => [new(new() { ["Id"] = v.HeadAId, ["NewPassword"] = "Attacker-Chosen-Pa55!" })],
    };

    [Fact]
    public async Task Every_id_taking_action_has_an_entry_in_the_matrix()
    {
        var actions = await ActionsAsync();
        var missing = actions.Where(a => a.TakesId).Select(a => a.Key).Where(k => !s_matrix.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Id-taking actions without an entry in the IDOR matrix: " + string.Join(", ", missing));

        var stale = s_matrix.Keys.Except(actions.Select(a => a.Key)).Order().ToList();
        Assert.True(stale.Count == 0, "Matrix entries for actions the app no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Unit_B_reaches_none_of_unit_A_items_through_any_id_taking_action()
    {
        var actions = await ActionsAsync();
        var failures = actions.Where(a => a.TakesId && !s_matrix.ContainsKey(a.Key)).Select(a => $"{a.Key}: no entry in the matrix").ToList();
        var probed = actions.Where(a => s_matrix.ContainsKey(a.Key)).ToList();
        Assert.True(probed.Count > 60, $"Only {probed.Count} id-taking actions found");

        await CreateAttackersAsync();
        var victims = await CreateVictimsAsync();
        var before = await FingerprintAsync(victims);
        var requests = 0;

        foreach (var (userName, role) in s_attackers)
        {
            using var attacker = await app.LoginAsync(userName);
            var attackerId = await app.UserIdAsync(userName);
            foreach (var action in probed)
            {
                var roleForbidden = action.AllowedRoles is { } allowed && !allowed.Contains(role);
                foreach (var probe in s_matrix[action.Key](victims))
                {
                    var recorded = await DeniedEntriesAsync(attackerId);
                    var (url, status, location) = await SendAsync(attacker, action, probe);
                    requests++;
                    var what = $"{userName} ({role}) {action.Method} {url} [{action.Key}]";
                    if (!(status == HttpStatusCode.NotFound || (status == HttpStatusCode.Forbidden && (roleForbidden || (probe.RoleRefused?.Contains(role) ?? false)))))
                    {
                        failures.Add($"{what} answered {(int)status} {location}".TrimEnd());
                    }
                    else if (await DeniedEntriesAsync(attackerId) == recorded)
                    {
                        // Every item probed exists: each refusal must be on the audit trail, whatever the controller.
                        failures.Add($"{what} answered {(int)status} and left no {AuditActions.AccessDenied} entry");
                    }

                    if (action.Method != "GET")
                    {
                        var after = await FingerprintAsync(victims);
                        if (after != before)
                        {
                            failures.Add($"{what} changed unit A's data:\n  before {before}\n  after  {after}");
                            before = after;
                        }
                    }
                }
            }
        }

        // Admin: the policies that leave Admin out hold; the GET probes Admin may use reach live items.
        using var admin = await app.LoginAsync("admin");
        foreach (var action in probed)
        {
            var policyRefuses = action.AllowedRoles is { } allowed && !allowed.Contains(Roles.Admin);
            if (!policyRefuses && action.Method != "GET")
            {
                continue;
            }

            foreach (var probe in s_matrix[action.Key](victims))
            {
                if (!policyRefuses && !probe.Live)
                {
                    continue;
                }

                var (url, status, location) = await SendAsync(admin, action, probe);
                requests++;
                if (policyRefuses && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"admin {action.Method} {url} [{action.Key}]: the policy excludes Admin, answered {(int)status} {location}".TrimEnd());
                }
                else if (!policyRefuses && status == HttpStatusCode.NotFound)
                {
                    failures.Add($"admin {action.Method} {url} [{action.Key}]: 404 for Admin, so the probe does not reach a live item");
                }
            }
        }

        Assert.Equal(before, await FingerprintAsync(victims));
        Assert.True(requests > 500, $"Only {requests} requests made");
        // Assert.Empty would cut the list short; every leak is listed, one a line.
        Assert.True(failures.Count == 0, $"{failures.Count} leak(s) or failure(s):\n" + string.Join('\n', failures));
    }

    private enum ProbeKind
    {
        Form,
        Upload,
    }

    /// <summary>
    /// One request: route, query and form values. <paramref name="Live"/>: Admin must not get 404 for it (its ids all
    /// exist together). <paramref name="RoleRefused"/>: roles that the action refuses (403) on unit B's own item it names.
    /// </summary>
    private sealed record Probe(Dictionary<string, string> Values, ProbeKind Kind = ProbeKind.Form, bool Live = true, string[]? RoleRefused = null);

    private sealed record VictimFinding(int Id, int Version);

    /// <summary>Unit A's items, which no one in unit B may see, and the versions a plausible POST would carry.</summary>
    private sealed record Victims(
        int UnitAId,
        string HeadAId,
        int InspectionId,
        int InspectionVersion,
        IReadOnlyList<VictimFinding> Findings,
        int OwnFindingId,
        int EvidenceItemId,
        int EvidenceVersionId,
        int ExtensionId,
        int UrgeId,
        int MechanismId,
        int MechanismVersion,
        int DocumentId,
        int ReportId,
        int ReportVersion,
        int CommentId,
        int CommentVersion,
        long NotificationId,
        Guid ImportId,
        int OwnUnitId,
        int VisitId,
        int VisitVersion,
        VictimFinding FollowUpFinding,
        int FollowUpDueId,
        int FollowUpAnsweredId)
    {
        /// <summary>A visit of unit A's inspection to unit A.</summary>
        public Dictionary<string, string> VisitInput => new()
        {
            ["Input.VisitedOn"] = "2026-11-30",
            ["Input.UnitIds"] = $"{UnitAId}",
            ["Input.OtherMembers"] = "越权查验组",
        };

        public IReadOnlyList<int> FindingIds => [.. Findings.Select(f => f.Id)];

        public Dictionary<string, string> FindingInput => new()
        {
            ["Input.CategoryId"] = "1",
            ["Input.Title"] = "越权登记的问题",
            ["Input.OwningUnitId"] = $"{UnitAId}",
            ["Input.Deadline"] = "2027-01-31",
        };

        /// <summary>A mechanism of unit B's own, linked to unit A's finding.</summary>
        public Dictionary<string, string> MechanismInput => new()
        {
            ["Input.Title"] = "越权登记的制度",
            ["Input.IssuingUnitId"] = $"{OwnUnitId}",
            ["Input.IssueDate"] = "2026-11-30",
            ["Input.FindingIds[0]"] = $"{FindingIds[0]}",
        };

        public IEnumerable<Probe> PerFinding(Func<VictimFinding, Dictionary<string, string>> values, ProbeKind kind = ProbeKind.Form) =>
            Findings.Select(f => new Probe(values(f), kind));

        public IEnumerable<Probe> Transition() => PerFinding(f => new()
        {
            ["id"] = $"{f.Id}",
            ["version"] = $"{f.Version}",
            ["Comment"] = "同意",
            ["VerificationMethod"] = "DocumentReview",
            ["VerifiedOn"] = "2026-11-30",
        });
    }

    private sealed record ActionEndpoint(
        string Key, string Method, RouteEndpoint Endpoint, ControllerActionDescriptor Descriptor, bool TakesId, IReadOnlySet<string>? AllowedRoles);

    /// <summary>
    /// The signed-in actions, each method once; an action without a method attribute is tried with GET only (the
    /// discovery lists it with POST as well).
    /// </summary>
    private async Task<List<ActionEndpoint>> ActionsAsync() =>
        [.. (await AppActions.DiscoverAsync(app.Services))
            .Where(a => !a.Anonymous && !(a.AnyMethod && a.Method != "GET"))
            .Select(a => new ActionEndpoint(a.Key, a.Method, a.Endpoint, a.Descriptor, a.IdParameters.Any(), a.AllowedRoles))];

    /// <summary>
    /// Sends the probe the way its action is reached: values that the route pattern names go into the path, the rest
    /// into the query (GET) or the form (POST, with a valid antiforgery token, multipart for the upload actions).
    /// </summary>
    private static async Task<(string Url, HttpStatusCode Status, string Location)> SendAsync(AppClient client, ActionEndpoint action, Probe probe)
    {
        var rest = new Dictionary<string, string>(probe.Values);
        var segments = new List<string>();
        foreach (var segment in action.Endpoint.RoutePattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternParameterPart { Name: "controller" } => action.Descriptor.ControllerName,
                RoutePatternParameterPart { Name: "action" } => action.Descriptor.ActionName,
                RoutePatternParameterPart parameter => rest.Remove(parameter.Name, out var value) ? Uri.EscapeDataString(value) : string.Empty,
                _ => string.Empty,
            }));
            if (text.Length > 0)
            {
                segments.Add(text);
            }
        }

        var path = "/" + string.Join('/', segments);
        if (action.Method == "GET")
        {
            var url = rest.Count == 0 ? path : path + "?" + string.Join('&', rest.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
            var response = await client.GetAsync(url);
            return (url, response.StatusCode, response.Headers.Location?.ToString() ?? string.Empty);
        }

        if (probe.Kind == ProbeKind.Upload)
        {
            // An upload action reads no form values for its parameters (its body is streamed): they come in the query,
            // as the upload forms' actions carry them.
            var query = rest.Where(p => action.Descriptor.Parameters.Any(d => d.Name == p.Key)).ToList();
            query.ForEach(p => rest.Remove(p.Key));
            path += query.Count == 0 ? string.Empty : "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        }

        var posted = probe.Kind == ProbeKind.Upload ? await UploadAsync(client, path, rest) : await client.PostAsync(path, rest);
        return (path + " " + string.Join('&', rest.Select(p => $"{p.Key}={p.Value}")), posted.StatusCode, posted.Headers.Location?.ToString() ?? string.Empty);
    }

    /// <summary>A multipart POST with a valid antiforgery token first, then the fields, then a real PDF: what an upload form sends.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetPageAsync("/");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the home page.");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(SampleFiles.Pdf());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        content.Add(file, "files", "idor.pdf");
        return await client.Http.PostAsync(path, content);
    }

    /// <summary>The Leader and the InspectionOffice of unit B, signed in like the demo's accounts (no forced password change).</summary>
    private async Task CreateAttackersAsync()
    {
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        foreach (var (userName, role) in new[] { (LeaderB, Roles.Leader), (OfficeB, Roles.InspectionOffice) })
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new AppUser { UserName = userName, DisplayName = userName, UnitId = unitB, CreatedAt = now, PasswordChangedAt = now };
            Assert.True((await users.CreateAsync(user, Demo.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
    }

    /// <summary>
    /// Unit A's world: a new inspection of unit A (unit B holds none of its findings, so it is invisible to unit B) with
    /// a finding in progress, its evidence (on a stored file of the demo), an extension request, an urge, a mechanism
    /// with its document, the draft report with a comment, a ledger upload awaiting confirmation, and a notification
    /// for head.a; plus the demo's findings of unit A in every other status.
    /// </summary>
    private async Task<Victims> CreateVictimsAsync()
    {
        var unitA = await app.UnitIdAsync(DemoData.UnitA);
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var headA = await app.UserIdAsync("head.a");
        var staffA = await app.UserIdAsync("staff.a");
        var inspector = await app.UserIdAsync("inspector");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(AppFactory.Start.DateTime);
        var ownFinding = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);

        return await app.WithDatabaseAsync(async db =>
        {
            var storedEvidence = await db.EvidenceVersions.AsNoTracking().OrderBy(v => v.Id).FirstAsync();
            var storedDocument = await db.MechanismDocuments.AsNoTracking().OrderBy(d => d.Id).FirstAsync();

            var inspection = new Inspection
            {
                Title = "县委第二巡察组巡察嘉祥街道教办党支部",
                TeamName = "县委第二巡察组",
                InspectedUnitId = unitA,
                InspectedUnit = await db.Units.SingleAsync(u => u.Id == unitA),
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

            var finding = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = inspection.Categories.OrderBy(c => c.Ordinal).First().Id,
                Ordinal = 1,
                Title = "教办公用车管理不规范",
                Description = "公车使用登记不全。",
                OwningUnitId = unitA,
                ResponsibleLeaderId = headA,
                ResponsiblePersonId = staffA,
                Deadline = today.AddDays(30),
                AssignedOn = today.AddDays(-30),
                Status = FindingStatus.InProgress,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var item = new EvidenceItem { Description = "公车登记台账", EvidenceDate = today, CreatedAt = now, CreatedById = staffA };
            item.Versions.Add(new EvidenceVersion
            {
                Number = 1,
                FileName = "公车登记台账.pdf",
                FileType = storedEvidence.FileType,
                Length = storedEvidence.Length,
                Sha256 = storedEvidence.Sha256,
                UploadedAt = now,
                UploadedById = staffA,
                UploadedByName = "胡晓敏",
            });
            finding.Evidence.Add(item);
            db.Findings.Add(finding);
            await db.SaveChangesAsync();

            var extension = new DeadlineExtension
            {
                FindingId = finding.Id,
                CurrentDeadline = finding.Deadline,
                RequestedDeadline = today.AddDays(60),
                Reason = "需等待区里的车辆处置批复。",
                RequestedAt = now,
                RequestedById = headA,
                RequestedByName = "马德胜",
            };
            var urge = new Urge
            {
                UnitId = unitA,
                FindingId = finding.Id,
                Message = "请抓紧整改公车管理问题。",
                ExpectedBy = today.AddDays(7),
                CreatedAt = now,
                CreatedById = inspector,
                CreatedByName = "王立新",
            };
            var mechanism = new Mechanism
            {
                InspectionId = inspection.Id,
                Title = "嘉祥街道教办公务用车管理办法",
                IssuingUnitId = unitA,
                IssueDate = today.AddDays(-3),
                Summary = "用车登记、审批和公示。",
                CreatedAt = now,
                CreatedById = headA,
                UpdatedAt = now,
            };
            mechanism.Findings.Add(new MechanismFinding { FindingId = finding.Id });
            mechanism.Documents.Add(new MechanismDocument
            {
                Number = 1,
                FileName = "公务用车管理办法.pdf",
                FileType = storedDocument.FileType,
                Length = storedDocument.Length,
                Sha256 = storedDocument.Sha256,
                UploadedAt = now,
                UploadedById = headA,
                UploadedByName = "马德胜",
            });
            var report = ReportDrafts.Create(inspection, "一、公车管理问题", today, now);
            report.Comments.Add(new ReportComment { Content = "公车是否已经清理?", SubmittedAt = now });
            var notification = new Notification
            {
                UserId = headA,
                Kind = NotificationKind.Urged,
                FindingId = finding.Id,
                Subject = finding.Title,
                Detail = urge.Message,
                CreatedAt = now,
            };
            var import = new LedgerImport
            {
                Id = Guid.NewGuid(),
                InspectionId = inspection.Id,
                UserId = inspector,
                FileName = "台账.xlsx",
                Rows = """[{"RowNumber":1,"Cells":{"Category":"贯彻党的路线方针政策和党中央决策部署方面","Description":"待导入的问题","OwningUnit":"嘉祥街道教办"}}]""",
                RowCount = 1,
                CreatedAt = now,
            };
            // The office's on-site visit to unit A, which found the new finding not in place.
            var visit = new SiteVisit { InspectionId = inspection.Id, VisitedOn = today.AddDays(-2), Team = "王立新", CreatedAt = now, UpdatedAt = now };
            visit.Units.Add(new SiteVisitUnit { UnitId = unitA });
            visit.Results.Add(new SiteVisitResult { FindingId = finding.Id, Outcome = VisitOutcome.NotInPlace, Note = "公车登记仍不全" });
            db.AddRange(extension, urge, mechanism, report, notification, import, visit);
            await db.SaveChangesAsync();

            // A closed long-term finding of unit A with a 回头看 answered and one waiting for its answer.
            var longTerm = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = finding.CategoryId,
                Ordinal = 2,
                Title = "教办食堂管理长效机制",
                OwningUnitId = unitA,
                ResponsiblePersonId = staffA,
                Kind = FindingKind.LongTerm,
                Status = FindingStatus.Closed,
                AssignedOn = today.AddDays(-90),
                Deadline = today.AddDays(-30),
                ClosedOn = today.AddDays(-30),
                ClosedAt = now,
                FollowUpEvery = FollowUpInterval.Quarterly,
                CreatedAt = now,
                UpdatedAt = now,
            };
            longTerm.FollowUps.Add(new FollowUp { DueOn = today.AddDays(-2), Status = FollowUpStatus.Answered, AnswerNote = "坚持每月检查。", AnsweredAt = now, CreatedAt = now });
            longTerm.FollowUps.Add(new FollowUp { DueOn = today.AddDays(5), Status = FollowUpStatus.Due, CreatedAt = now });
            db.Findings.Add(longTerm);
            await db.SaveChangesAsync();

            // The demo's findings of unit A, one in each status but Draft, next to the new one.
            var demo = await db.Findings.AsNoTracking()
                .Where(f => f.OwningUnitId == unitA && f.Id != finding.Id && f.Status != FindingStatus.Draft)
                .OrderBy(f => f.Id).ToListAsync();
            var findings = new List<VictimFinding> { new(finding.Id, finding.Version), new(longTerm.Id, longTerm.Version) };
            findings.AddRange(demo.GroupBy(f => f.Status).Select(g => g.First()).Select(f => new VictimFinding(f.Id, f.Version)));
            Assert.True(findings.Count >= 4, $"Only {findings.Count} findings of unit A to try");

            return new Victims(
                unitA, headA, inspection.Id, inspection.Version, findings, ownFinding,
                item.Id, item.Versions[0].Id, extension.Id, urge.Id, mechanism.Id, mechanism.Version, mechanism.Documents[0].Id,
                report.Id, report.Version, report.Comments[0].Id, report.Comments[0].Version, notification.Id, import.Id, unitB,
                visit.Id, visit.Version,
                new VictimFinding(longTerm.Id, longTerm.Version), longTerm.FollowUps.Single(f => f.Status == FollowUpStatus.Due).Id,
                longTerm.FollowUps.Single(f => f.Status == FollowUpStatus.Answered).Id);
        });
    }

    private Task<int> DeniedEntriesAsync(string userId) =>
        app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.UserId == userId && e.Action == AuditActions.AccessDenied));

    /// <summary>Everything of unit A's that an attacker's POST could change, as one comparable string.</summary>
    private Task<string> FingerprintAsync(Victims v) => app.WithDatabaseAsync(async db =>
    {
        var ids = v.FindingIds.ToList();
        var parts = new List<object>
        {
            string.Join(',', await db.Findings.AsNoTracking().Where(f => ids.Contains(f.Id)).OrderBy(f => f.Id)
                .Select(f => $"{f.Id}:{f.Status}:{f.Version}:{f.Deadline}:{f.ResponsiblePersonId}:{f.OwningUnitId}:{f.SiteVisitId}").ToListAsync()),
            await db.FindingEvents.CountAsync(e => ids.Contains(e.FindingId)),
            await db.Measures.CountAsync(m => ids.Contains(m.FindingId)),
            string.Join(',', await db.EvidenceItems.AsNoTracking().Where(e => ids.Contains(e.FindingId)).OrderBy(e => e.Id)
                .Select(e => $"{e.Id}:{e.IsDeleted}:{e.Review}:{e.Versions.Count}").ToListAsync()),
            string.Join(',', await db.DeadlineExtensions.AsNoTracking().Where(e => ids.Contains(e.FindingId)).OrderBy(e => e.Id)
                .Select(e => $"{e.Id}:{e.Status}").ToListAsync()),
            string.Join(',', await db.Urges.AsNoTracking().Where(u => u.UnitId == v.UnitAId).OrderBy(u => u.Id)
                .Select(u => $"{u.Id}:{u.AcknowledgedAt}").ToListAsync()),
            await db.MechanismFindings.CountAsync(l => ids.Contains(l.FindingId)),
            string.Join(',', await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.FindingId)).OrderBy(f => f.Id)
                .Select(f => $"{f.Id}:{f.Status}:{f.AnswerNote}:{f.ReviewComment}").ToListAsync()),
            await db.EvidenceItems.CountAsync(e => e.FollowUpId != null && ids.Contains(e.FindingId)),
            string.Join(',', await db.Mechanisms.AsNoTracking().Where(m => m.InspectionId == v.InspectionId)
                .Select(m => $"{m.Id}:{m.Version}:{m.Documents.Count}").ToListAsync()),
            string.Join(',', await db.PublicReports.AsNoTracking().Where(r => r.InspectionId == v.InspectionId)
                .Select(r => $"{r.Id}:{r.Version}:{r.IsPublished}").ToListAsync()),
            string.Join(',', await db.ReportComments.AsNoTracking().Where(c => c.ReportId == v.ReportId)
                .Select(c => $"{c.Id}:{c.Status}:{c.Version}").ToListAsync()),
            await db.Notifications.Where(n => n.Id == v.NotificationId).Select(n => n.ReadAt).SingleAsync() ?? DateTime.MinValue,
            await db.LedgerImports.Where(i => i.Id == v.ImportId).Select(i => i.ImportedAt).SingleAsync() ?? DateTime.MinValue,
            string.Join(',', await db.SiteVisits.AsNoTracking().Where(s => s.InspectionId == v.InspectionId).OrderBy(s => s.Id)
                .Select(s => $"{s.Id}:{s.Version}:{s.Team}:{s.Units.Count}").ToListAsync()),
            string.Join(',', await db.SiteVisitResults.AsNoTracking().Where(r => ids.Contains(r.FindingId)).OrderBy(r => r.Id)
                .Select(r => $"{r.Id}:{r.Outcome}:{r.Note}").ToListAsync()),
            await db.LedgerImports.Where(i => i.Id == v.ImportId).Select(i => i.Rows).SingleAsync(),
            string.Join(',', await db.Inspections.AsNoTracking().Where(i => i.Id == v.InspectionId)
                .Select(i => $"{i.Version}:{i.Title}:{i.Status}:{i.Categories.Count}:{i.Findings.Count}").ToListAsync()),
            string.Join(',', await db.Units.AsNoTracking().Where(u => u.Id == v.UnitAId || u.ParentId == v.UnitAId).OrderBy(u => u.Id)
                .Select(u => $"{u.Id}:{u.Name}:{u.IsActive}").ToListAsync()),
            string.Join(',', await db.Users.AsNoTracking().Where(u => u.Id == v.HeadAId)
                .Select(u => $"{u.DisplayName}:{u.UnitId}:{u.IsActive}:{u.MustChangePassword}:{u.PasswordHash}").ToListAsync()),
            string.Join(',', await db.GroupRobots.AsNoTracking().Where(r => r.UnitId == v.UnitAId)
                .Select(r => $"{r.Id}:{r.Platform}:{r.ProtectedAddress}:{r.Revision}:{r.LastDeliveredAt}:{r.LastFailedAt}").ToListAsync()),
        };
        return string.Join(" | ", parts);
    });
}
