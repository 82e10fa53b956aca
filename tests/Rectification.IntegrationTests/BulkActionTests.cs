using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// 批量交办、设定时限、督办 from the findings list: each finding gets its own event and audit entry; one refusal (wrong
/// status, out of scope) and nothing changes, the refused finding named on the list.
/// </summary>
public sealed class BulkActionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Assigning_ticked_drafts_gives_each_its_own_event_and_audit_entry()
    {
        using var inspector = await app.LoginAsync("inspector");
        var drafts = await CreateDraftsAsync(inspector, "批量交办", 3);

        var response = await PostBulkAsync(inspector, drafts, new() { ["Action"] = "Assign", ["Comment"] = "请按期整改" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await inspector.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("已交办3个问题。", list.QuerySelector(".alert-success")!.TextContent);
        foreach (var id in drafts)
        {
            var finding = await app.LoadFindingAsync(id);
            Assert.Equal(FindingStatus.Assigned, finding.Status);
            var assigned = Assert.Single(finding.Events, e => e.Kind == FindingEventKind.Assigned);
            Assert.Equal("请按期整改", assigned.Comment);
            Assert.Equal(1, await AuditCountAsync(id, AuditActions.StatusChange));
        }
    }

    [Fact]
    public async Task One_refused_finding_is_named_and_nothing_changes()
    {
        using var inspector = await app.LoginAsync("inspector");
        var drafts = await CreateDraftsAsync(inspector, "批量拒绝", 2);
        var inProgress = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var refusedTitle = (await app.LoadFindingAsync(inProgress)).Title;
        var before = await SnapshotAsync([.. drafts, inProgress]);

        var response = await PostBulkAsync(inspector, [.. drafts, inProgress], new() { ["Action"] = "Assign" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await inspector.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("未做任何更改:以下1个问题不能交办", list.QuerySelector(".alert-danger")!.TextContent);
        var refused = Assert.Single(list.QuerySelectorAll("[data-bulk-refused]"));
        Assert.Contains(refusedTitle, refused.TextContent);
        Assert.Contains("问题当前状态为“整改中”,不能执行“交办”。", refused.TextContent);
        Assert.Equal(before, await SnapshotAsync([.. drafts, inProgress]));
    }

    [Fact]
    public async Task Setting_the_deadline_of_several_records_an_edit_on_each()
    {
        using var inspector = await app.LoginAsync("inspector");
        var ids = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.Status == FindingStatus.InProgress)
            .OrderBy(f => f.Id).Select(f => f.Id).Take(2).ToListAsync());
        var deadline = new DateOnly(2027, 3, 31);

        var response = await PostBulkAsync(inspector, ids, new() { ["Action"] = "SetDeadline", ["Deadline"] = "2027-03-31" });

        Assert.Contains("已为2个问题设定整改时限。", (await inspector.GetPageAsync(response.Headers.Location!.OriginalString)).Text());
        foreach (var id in ids)
        {
            var finding = await app.LoadFindingAsync(id);
            Assert.Equal(deadline, finding.Deadline);
            var edited = finding.Events.Where(e => e.Kind == FindingEventKind.Edited).OrderBy(e => e.Id).Last();
            Assert.Equal("整改时限", Assert.Single(edited.Changes).Field);
            Assert.True(await AuditCountAsync(id, AuditActions.Update) >= 1);
        }
    }

    [Fact]
    public async Task Urging_several_urges_each_finding_of_its_unit()
    {
        using var inspector = await app.LoginAsync("inspector");
        var ids = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.Status == FindingStatus.Assigned || f.Status == FindingStatus.Returned)
            .OrderBy(f => f.Id).Select(f => f.Id).ToListAsync());
        Assert.True(ids.Count >= 2);

        var response = await PostBulkAsync(inspector, ids, new() { ["Action"] = "Urge", ["Message"] = "批量督办:请于月底前完成", ["ExpectedBy"] = "2026-12-31" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var id in ids)
        {
            var urge = await app.WithDatabaseAsync(db => db.Urges.SingleAsync(u => u.FindingId == id && u.Message == "批量督办:请于月底前完成"));
            Assert.Equal(1, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Urge" && e.EntityId == urge.Id.ToString(CultureInfo.InvariantCulture))));
            Assert.Single((await app.LoadFindingAsync(id)).Events, e => e.Kind == FindingEventKind.Urged && e.Comment == "批量督办:请于月底前完成");
        }
    }

    [Fact]
    public async Task A_forged_id_from_outside_the_scope_is_refused_unnamed_and_nothing_changes()
    {
        await app.CreateUserAsync("bulk.office.b", DemoData.UnitB, Roles.InspectionOffice);
        using var officeB = await app.LoginAsync("bulk.office.b");
        var ownId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var foreignId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var foreignTitle = (await app.LoadFindingAsync(foreignId)).Title;
        var before = await SnapshotAsync([ownId, foreignId]);

        var response = await PostBulkAsync(officeB, [ownId, foreignId], new() { ["Action"] = "SetDeadline", ["Deadline"] = "2027-04-30" });

        var list = await officeB.GetPageAsync(response.Headers.Location!.OriginalString);
        var refused = Assert.Single(list.QuerySelectorAll("[data-bulk-refused]"));
        Assert.Equal("#" + foreignId.ToString(CultureInfo.InvariantCulture), refused.GetAttribute("data-bulk-refused"));
        Assert.Contains("问题不存在或不在您的管理范围内。", refused.TextContent);
        Assert.DoesNotContain(foreignTitle, list.Text());
        Assert.Equal(before, await SnapshotAsync([ownId, foreignId]));
    }

    [Fact]
    public async Task All_matching_the_filter_is_found_again_on_the_server_ignoring_posted_ids()
    {
        using var inspector = await app.LoginAsync("inspector");
        var drafts = await CreateDraftsAsync(inspector, "全部符合", 3);
        var bystander = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var bystanderBefore = await SnapshotAsync([bystander]);
        var page = await inspector.GetPageAsync("/Findings?Text=" + Uri.EscapeDataString("全部符合") + "&Status=Draft");
        Assert.Contains("对全部3个符合条件的问题执行", page.QuerySelector("[data-bulk-all]")!.TextContent);

        // The form's own hidden filter, an id that does not match it added by hand: only the filter counts.
        var fields = FormFields(page).Where(f => f.Key != "AllMatching").ToList();
        fields.AddRange([new("AllMatching", "true"), new("Ids", Id(bystander)), new("Action", "Assign")]);
        var response = await PostAsync(inspector, fields);

        Assert.Contains("已交办3个问题。", (await inspector.GetPageAsync(response.Headers.Location!.OriginalString)).Text());
        Assert.Contains("Text=", response.Headers.Location!.OriginalString);
        foreach (var id in drafts)
        {
            Assert.Equal(FindingStatus.Assigned, (await app.LoadFindingAsync(id)).Status);
        }

        Assert.Equal(bystanderBefore, await SnapshotAsync([bystander]));
    }

    [Fact]
    public async Task More_than_the_limit_is_refused_before_anything_is_tried()
    {
        using var inspector = await app.LoginAsync("inspector");
        var drafts = await CreateDraftsAsync(inspector, "超过上限", 1);
        var ids = drafts.Concat(Enumerable.Range(1_000_000, Limits.BulkFindings)).ToList();

        var response = await PostBulkAsync(inspector, ids, new() { ["Action"] = "Assign" });

        var list = await inspector.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"一次最多处理{Limits.BulkFindings}个问题,本次选中{Limits.BulkFindings + 1}个", list.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(FindingStatus.Draft, (await app.LoadFindingAsync(drafts[0])).Status);
    }

    [Fact]
    public async Task Units_see_no_bulk_controls_and_are_refused_the_action()
    {
        using var headA = await app.LoginAsync("head.a");
        var ownId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await SnapshotAsync([ownId]);

        var list = await headA.GetPageAsync("/Findings");
        Assert.Null(list.QuerySelector("form#bulk-form"));
        Assert.Empty(list.QuerySelectorAll("input[name='Ids']"));
        var response = await headA.PostAsync("/Bulk/Apply", new() { ["Action"] = "SetDeadline", ["Deadline"] = "2027-04-30", ["Ids"] = Id(ownId) }, "/Findings");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync([ownId]));
    }

    private async Task<List<int>> CreateDraftsAsync(AppClient inspector, string tag, int count)
    {
        var inspection = await app.InspectionIdAsync();
        var unit = await app.UnitIdAsync(DemoData.UnitA);
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var form = await inspector.GetPageAsync($"/Findings/Create?inspectionId={inspection}");
            var category = form.QuerySelectorAll("#Input_CategoryId option").Skip(1).First().GetAttribute("value")!;
            var title = $"{tag}测试问题{i + 1}";
            var created = await inspector.SubmitAsync(form, "form[action^='/Findings/Create']", new()
            {
                ["Input.CategoryId"] = category,
                ["Input.Title"] = title,
                ["Input.Description"] = "批量处理测试。",
                ["Input.OwningUnitId"] = Id(unit),
                ["Input.Deadline"] = "2027-02-28",
                ["Input.Kind"] = nameof(FindingKind.ByDeadline),
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            ids.Add(await app.WithDatabaseAsync(db => db.Findings.Where(f => f.Title == title).Select(f => f.Id).SingleAsync()));
        }

        return ids;
    }

    /// <summary>The list's bulk form as a browser sends it, with these rows ticked and these fields typed.</summary>
    private static async Task<HttpResponseMessage> PostBulkAsync(AppClient client, IEnumerable<int> ids, Dictionary<string, string> typed)
    {
        var page = await client.GetPageAsync("/Findings");
        var fields = FormFields(page).Where(f => !typed.ContainsKey(f.Key) && f.Key != "AllMatching").ToList();
        fields.AddRange(typed);
        fields.Add(new("AllMatching", "false"));
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("Ids", Id(id))));
        return await PostAsync(client, fields);
    }

    private static List<KeyValuePair<string, string>> FormFields(IHtmlDocument page) =>
        AppClient.FormFields((IHtmlFormElement)page.QuerySelector("form#bulk-form")!, null);

    private static Task<HttpResponseMessage> PostAsync(AppClient client, List<KeyValuePair<string, string>> fields) =>
        client.Http.PostAsync("/Bulk/Apply", new FormUrlEncodedContent(fields));

    /// <summary>What a refused batch must leave as it was: status, version, deadline, events, urges and audit entries.</summary>
    private Task<string> SnapshotAsync(IReadOnlyList<int> ids) => app.WithDatabaseAsync(async db =>
    {
        var keys = ids.Select(Id).ToList();
        var findings = await db.Findings.IgnoreQueryFilters().Where(f => ids.Contains(f.Id)).OrderBy(f => f.Id)
            .Select(f => $"{f.Id}:{f.Status}:{f.Version}:{f.Deadline}:{f.Events.Count}").ToListAsync();
        var urges = await db.Urges.CountAsync(u => u.FindingId != null && ids.Contains(u.FindingId.Value));
        var audit = await db.AuditEntries.CountAsync(e => e.EntityType == nameof(Finding) && keys.Contains(e.EntityId!) && e.Action != AuditActions.AccessDenied);
        return string.Join("|", findings) + $"|urges:{urges}|audit:{audit}";
    });

    private Task<int> AuditCountAsync(int findingId, string action) => app.WithDatabaseAsync(db =>
        db.AuditEntries.CountAsync(e => e.EntityType == nameof(Finding) && e.EntityId == Id(findingId) && e.Action == action));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
