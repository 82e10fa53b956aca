using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Attacks with real sessions and valid antiforgery tokens: another unit's ids on every finding and inspection
/// route answer 404, and a role that may not act gets 403, with nothing changed.
/// </summary>
public sealed class AccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> UnitAUsers => new() { "head.a", "staff.a" };

    private static readonly string[] s_transitionActions = ["Assign", "Claim", "Start", "Submit", "Approve", "Return", "Reopen"];

    [Theory]
    [MemberData(nameof(UnitAUsers))]
    public async Task Another_units_finding_is_not_found_on_any_route(string userName)
    {
        using var client = await app.LoginAsync(userName);
        var foreign = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var before = await app.LoadFindingAsync(foreign);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Findings/Details/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Findings/Progress/{foreign}")).StatusCode);
        var progress = await client.PostAsync($"/Findings/Progress/{foreign}", new()
        {
            ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.RectificationSummary"] = "篡改的落实情况",
        });
        Assert.Equal(HttpStatusCode.NotFound, progress.StatusCode);

        foreach (var action in s_transitionActions)
        {
            var response = await client.PostAsync($"/Findings/{action}/{foreign}", new()
            {
                ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["comment"] = "越权操作",
            });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{action} answered {(int)response.StatusCode}");
        }

        var after = await app.LoadFindingAsync(foreign);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.RectificationSummary, after.RectificationSummary);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task An_inspection_office_user_of_another_subtree_gets_404_on_edit()
    {
        await CreateUserAsync("inspector.b", DemoData.UnitB, Roles.InspectionOffice);
        using var client = await app.LoginAsync("inspector.b");
        var findingOfA = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await app.LoadFindingAsync(findingOfA);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Findings/Edit/{findingOfA}")).StatusCode);
        var edit = await client.PostAsync($"/Findings/Edit/{findingOfA}", new()
        {
            ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CategoryId"] = before.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Title"] = "越权修改",
            ["Input.OwningUnitId"] = (await app.UnitIdAsync(DemoData.UnitB)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Kind"] = nameof(FindingKind.ByDeadline),
        });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(before.Title, (await app.LoadFindingAsync(findingOfA)).Title);

        // Inspections: one outside the subtree does not exist for this user; the bureau's is visible (unit B
        // owns findings in it) but not theirs to change.
        var (foreignInspection, _) = await CreateInspectionOfAsync("JX-JTJ-MC");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Inspections/Details/{foreignInspection}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Inspections/Edit/{foreignInspection}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Findings/Create?inspectionId={foreignInspection}")).StatusCode);
        var createInForeign = await client.PostAsync($"/Findings/Create?inspectionId={foreignInspection}", new()
        {
            ["Input.Title"] = "越权登记",
            ["Input.CategoryId"] = "1",
            ["Input.OwningUnitId"] = (await app.UnitIdAsync(DemoData.UnitB)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.NotFound, createInForeign.StatusCode);
        var bureauInspection = await app.InspectionIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Inspections/Details/{bureauInspection}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Inspections/Edit/{bureauInspection}")).StatusCode);
        Assert.False(await app.WithDatabaseAsync(db => db.Findings.AnyAsync(f => f.Title == "越权登记")));
    }

    [Fact]
    public async Task A_measure_of_another_units_finding_cannot_be_changed_through_ones_own()
    {
        using var headA = await app.LoginAsync("head.a");
        var own = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var foreignMeasure = await app.WithDatabaseAsync(db => db.Measures
            .Where(m => m.Finding!.OwningUnit!.Code == DemoData.UnitB).OrderBy(m => m.Id).FirstAsync());
        var ownBefore = await app.LoadFindingAsync(own);

        var response = await headA.PostAsync($"/Findings/Progress/{own}", new()
        {
            ["version"] = ownBefore.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.RectificationSummary"] = ownBefore.RectificationSummary,
            ["Input.Measures[0].Id"] = foreignMeasure.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Measures[0].Description"] = "借道篡改他单位措施",
            ["Input.Measures[0].Remove"] = "false",
        });

        Assert.Contains("整改措施已不存在,请刷新页面后重试。", (await AppClient.ParseAsync(response)).Errors());
        var after = await app.WithDatabaseAsync(db => db.Measures.AsNoTracking().SingleAsync(m => m.Id == foreignMeasure.Id));
        Assert.Equal(foreignMeasure.Description, after.Description);
        Assert.Equal(foreignMeasure.FindingId, after.FindingId);
        Assert.Equal(ownBefore.Version, (await app.LoadFindingAsync(own)).Version);
    }

    [Fact]
    public async Task An_inspection_without_findings_in_scope_is_not_found_and_not_listed()
    {
        var (inspectionId, findingId) = await CreateInspectionOfAsync("JX-JTJ-ZF");
        using var client = await app.LoginAsync("head.a");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Inspections/Details/{inspectionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Findings/Details/{findingId}")).StatusCode);
        var list = await client.GetPageAsync("/Inspections");
        Assert.Empty(list.QuerySelectorAll($"a[href='/Inspections/Details/{inspectionId}']"));
        Assert.Empty((await client.GetPageAsync($"/Findings?InspectionId={inspectionId}&PageSize=100")).FindingIds());
        // Logging findings is the inspection office's work: refused for the role, whatever the id.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Findings/Create?inspectionId={inspectionId}")).StatusCode);
    }

    [Fact]
    public async Task Unit_staff_cannot_claim_or_submit_and_unit_heads_cannot_review()
    {
        using var staff = await app.LoginAsync("staff.a");
        using var head = await app.LoginAsync("head.a");
        var assigned = await app.FindingAsync(DemoData.UnitA, FindingStatus.Assigned);
        var inProgress = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var submitted = await app.FindingAsync(DemoData.UnitA, FindingStatus.Submitted);

        Assert.Equal(HttpStatusCode.Forbidden, (await Transition(staff, "Claim", assigned)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Transition(staff, "Submit", inProgress)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Transition(head, "Approve", submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Transition(head, "Return", submitted)).StatusCode);

        Assert.Equal(FindingStatus.Assigned, (await app.LoadFindingAsync(assigned)).Status);
        Assert.Equal(FindingStatus.InProgress, (await app.LoadFindingAsync(inProgress)).Status);
        Assert.Equal(FindingStatus.Submitted, (await app.LoadFindingAsync(submitted)).Status);
    }

    [Fact]
    public async Task Leaders_read_but_cannot_write()
    {
        using var leader = await app.LoginAsync("leader");
        var inProgress = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var submitted = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var inspectionId = await app.InspectionIdAsync();
        var before = await app.LoadFindingAsync(inProgress);

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/Findings/Details/{inProgress}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Findings/Edit/{inProgress}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Findings/Progress/{inProgress}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Inspections/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Inspections/Edit/{inspectionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/Findings/Create?inspectionId={inspectionId}")).StatusCode);
        var progress = await leader.PostAsync($"/Findings/Progress/{inProgress}", new()
        {
            ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.RectificationSummary"] = "领导不应能修改",
        });
        Assert.Equal(HttpStatusCode.Forbidden, progress.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Transition(leader, "Approve", submitted)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Transition(leader, "Submit", inProgress)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/Users")).StatusCode);

        Assert.Equal(before.RectificationSummary, (await app.LoadFindingAsync(inProgress)).RectificationSummary);
        Assert.Equal(FindingStatus.Submitted, (await app.LoadFindingAsync(submitted)).Status);
    }

    [Fact]
    public async Task Drafts_stay_with_the_inspection_office()
    {
        var draft = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.Status == FindingStatus.Draft).Select(f => f.Id).FirstAsync());
        using var leader = await app.LoginAsync("leader");
        using var inspector = await app.LoginAsync("inspector");

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/Findings/Details/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/Findings/Details/{draft}")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_go_to_the_login_page_and_forged_forms_are_refused()
    {
        using var anonymous = app.Anonymous();
        var finding = await app.FindingAsync(DemoData.UnitA, FindingStatus.Submitted);
        foreach (var url in new[] { "/", "/Findings", $"/Findings/Details/{finding}", "/Inspections", "/Users", "/Units" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var inspector = await app.LoginAsync("inspector");
        var forged = await inspector.Http.PostAsync($"/Findings/Approve/{finding}", new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "0" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(FindingStatus.Submitted, (await app.LoadFindingAsync(finding)).Status);
    }

    private static async Task<HttpResponseMessage> Transition(AppClient client, string action, int findingId) =>
        await client.PostAsync($"/Findings/{action}/{findingId}", new() { ["version"] = "0", ["comment"] = "测试" });

    private async Task CreateUserAsync(string userName, string unitCode, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, UnitId = await app.UnitIdAsync(unitCode) };
        Assert.True((await users.CreateAsync(user, Demo.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    private Task<(int InspectionId, int FindingId)> CreateInspectionOfAsync(string unitCode) => app.WithDatabaseAsync(async db =>
    {
        var unit = await db.Units.SingleAsync(u => u.Code == unitCode);
        var inspection = new Inspection
        {
            Title = "测试巡察" + unitCode,
            TeamName = "县委第二巡察组",
            InspectedUnitId = unit.Id,
            InspectionStart = new DateOnly(2026, 3, 1),
            InspectionEnd = new DateOnly(2026, 4, 1),
            FeedbackDate = new DateOnly(2026, 6, 1),
            RectificationDueDate = new DateOnly(2026, 9, 1),
            Status = InspectionStatus.Rectifying,
        };
        inspection.Categories.AddRange(StandardCategories.Create());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        var finding = new Finding
        {
            InspectionId = inspection.Id,
            CategoryId = inspection.Categories[0].Id,
            Ordinal = 1,
            Title = "测试问题" + unitCode,
            OwningUnitId = unit.Id,
            Status = FindingStatus.InProgress,
            Deadline = new DateOnly(2026, 12, 31),
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        return (inspection.Id, finding.Id);
    });
}
