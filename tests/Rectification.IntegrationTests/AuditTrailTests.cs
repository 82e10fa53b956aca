using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Auditing;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>The audit trail records what people do, in the same transaction, and the viewer shows it within scope.</summary>
public sealed class AuditTrailTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_edit_is_recorded_with_the_changed_fields_old_and_new_values()
    {
        using var inspector = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await app.LoadFindingAsync(findingId);
        var form = await inspector.GetPageAsync($"/Findings/Edit/{findingId}");
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(form, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "审计测试:修改后的标题" })).StatusCode);

        var entry = await LastAsync(e => e.EntityType == nameof(Finding) && e.EntityId == findingId.ToString() && e.Action == AuditActions.Update);
        Assert.StartsWith("inspector(", entry.UserName, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Success, entry.Outcome);
        var title = JsonDocument.Parse(entry.Details!).RootElement.GetProperty("Title");
        Assert.Equal(before.Title, title.GetProperty("old").GetString());
        Assert.Equal("审计测试:修改后的标题", title.GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_status_change_a_role_change_and_a_unit_change_are_recorded()
    {
        using var inspector = await app.LoginAsync("inspector");
        using var admin = await app.LoginAsync("admin");
        var submitted = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var page = await inspector.GetPageAsync($"/Findings/Details/{submitted}");
        await inspector.SubmitAsync(page, "form[data-action='Return']", new() { ["Comment"] = "审计测试退回" });
        var status = await LastAsync(e => e.EntityType == nameof(Finding) && e.EntityId == submitted.ToString() && e.Action == AuditActions.StatusChange);
        Assert.Contains("\"Status\"", status.Details, StringComparison.Ordinal);

        var userId = await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "staff.b").Select(u => u.Id).SingleAsync());
        var unitA = await app.UnitIdAsync(DemoData.UnitA);
        var edit = await admin.GetPageAsync($"/Users/Edit/{userId}");
        await admin.SubmitAsync(edit, "form[action^='/Users/Edit']", new()
        {
            ["Input.UnitId"] = unitA.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = "UnitHead",
        });
        Assert.NotNull(await LastAsync(e => e.EntityId == userId && e.Action == AuditActions.RoleGranted));
        Assert.NotNull(await LastAsync(e => e.EntityId == userId && e.Action == AuditActions.RoleRevoked));
        var moved = await LastAsync(e => e.EntityType == "AppUser" && e.EntityId == userId && e.Action == AuditActions.Update);
        Assert.Contains("UnitId", moved.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordHash", moved.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Downloads_previews_exports_and_denied_access_are_recorded()
    {
        using var staffA = await app.LoginAsync("staff.a");
        using var leader = await app.LoginAsync("leader");
        var version = await app.WithDatabaseAsync(db => db.EvidenceVersions
            .Where(v => v.EvidenceItem!.Finding!.OwningUnit!.Code == DemoData.UnitA).Select(v => v.Id).FirstAsync());
        var foreign = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);

        Assert.Equal(HttpStatusCode.OK, (await staffA.GetAsync($"/Evidence/Download/{version}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffA.GetAsync($"/Evidence/Inline/{version}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffA.GetAsync("/Ledger/Export?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staffA.GetAsync($"/Findings/Details/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staffA.GetAsync("/Findings/Details/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/Users")).StatusCode);

        Assert.NotNull(await LastAsync(e => e.Action == AuditActions.EvidenceDownload && e.EntityId == version.ToString() && e.UserName.StartsWith("staff.a")));
        Assert.NotNull(await LastAsync(e => e.Action == AuditActions.EvidencePreview && e.EntityId == version.ToString()));
        Assert.NotNull(await LastAsync(e => e.Action == AuditActions.Export && e.UserName.StartsWith("staff.a")));
        var denied = await LastAsync(e => e.Action == AuditActions.AccessDenied && e.EntityId == foreign.ToString());
        Assert.Equal(AuditOutcome.Denied, denied.Outcome);
        Assert.Equal("Finding", denied.EntityType);
        Assert.False(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccessDenied && e.EntityId == "987654")));
        Assert.NotNull(await LastAsync(e => e.Action == AuditActions.AccessDenied && e.UserName.StartsWith("leader") && e.Details!.Contains("/Users")));
    }

    [Fact]
    public async Task A_refused_save_leaves_no_entry_behind()
    {
        using var first = await app.LoginAsync("inspector");
        using var second = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var a = await first.GetPageAsync($"/Findings/Edit/{findingId}");
        var b = await second.GetPageAsync($"/Findings/Edit/{findingId}");
        await first.SubmitAsync(a, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "先保存的标题" });
        var before = await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync());

        var conflict = await second.SubmitAsync(b, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "后保存被拒的标题" });

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(before, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync()));
        Assert.False(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e => e.Details!.Contains("后保存被拒的标题"))));
    }

    [Fact]
    public async Task The_viewer_filters_and_exports_and_shows_an_office_only_its_scope()
    {
        using var admin = await app.LoginAsync("admin");
        using var inspector = await app.LoginAsync("inspector");
        using var staffA = await app.LoginAsync("staff.a");
        await staffA.GetAsync($"/Findings/Details/{await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress)}");

        var all = await admin.GetPageAsync($"/Audit?Operation={AuditActions.Create}");
        Assert.NotEmpty(all.QuerySelectorAll("tr[data-action]"));
        Assert.All(all.QuerySelectorAll("tr[data-action]"), r => Assert.Equal(AuditActions.Create, r.GetAttribute("data-action")));
        Assert.Equal(HttpStatusCode.Forbidden, (await staffA.GetAsync("/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/Audit/Verify")).StatusCode);

        // Entries made by the system (seeding) have no unit: only the administrator sees them.
        var seeded = await app.WithDatabaseAsync(db => db.AuditEntries.Where(e => e.UnitPath == null).Select(e => e.Sequence).FirstAsync());
        Assert.NotEmpty((await admin.GetPageAsync($"/Audit?EntityType=Finding&Operation={AuditActions.Create}")).QuerySelectorAll("tr[data-action]"));
        var officeView = await inspector.GetPageAsync("/Audit?Page=1000");
        Assert.DoesNotContain(officeView.QuerySelectorAll("tr[data-sequence]"), r => r.GetAttribute("data-sequence") == seeded.ToString());

        var export = await admin.GetAsync($"/Audit/Export?Operation={AuditActions.AccessDenied}");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("sequence,time_utc,user", System.Text.Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
        Assert.NotNull(await LastAsync(e => e.Action == AuditActions.AuditExported && e.UserName.StartsWith("admin")));
    }

    [Fact]
    public async Task Sign_ins_failures_lockout_sign_out_and_password_change_are_recorded_for_the_account()
    {
        using var visitor = app.Anonymous();
        await visitor.SubmitLoginAsync("nobody.here", "Wrong#2023x");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await visitor.SubmitLoginAsync("deputy3", "Wrong#2023x");
        }

        var unknown = await LastAsync(e => e.Action == AuditActions.LoginFailed && e.UserName == "nobody.here");
        Assert.Null(unknown.UserId);
        Assert.Contains("UnknownUser", unknown.Details, StringComparison.Ordinal);
        var deputyId = await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "deputy3").Select(u => u.Id).SingleAsync());
        Assert.Equal(4, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.LoginFailed && e.UserId == deputyId)));
        var lockout = await LastAsync(e => e.Action == AuditActions.Lockout && e.UserId == deputyId);
        Assert.Equal(AuditOutcome.Failure, lockout.Outcome);
        Assert.NotNull(lockout.UnitPath);

        using var deputy2 = await app.LoginAsync("deputy2");
        var login = await LastAsync(e => e.Action == AuditActions.Login && e.UserName.StartsWith("deputy2("));
        Assert.Equal(AuditOutcome.Success, login.Outcome);
        var form = await deputy2.GetPageAsync("/Account/ChangePassword");
        await deputy2.SubmitAsync(form, "form[action='/Account/ChangePassword']", new()
        {
            ["CurrentPassword"] = Demo.Password,
            ["NewPassword"] = "Changed#2026a",
            ["ConfirmPassword"] = "Changed#2026a",
        });
        Assert.NotNull(await LastAsync(e => e.Action == AuditActions.PasswordChanged && e.UserName.StartsWith("deputy2(")));
        await deputy2.PostAsync("/Account/Logout", []);
        Assert.True(await LastAsync(e => e.Action == AuditActions.Logout && e.UserName.StartsWith("deputy2(")) is { Sequence: > 0 } logout && logout.Sequence > login.Sequence);
    }

    [Fact]
    public async Task The_chain_of_a_busy_database_verifies()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(result.Intact, $"{result.Problem} at {result.BrokenAt}");
        Assert.True(result.Checked > 50);
    }

    private Task<AuditEntry> LastAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where) =>
        app.WithDatabaseAsync(db => db.AuditEntries.Where(where).OrderByDescending(e => e.Sequence).FirstAsync());
}
