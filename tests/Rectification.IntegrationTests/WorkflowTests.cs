using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>A finding's whole life through the pages, each step by the role that does it.</summary>
public sealed class WorkflowTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Inspection_to_close_off_and_back_through_the_forms()
    {
        using var inspector = await app.LoginAsync("inspector");
        using var headA = await app.LoginAsync("head.a");
        using var staffA = await app.LoginAsync("staff.a");
        var unitA = await app.UnitIdAsync(DemoData.UnitA);

        // The inspector creates an inspection; it gets the four standard categories.
        var create = await inspector.GetPageAsync("/Inspections/Create");
        var created = await inspector.SubmitAsync(create, "form[action='/Inspections/Create']", new()
        {
            ["Input.Title"] = "县委第二巡察组巡察嘉祥街道教办",
            ["Input.TeamName"] = "县委第二巡察组",
            ["Input.InspectedUnitId"] = unitA.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.InspectionStart"] = "2026-09-01",
            ["Input.InspectionEnd"] = "2026-09-30",
            ["Input.FeedbackDate"] = "2026-11-20",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var inspectionUrl = created.Headers.Location!.OriginalString;
        var inspection = await inspector.GetPageAsync(inspectionUrl);
        Assert.Equal(4, inspection.QuerySelectorAll("section[aria-labelledby^='category-']").Length);
        Assert.Contains("贯彻党的路线方针政策和党中央决策部署方面", inspection.Text());

        // It logs a finding for unit A and hands it over (交办).
        var inspectionId = inspectionUrl.Split('/')[^1];
        var form = await inspector.GetPageAsync($"/Findings/Create?inspectionId={inspectionId}");
        var firstCategory = form.QuerySelectorAll("#Input_CategoryId option").Skip(1).First().GetAttribute("value");
        var logged = await inspector.SubmitAsync(form, "form[action^='/Findings/Create']", new()
        {
            ["Input.CategoryId"] = firstCategory,
            ["Input.Title"] = "学校食堂食材采购台账不完整",
            ["Input.Description"] = "抽查发现部分学校食材采购未留存票据。",
            ["Input.OwningUnitId"] = unitA.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Deadline"] = "2026-12-20",
            ["Input.Kind"] = nameof(FindingKind.LongTerm),
        });
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var findingUrl = logged.Headers.Location!.OriginalString;
        var findingId = int.Parse(findingUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        // Unit A cannot see it while it is a draft.
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync(findingUrl)).StatusCode);
        await ActAsync(inspector, findingUrl, FindingAction.Assign);
        Assert.Equal(FindingStatus.Assigned, (await app.LoadFindingAsync(findingId)).Status);

        // Head A claims it (认领); staff A records measures and the 落实情况.
        await ActAsync(headA, findingUrl, FindingAction.Claim);
        var progress = await staffA.GetPageAsync($"/Findings/Progress/{findingId}");
        var saved = await staffA.SubmitAsync(progress, "form[action^='/Findings/Progress']", new()
        {
            ["Input.Measures[0].Id"] = "0",
            ["Input.Measures[0].Description"] = "建立食材采购票据台账",
            ["Input.Measures[0].DoneDate"] = "2026-11-28",
            ["Input.RectificationSummary"] = "建立了食材采购票据台账,逐校开展自查。",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // No close-off without evidence (申请销号 needs 佐证材料).
        var noEvidence = await headA.SubmitAsync(await headA.GetPageAsync(findingUrl), "form[data-action='Submit']");
        Assert.Contains("申请销号前请至少上传一份佐证材料。", (await RefusedAsync(headA, noEvidence, findingUrl)).Errors());

        // Staff A uploads the evidence; staff may not submit, the head does.
        var upload = await staffA.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var uploaded = await staffA.UploadAsync(upload, "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = "票据台账及自查报告", ["Input.EvidenceDate"] = "2026-11-28" },
            ("食材采购票据台账.pdf", SampleFiles.Pdf(5000, seed: 3)), ("自查现场.png", SampleFiles.Png()));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var staffPage = await staffA.GetPageAsync(findingUrl);
        Assert.Null(staffPage.QuerySelector("form[data-action='Submit']"));
        await ActAsync(headA, findingUrl, FindingAction.Submit);

        // It waits in the inspector's review queue; approval needs every item reviewed first.
        var queue = await inspector.GetPageAsync("/Review");
        Assert.Contains(findingId, queue.FindingIds());
        var early = await inspector.SubmitAsync(await inspector.GetPageAsync(findingUrl), "form[data-action='Approve']");
        Assert.Contains("还有2份佐证材料未审核通过,请先逐份审核;不通过的请退回整改。", (await RefusedAsync(inspector, early, findingUrl)).Errors());

        // One item passes, the photo does not; the finding is returned with a reason the unit reads.
        var items = await app.WithDatabaseAsync(db => db.EvidenceItems.Include(e => e.Versions)
            .Where(e => e.FindingId == findingId).OrderBy(e => e.Id).ToListAsync());
        await ReviewAsync(inspector, findingUrl, items[0].Id, "accept", null);
        await ReviewAsync(inspector, findingUrl, items[1].Id, "reject", "照片看不清,请重新拍摄");
        var page = await inspector.GetPageAsync(findingUrl);
        var noReason = await inspector.SubmitAsync(page, "form[data-action='Return']", new() { ["Comment"] = " " });
        Assert.Contains("请填写退回原因", (await RefusedAsync(inspector, noReason, findingUrl)).Errors());
        Assert.Equal(FindingStatus.Submitted, (await app.LoadFindingAsync(findingId)).Status);
        await ActAsync(inspector, findingUrl, FindingAction.Return, "现场照片不清晰");
        var returned = await headA.GetPageAsync(findingUrl);
        Assert.Contains("现场照片不清晰", returned.QuerySelector("[data-event='Returned']")!.TextContent);
        Assert.Contains("照片看不清,请重新拍摄", returned.QuerySelector($"[data-evidence-id='{items[1].Id}']")!.TextContent);

        // Back to work: a new photo replaces the rejected one, and the head submits again.
        await ActAsync(headA, findingUrl, FindingAction.Start);
        var replace = await staffA.GetPageAsync($"/Evidence/Upload?findingId={findingId}&replaces={items[1].Id}");
        Assert.Equal(HttpStatusCode.Redirect,
            (await staffA.UploadAsync(replace, "form[action^='/Evidence/Upload']", [], ("自查现场-清晰.png", SampleFiles.Png()))).StatusCode);
        await ActAsync(headA, findingUrl, FindingAction.Submit);
        await ReviewAsync(inspector, findingUrl, items[1].Id, "accept", "已补充");

        // 销号: an on-site check needs its recorded visit (SiteVisitTests); the long-term finding needs its follow-up date.
        var approvePage = await inspector.GetPageAsync(findingUrl);
        var noVisit = await inspector.SubmitAsync(approvePage, "form[data-action='Approve']", new() { ["VerificationMethod"] = "OnSiteCheck" });
        Assert.Contains("以现场查验销号,请选择记录了这个问题查验结果的现场查验。", (await RefusedAsync(inspector, noVisit, findingUrl)).Errors());
        var noFollowUp = await inspector.SubmitAsync(approvePage, "form[data-action='Approve']", new()
        {
            ["VerificationMethod"] = "DocumentReview",
        });
        Assert.Contains("长期坚持类问题销号时须设定今后的跟踪检查日期。", (await RefusedAsync(inspector, noFollowUp, findingUrl)).Errors());
        var approved = await inspector.SubmitAsync(approvePage, "form[data-action='Approve']", new()
        {
            ["VerificationMethod"] = "DocumentReview",
            ["FollowUpDate"] = "2027-06-01",
            ["Comment"] = "查阅资料,整改到位",
        });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var closed = await app.LoadFindingAsync(findingId);
        Assert.Equal(FindingStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(VerificationMethod.DocumentReview, closed.VerificationMethod);
        Assert.Null(closed.VerifiedOn);
        Assert.Equal(new DateOnly(2027, 6, 1), closed.FollowUpDate);
        Assert.DoesNotContain(findingId, (await inspector.GetPageAsync("/Review")).FindingIds());

        // 回头看: reopened with a reason.
        await ActAsync(inspector, findingUrl, FindingAction.Reopen, "回头看发现反弹");
        var final = await app.LoadFindingAsync(findingId);
        Assert.Equal(FindingStatus.Reopened, final.Status);
        Assert.Null(final.ClosedAt);
        Assert.Equal(
            [
                FindingEventKind.Created, FindingEventKind.Assigned, FindingEventKind.Claimed, FindingEventKind.ProgressUpdated,
                FindingEventKind.EvidenceAdded, FindingEventKind.EvidenceAdded, FindingEventKind.Submitted,
                FindingEventKind.EvidenceAccepted, FindingEventKind.EvidenceRejected, FindingEventKind.Returned,
                FindingEventKind.Started, FindingEventKind.EvidenceVersionAdded, FindingEventKind.Submitted,
                FindingEventKind.EvidenceAccepted, FindingEventKind.Approved, FindingEventKind.Reopened,
            ],
            final.Events.OrderBy(e => e.Id).Select(e => e.Kind));
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_with_a_message_and_changes_nothing()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inProgress = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var before = await app.LoadFindingAsync(inProgress);

        var response = await inspector.PostAsync($"/Findings/Approve/{inProgress}", new()
        {
            ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var page = await RefusedAsync(inspector, response, $"/Findings/Details/{inProgress}");
        Assert.Contains("问题当前状态为“整改中”,不能执行“审核销号”。", page.Errors());
        var after = await app.LoadFindingAsync(inProgress);
        Assert.Equal(FindingStatus.InProgress, after.Status);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task Submitting_needs_a_rectification_summary()
    {
        using var inspector = await app.LoginAsync("inspector");
        using var headB = await app.LoginAsync("head.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        await app.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == findingId);
            finding.RectificationSummary = string.Empty;
            await db.SaveChangesAsync();
        });

        var page = await headB.GetPageAsync($"/Findings/Details/{findingId}");
        var response = await headB.SubmitAsync(page, "form[data-action='Submit']");

        Assert.Contains("申请销号前请先填写整改进展(落实情况)。", (await RefusedAsync(headB, response, $"/Findings/Details/{findingId}")).Errors());
        Assert.Equal(FindingStatus.InProgress, (await app.LoadFindingAsync(findingId)).Status);
    }

    [Fact]
    public async Task A_refused_close_off_redirects_shows_why_keeps_what_was_typed_and_a_refresh_sends_nothing()
    {
        using var inspector = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var url = $"/Findings/Details/{findingId}";
        await app.WithDatabaseAsync(db => db.EvidenceItems.Where(e => e.FindingId == findingId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.Review, Rectification.Core.Evidence.EvidenceReview.Pending)));
        var before = await app.LoadFindingAsync(findingId);

        var refused = await inspector.SubmitAsync(await inspector.GetPageAsync(url), "form[data-action='Approve']", new()
        {
            ["VerificationMethod"] = nameof(VerificationMethod.OnSiteCheck),
            ["Comment"] = "现场查验通过",
        });

        var page = await RefusedAsync(inspector, refused, url);
        Assert.Contains(page.Errors(), e => e.StartsWith("还有", StringComparison.Ordinal) && e.EndsWith("份佐证材料未审核通过,请先逐份审核;不通过的请退回整改。", StringComparison.Ordinal));
        var form = page.QuerySelector("form[data-action='Approve']")!;
        Assert.Equal("现场查验通过", form.QuerySelector("textarea[name='Comment']")!.TextContent);
        Assert.NotNull(form.QuerySelector($"input[name='VerificationMethod'][value='{nameof(VerificationMethod.OnSiteCheck)}'][checked]"));

        // Reloading the page is a GET of the finding: the reason was shown once, and nothing was sent or saved.
        Assert.Empty((await inspector.GetPageAsync(url)).Errors());
        var after = await app.LoadFindingAsync(findingId);
        Assert.Equal((FindingStatus.Submitted, before.Version, before.Events.Count), (after.Status, after.Version, after.Events.Count));
    }

    [Fact]
    public async Task Approving_an_evidence_item_twice_records_one_approval()
    {
        using var inspector = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.Submitted);
        var url = $"/Findings/Details/{findingId}";
        var itemId = await app.WithDatabaseAsync(async db =>
        {
            var item = await db.EvidenceItems.Where(e => e.FindingId == findingId && !e.IsDeleted).OrderBy(e => e.Id).FirstAsync();
            item.Review = Rectification.Core.Evidence.EvidenceReview.Pending;
            item.ReviewNote = null;
            await db.SaveChangesAsync();
            return item.Id;
        });
        var before = await app.LoadFindingAsync(findingId);
        var page = await inspector.GetPageAsync(url);
        var form = $"form[data-review-form='{itemId}']";

        // A double click sends the same form twice; a refreshed page sends it again with the new version.
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(page, form, new() { ["decision"] = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(page, form, new() { ["decision"] = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(await inspector.GetPageAsync(url), form, new() { ["decision"] = "accept" })).StatusCode);

        var after = await app.LoadFindingAsync(findingId);
        Assert.Single(after.Events.Except(before.Events, new EventById()), e => e.Kind == FindingEventKind.EvidenceAccepted);
        Assert.Equal(before.Events.Count + 1, after.Events.Count);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Empty((await inspector.GetPageAsync(url)).QuerySelectorAll(".alert-danger"));
    }

    [Fact]
    public async Task A_measure_owner_must_be_one_of_the_findings_people()
    {
        using var headA = await app.LoginAsync("head.a");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var (staffA, staffB, deputy) = (await app.UserIdAsync("staff.a"), await app.UserIdAsync("staff.b"), await app.UserIdAsync("deputy1"));
        // The bureau's deputy is the finding's responsible leader: one of its people, though not of unit A.
        await app.WithDatabaseAsync(db => db.Findings.Where(f => f.Id == findingId).ExecuteUpdateAsync(f => f.SetProperty(x => x.ResponsibleLeaderId, deputy)));
        const string Form = "form[action^='/Findings/Progress']";
        var progress = await headA.GetPageAsync($"/Findings/Progress/{findingId}");
        var offered = progress.QuerySelectorAll("select[name='Input.Measures[0].OwnerId'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(staffA, offered);
        Assert.Contains(deputy, offered);
        Assert.DoesNotContain(staffB, offered);
        var before = await OwnersAsync(findingId);

        // Unit A's head names unit B's liaison, as a forged form would: refused, nothing saved.
        var refused = await headA.SubmitAsync(progress, Form, new()
        {
            ["Input.Measures[0].OwnerId"] = staffB,
            ["Input.RectificationSummary"] = "不应保存的落实情况",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("措施责任人须是本问题责任单位(含下属单位)或责任科室的人员,或本问题的责任领导、具体责任人。", (await AppClient.ParseAsync(refused)).Errors());
        Assert.Equal(before, await OwnersAsync(findingId));

        foreach (var owner in new[] { staffA, deputy })
        {
            var saved = await headA.SubmitAsync(await headA.GetPageAsync($"/Findings/Progress/{findingId}"), Form, new() { ["Input.Measures[0].OwnerId"] = owner });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(owner, await FirstOwnerAsync(findingId));
        }
    }

    /// <summary>The finding's version and 落实情况 and its measures' owners in order, as one comparable text.</summary>
    private Task<string> OwnersAsync(int findingId) => app.WithDatabaseAsync(async db =>
    {
        var finding = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == findingId);
        var owners = await db.Measures.Where(m => m.FindingId == findingId).OrderBy(m => m.Ordinal).Select(m => m.OwnerId).ToListAsync();
        return $"{finding.Version}|{finding.RectificationSummary}|{string.Join(',', owners)}";
    });

    private Task<string?> FirstOwnerAsync(int findingId) =>
        app.WithDatabaseAsync(db => db.Measures.Where(m => m.FindingId == findingId).OrderBy(m => m.Ordinal).Select(m => m.OwnerId).FirstAsync());

    private sealed class EventById : IEqualityComparer<FindingEvent>
    {
        public bool Equals(FindingEvent? x, FindingEvent? y) => x?.Id == y?.Id;

        public int GetHashCode(FindingEvent obj) => obj.Id.GetHashCode();
    }

    /// <summary>A refused status change: redirected back to the finding (post/redirect/get), whose page then says why.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RefusedAsync(AppClient client, HttpResponseMessage response, string findingUrl)
    {
        Assert.Equal(findingUrl, Accounts.RedirectPath(response));
        return await client.GetPageAsync(findingUrl);
    }

    private static async Task ReviewAsync(AppClient client, string findingUrl, int itemId, string decision, string? note)
    {
        var page = await client.GetPageAsync(findingUrl);
        var response = await client.SubmitAsync(page, $"form[data-review-form='{itemId}']", new() { ["decision"] = decision, ["note"] = note });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(findingUrl);
        Assert.Null(after.QuerySelector(".alert-danger"));
    }

    private static async Task ActAsync(AppClient client, string findingUrl, FindingAction action, string? comment = null)
    {
        var page = await client.GetPageAsync(findingUrl);
        var response = await client.SubmitAsync(page, $"form[data-action='{action}']", new() { ["Comment"] = comment });
        var detail = response.StatusCode == HttpStatusCode.Redirect ? string.Empty : string.Join(" | ", (await AppClient.ParseAsync(response)).Errors());
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action} answered {(int)response.StatusCode}: {detail}");
    }

}
