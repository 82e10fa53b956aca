using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>延期申请, 督办 and the bell, each step by the role that takes it, refusals included.</summary>
public sealed class SupervisionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_extension_is_requested_by_the_unit_head_and_approved_keeping_the_original_deadline()
    {
        using var headA = await app.LoginAsync("head.a");
        using var inspector = await app.LoginAsync("inspector");
        var findingId = await OpenFindingOfAsync(DemoData.UnitA, withoutPendingExtension: true);
        var before = await app.LoadFindingAsync(findingId);
        var url = $"/Findings/Details/{findingId}";

        var tooEarly = await headA.SubmitAsync(await headA.GetPageAsync(url), "form[data-request-extension]", new()
        {
            ["requestedDeadline"] = Iso(before.Deadline!.Value),
            ["reason"] = "不比原时限晚",
        });
        Assert.Equal(HttpStatusCode.Redirect, tooEarly.StatusCode);
        Assert.Contains("申请的整改时限必须晚于现在的时限", (await headA.GetPageAsync(url)).Text());
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.DeadlineExtensions.CountAsync(e => e.FindingId == findingId)));

        var newDeadline = before.Deadline.Value.AddDays(30);
        var requested = await headA.SubmitAsync(await headA.GetPageAsync(url), "form[data-request-extension]", new()
        {
            ["requestedDeadline"] = Iso(newDeadline),
            ["reason"] = "需等待市级检查结果",
        });
        Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        Assert.Contains(findingId, (await inspector.GetPageAsync("/Extensions")).FindingIds());

        // A rejection needs a reason; an approval moves the deadline and keeps the original on record.
        var page = await inspector.GetPageAsync(url);
        await inspector.SubmitAsync(page, "form[data-decide-extension]", new() { ["decision"] = "reject", ["note"] = "" });
        Assert.Equal(ExtensionStatus.Pending, await StatusOfRequestAsync(findingId));
        await inspector.SubmitAsync(await inspector.GetPageAsync(url), "form[data-decide-extension]", new() { ["decision"] = "approve" });

        var after = await app.LoadFindingAsync(findingId);
        Assert.Equal(ExtensionStatus.Approved, await StatusOfRequestAsync(findingId));
        Assert.Equal(newDeadline, after.Deadline);
        Assert.Equal(before.OriginalDeadline ?? before.Deadline, after.OriginalDeadline);
        Assert.Contains(after.Events, e => e.Kind == FindingEventKind.ExtensionRequested);
        var approvedEvent = Assert.Single(after.Events, e => e.Kind == FindingEventKind.ExtensionApproved);
        Assert.Equal("整改时限", Assert.Single(approvedEvent.Changes).Field);
        Assert.True(await app.WithDatabaseAsync(db => db.Notifications.AnyAsync(n =>
            n.FindingId == findingId && n.Kind == NotificationKind.ExtensionApproved && n.User!.UserName == "head.a")));
        var details = await headA.GetPageAsync(url);
        Assert.Contains($"原定{Chinese(before.OriginalDeadline ?? before.Deadline.Value)}", details.Text());
    }

    [Fact]
    public async Task Only_the_unit_head_requests_only_the_office_decides_and_other_units_get_404()
    {
        using var staffA = await app.LoginAsync("staff.a");
        using var headA = await app.LoginAsync("head.a");
        using var headB = await app.LoginAsync("head.b");
        var findingId = await OpenFindingOfAsync(DemoData.UnitA, withoutPendingExtension: true);
        var version = (await app.LoadFindingAsync(findingId)).Version.ToString(CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string> { ["findingId"] = findingId.ToString(CultureInfo.InvariantCulture), ["version"] = version, ["requestedDeadline"] = "2027-06-30", ["reason"] = "越权申请" };

        Assert.Equal(HttpStatusCode.Forbidden, (await staffA.PostAsync($"/Extensions/Apply?findingId={findingId}", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headB.PostAsync($"/Extensions/Apply?findingId={findingId}", fields)).StatusCode);

        var pending = await PendingExtensionAsync();
        var decide = new Dictionary<string, string> { ["findingId"] = pending.FindingId.ToString(CultureInfo.InvariantCulture), ["decision"] = "approve" };
        Assert.Equal(HttpStatusCode.Forbidden, (await headA.PostAsync($"/Extensions/Decide/{pending.Id}", decide)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headB.PostAsync($"/Extensions/Decide/{pending.Id}", decide)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await headA.GetAsync("/Extensions")).StatusCode);
        Assert.Equal(ExtensionStatus.Pending, await app.WithDatabaseAsync(db => db.DeadlineExtensions.Where(e => e.Id == pending.Id).Select(e => e.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.DeadlineExtensions.CountAsync(e => e.Reason == "越权申请")));
    }

    [Fact]
    public async Task Two_deciders_at_once_one_wins()
    {
        using var first = await app.LoginAsync("inspector");
        using var second = await app.LoginAsync("inspector");
        var findingId = (await PendingExtensionAsync()).FindingId;
        var url = $"/Findings/Details/{findingId}";
        var firstPage = await first.GetPageAsync(url);
        var secondPage = await second.GetPageAsync(url);

        await first.SubmitAsync(firstPage, "form[data-decide-extension]", new() { ["decision"] = "approve" });
        await second.SubmitAsync(secondPage, "form[data-decide-extension]", new() { ["decision"] = "reject", ["note"] = "不同意" });

        Assert.Equal(ExtensionStatus.Approved, await StatusOfRequestAsync(findingId));
        Assert.Contains("这份延期申请已经处理过了。", (await second.GetPageAsync(url)).QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task A_leader_urges_a_finding_and_the_unit_is_told_and_acknowledges()
    {
        using var leader = await app.LoginAsync("leader");
        using var staffA = await app.LoginAsync("staff.a");
        using var headB = await app.LoginAsync("head.b");
        var findingId = await OpenFindingOfAsync(DemoData.UnitA, withoutPendingExtension: false);

        var form = await leader.GetPageAsync($"/Urges/Create?findingId={findingId}");
        var sent = await leader.SubmitAsync(form, "form[action^='/Urges/Create']", new() { ["Input.Message"] = "请于本周内报送整改佐证材料", ["Input.ExpectedBy"] = "2026-12-08" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var urgeId = await app.WithDatabaseAsync(db => db.Urges.Where(u => u.FindingId == findingId).Select(u => u.Id).SingleAsync());

        // Unit A's liaison is told, sees the bell count and the urge, and acknowledges it; unit B cannot.
        var count = await staffA.GetAsync("/Notifications/Count");
        Assert.Contains("\"unread\":", await count.Content.ReadAsStringAsync());
        var notifications = await staffA.GetPageAsync("/Notifications");
        Assert.NotNull(notifications.QuerySelector($"[data-kind='{NotificationKind.Urged}'][data-unread='True']"));
        Assert.Equal(HttpStatusCode.NotFound, (await headB.PostAsync($"/Urges/Acknowledge/{urgeId}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/Urges/Acknowledge/{urgeId}", [])).StatusCode);

        var details = await staffA.GetPageAsync($"/Findings/Details/{findingId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staffA.SubmitAsync(details, $"form[data-acknowledge='{urgeId}']")).StatusCode);
        var urge = await app.WithDatabaseAsync(db => db.Urges.SingleAsync(u => u.Id == urgeId));
        Assert.NotNull(urge.AcknowledgedAt);
        var events = (await app.LoadFindingAsync(findingId)).Events.Select(e => e.Kind).ToList();
        Assert.Contains(FindingEventKind.Urged, events);
        Assert.Contains(FindingEventKind.UrgeAcknowledged, events);

        // Unit staff and another unit may not urge.
        Assert.Equal(HttpStatusCode.Forbidden, (await staffA.PostAsync($"/Urges/Create?findingId={findingId}",
            new() { ["Input.Message"] = "越权督办", ["Input.ExpectedBy"] = "2026-12-08" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headB.PostAsync($"/Urges/Create?findingId={findingId}",
            new() { ["Input.Message"] = "越权督办", ["Input.ExpectedBy"] = "2026-12-08" })).StatusCode);
    }

    [Fact]
    public async Task Urging_a_unit_reaches_all_its_open_findings_and_shows_until_acknowledged()
    {
        using var inspector = await app.LoginAsync("inspector");
        using var headB = await app.LoginAsync("head.b");
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var dashboardBefore = await OpenUrgesOnDashboardAsync(inspector);

        var form = await inspector.GetPageAsync($"/Urges/Create?unitId={unitB}");
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(form, "form[action^='/Urges/Create']",
            new() { ["Input.Message"] = "请全面加快整改进度", ["Input.ExpectedBy"] = "2026-12-15" })).StatusCode);

        var open = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.OwningUnit!.Code == DemoData.UnitB
            && f.Status != FindingStatus.Closed && f.Status != FindingStatus.Draft).Select(f => f.Id).ToListAsync());
        var urged = await app.WithDatabaseAsync(db => db.FindingEvents.Where(e => e.Kind == FindingEventKind.Urged && e.Comment == "请全面加快整改进度")
            .Select(e => e.FindingId).ToListAsync());
        Assert.Equal(open.Order(), urged.Order());
        Assert.Equal(dashboardBefore + 1, await OpenUrgesOnDashboardAsync(inspector));

        var list = await headB.GetPageAsync("/Urges?openOnly=true");
        var urgeId = await app.WithDatabaseAsync(db => db.Urges.Where(u => u.Message == "请全面加快整改进度").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await headB.SubmitAsync(list, $"form[data-acknowledge='{urgeId}']")).StatusCode);
        Assert.Equal(dashboardBefore, await OpenUrgesOnDashboardAsync(inspector));
    }

    [Fact]
    public async Task A_decision_posted_with_another_findings_id_is_404_and_decides_nothing()
    {
        using var inspector = await app.LoginAsync("inspector");
        var pending = await PendingExtensionAsync();
        var other = await OpenFindingOfAsync(DemoData.UnitB, withoutPendingExtension: true);
        var before = (await app.LoadFindingAsync(pending.FindingId), await app.LoadFindingAsync(other));

        var response = await inspector.PostAsync($"/Extensions/Decide/{pending.Id}", new()
        {
            ["findingId"] = other.ToString(CultureInfo.InvariantCulture),
            ["decision"] = "approve",
            ["note"] = "同意",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ExtensionStatus.Pending, await app.WithDatabaseAsync(db => db.DeadlineExtensions.Where(e => e.Id == pending.Id).Select(e => e.Status).SingleAsync()));
        foreach (var finding in new[] { before.Item1, before.Item2 })
        {
            var after = await app.LoadFindingAsync(finding.Id);
            Assert.Equal((finding.Deadline, finding.Version, finding.Events.Count), (after.Deadline, after.Version, after.Events.Count));
        }

        // Posted with its own finding, the same decision is made.
        var decided = await inspector.PostAsync($"/Extensions/Decide/{pending.Id}", new()
        {
            ["findingId"] = pending.FindingId.ToString(CultureInfo.InvariantCulture),
            ["decision"] = "approve",
        });
        Assert.Equal($"/Findings/Details/{pending.FindingId}#extensions", Accounts.RedirectPath(decided));
        Assert.Equal(ExtensionStatus.Approved, await app.WithDatabaseAsync(db => db.DeadlineExtensions.Where(e => e.Id == pending.Id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task Urging_a_unit_leaves_its_findings_versions_and_times_and_an_open_progress_form_still_saves()
    {
        using var leader = await app.LoginAsync("leader");
        using var staffB = await app.LoginAsync("staff.b");
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var progress = await staffB.GetPageAsync($"/Findings/Progress/{findingId}");
        var before = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.OwningUnitId == unitB)
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.Version, f.UpdatedAt }).ToListAsync());

        var form = await leader.GetPageAsync($"/Urges/Create?unitId={unitB}");
        Assert.Equal(HttpStatusCode.Redirect, (await leader.SubmitAsync(form, "form[action^='/Urges/Create']",
            new() { ["Input.Message"] = "督办不应改动问题本身", ["Input.ExpectedBy"] = "2026-12-15" })).StatusCode);

        var after = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.OwningUnitId == unitB)
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.Version, f.UpdatedAt }).ToListAsync());
        Assert.Equal(before, after);
        Assert.Contains(findingId, await app.WithDatabaseAsync(db => db.FindingEvents
            .Where(e => e.Kind == FindingEventKind.Urged && e.Comment == "督办不应改动问题本身").Select(e => e.FindingId).ToListAsync()));

        // The liaison's form, opened before the urge, saves without a conflict.
        var saved = await staffB.SubmitAsync(progress, "form[action^='/Findings/Progress']", new() { ["Input.RectificationSummary"] = "督办后继续整改" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task Notifications_are_personal()
    {
        using var headA = await app.LoginAsync("head.a");
        using var staffA = await app.LoginAsync("staff.a");
        var someoneElses = await app.WithDatabaseAsync(async db =>
        {
            var headB = await db.Users.SingleAsync(u => u.UserName == "head.b");
            var notification = new Notification { UserId = headB.Id, Kind = NotificationKind.Urged, Subject = "给卧龙山街道教办的通知", CreatedAt = DateTime.UtcNow };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });

        Assert.DoesNotContain("给卧龙山街道教办的通知", (await headA.GetPageAsync("/Notifications")).Text());
        Assert.Equal(HttpStatusCode.NotFound, (await headA.PostAsync($"/Notifications/Open/{someoneElses}", [])).StatusCode);
        await staffA.SubmitAsync(await staffA.GetPageAsync("/Notifications"), "form[action='/Notifications/ReadAll']");
        Assert.Null(await app.WithDatabaseAsync(db => db.Notifications.Where(n => n.Id == someoneElses).Select(n => n.ReadAt).SingleAsync()));
    }

    private Task<int> OpenFindingOfAsync(string unitCode, bool withoutPendingExtension) => app.WithDatabaseAsync(db => db.Findings
        .Where(f => f.OwningUnit!.Code == unitCode && f.Status == FindingStatus.InProgress && f.Kind != FindingKind.LongTerm && f.Deadline != null
            && (!withoutPendingExtension || !db.DeadlineExtensions.Any(e => e.FindingId == f.Id && e.Status == ExtensionStatus.Pending)))
        .OrderByDescending(f => f.Id).Select(f => f.Id).FirstAsync());

    /// <summary>A pending request of this test's own, on an open finding of unit A that has none yet.</summary>
    private async Task<(int Id, int FindingId)> PendingExtensionAsync()
    {
        var findingId = await OpenFindingOfAsync(DemoData.UnitA, withoutPendingExtension: true);
        return await app.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == findingId);
            var request = new DeadlineExtension
            {
                FindingId = findingId,
                CurrentDeadline = finding.Deadline,
                RequestedDeadline = finding.Deadline!.Value.AddDays(15),
                Reason = "测试用延期申请",
                RequestedAt = DateTime.UtcNow,
                RequestedByName = "马德胜",
            };
            db.DeadlineExtensions.Add(request);
            await db.SaveChangesAsync();
            return (request.Id, findingId);
        });
    }

    private Task<ExtensionStatus> StatusOfRequestAsync(int findingId) =>
        app.WithDatabaseAsync(db => db.DeadlineExtensions.Where(e => e.FindingId == findingId).OrderByDescending(e => e.Id).Select(e => e.Status).FirstAsync());

    private static async Task<int> OpenUrgesOnDashboardAsync(AppClient client) =>
        int.Parse((await client.GetPageAsync("/Dashboard")).QuerySelector("[data-stat='urges'] a")!.TextContent, CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";
}
