using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Session lifetimes on the fake clock, new cookies, logout, and account changes reaching open sessions.</summary>
public sealed class SessionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_session_idle_for_thirty_one_minutes_ends_while_activity_keeps_it_going()
    {
        using var app = new AppFactory().Started();
        using var client = await app.LoginAsync("leader");

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
        // 58 minutes after sign-in, but 29 after the last request: the sliding expiry was renewed.
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(Accounts.IsLoginRedirect(await client.GetAsync("/Findings")));
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_despite_activity_every_twenty_minutes()
    {
        using var app = new AppFactory().Started();
        using var client = await app.LoginAsync("leader");

        for (var minutes = 20; minutes < 12 * 60; minutes += 20)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            var response = await client.GetAsync("/Findings");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{minutes} minutes after sign-in: {(int)response.StatusCode}");
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(Accounts.IsLoginRedirect(await client.GetAsync("/Findings")));

        // Signing in again starts a new twelve hours.
        await client.LoginAsync("leader", Demo.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
    }

    [Fact]
    public async Task Every_sign_in_sets_a_new_cookie_and_ends_the_session_it_replaces()
    {
        using var client = app.Anonymous();
        var first = AppClient.AuthCookie(await client.LoginAsync("head.a", Demo.Password));
        var second = AppClient.AuthCookie(await client.LoginAsync("head.a", Demo.Password));

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        using var replaced = app.WithCookie(first);
        Assert.True(Accounts.IsLoginRedirect(await replaced.GetAsync("/Findings")));
        using var current = app.WithCookie(second);
        Assert.Equal(HttpStatusCode.OK, (await current.GetAsync("/Findings")).StatusCode);
    }

    [Fact]
    public async Task After_logout_a_copy_of_the_old_cookie_no_longer_works()
    {
        using var client = app.Anonymous();
        var cookie = AppClient.AuthCookie(await client.LoginAsync("inspector", Demo.Password))!;
        using var copy = app.WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Findings")).StatusCode);

        var home = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(home, "form[action='/Account/Logout']")).StatusCode);

        // At once, not at the next minute's stamp check: the session is ended on the server.
        Assert.True(Accounts.IsLoginRedirect(await copy.GetAsync("/Findings")));
        Assert.True(Accounts.IsLoginRedirect(await client.GetAsync("/Findings")));
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session()
    {
        using var app = new AppFactory().Started();
        using var staff = await app.LoginAsync("staff.b");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Findings")).StatusCode);

        await EditUserAsync(app, "staff.b", new() { ["Input.IsActive"] = "false" });

        Assert.True(Accounts.IsLoginRedirect(await staff.GetAsync("/Findings")));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(Accounts.IsLoginRedirect(await staff.GetAsync("/Findings")));
        using var anonymous = app.Anonymous();
        Assert.Contains(Accounts.LoginRefused, (await AppClient.ParseAsync(await anonymous.SubmitLoginAsync("staff.b", Demo.Password))).Errors());
    }

    [Fact]
    public async Task A_password_reset_by_the_administrator_ends_other_sessions_at_their_next_request()
    {
        using var app = new AppFactory().Started();
        using var user = await app.LoginAsync("head.b");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Findings")).StatusCode);

        using var admin = await app.LoginAsync("admin");
        var form = await admin.GetPageAsync($"/Users/ResetPassword/{await app.UserIdAsync("head.b")}");
        var reset = await admin.SubmitAsync(form, "form[action^='/Users/ResetPassword']", new()
        {
            ["NewPassword"] = "Temporary#2026",
            ["ConfirmPassword"] = "Temporary#2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.True(Accounts.IsLoginRedirect(await user.GetAsync("/Findings")));
    }

    [Fact]
    public async Task A_new_role_or_unit_ends_open_sessions_at_their_next_request_and_applies_at_the_next_sign_in()
    {
        using var app = new AppFactory().Started();
        var schoolFinding = await VisibleFindingOfAsync(app, DemoData.SchoolA);
        var findingOfA = await VisibleFindingOfAsync(app, DemoData.UnitA);
        var findingOfB = await VisibleFindingOfAsync(app, DemoData.UnitB);
        using var head = await app.LoginAsync("head.a");
        using var staff = await app.LoginAsync("staff.b");
        Assert.Contains(schoolFinding, await FindingsSeenAsync(head));
        Assert.Contains(findingOfB, await FindingsSeenAsync(staff));

        // head.a becomes unit staff (own unit only); staff.b moves to unit A.
        await EditUserAsync(app, "head.a", new() { ["Input.Roles"] = Roles.UnitStaff });
        var unitA = (await app.UnitIdAsync(DemoData.UnitA)).ToString(CultureInfo.InvariantCulture);
        await EditUserAsync(app, "staff.b", new() { ["Input.UnitId"] = unitA });

        Assert.True(Accounts.IsLoginRedirect(await head.GetAsync("/Findings")));
        Assert.True(Accounts.IsLoginRedirect(await staff.GetAsync("/Findings")));

        await head.LoginAsync("head.a", Demo.Password);
        var headSees = await FindingsSeenAsync(head);
        Assert.DoesNotContain(schoolFinding, headSees);
        Assert.Contains(findingOfA, headSees);
        await staff.LoginAsync("staff.b", Demo.Password);
        var staffSees = await FindingsSeenAsync(staff);
        Assert.DoesNotContain(findingOfB, staffSees);
        Assert.Contains(findingOfA, staffSees);
    }

    [Fact]
    public async Task A_new_display_name_shows_in_the_open_session_at_its_next_request()
    {
        using var app = new AppFactory().Started();
        using var staff = await app.LoginAsync("staff.a");
        var before = (await staff.GetPageAsync("/")).QuerySelector("nav")!.TextContent;
        Assert.DoesNotContain("王改名", before);

        await EditUserAsync(app, "staff.a", new() { ["Input.DisplayName"] = "王改名" });

        // The same session, no new sign-in and no time passed: its claims were made again from the account.
        var page = await staff.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("王改名", (await AppClient.ParseAsync(page)).QuerySelector("nav")!.TextContent);
    }

    [Fact]
    public async Task A_renewed_security_stamp_ends_the_session_at_its_next_request()
    {
        using var app = new AppFactory().Started();
        using var leader = await app.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Findings")).StatusCode);

        await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "leader")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, "renewed-elsewhere")));

        Assert.True(Accounts.IsLoginRedirect(await leader.GetAsync("/Findings")));
    }

    private static async Task EditUserAsync(AppFactory app, string userName, Dictionary<string, string?> values)
    {
        using var admin = await app.LoginAsync("admin");
        var form = await admin.GetPageAsync($"/Users/Edit/{await app.UserIdAsync(userName)}");
        var saved = await admin.SubmitAsync(form, "form[action^='/Users/Edit']", values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static async Task<IReadOnlySet<int>> FindingsSeenAsync(AppClient client) =>
        (await client.GetPageAsync("/Findings?PageSize=100")).FindingIds();

    private static Task<int> VisibleFindingOfAsync(AppFactory app, string unitCode) =>
        app.WithDatabaseAsync(db => db.Findings
            .Where(f => f.OwningUnit!.Code == unitCode && f.Status != FindingStatus.Draft)
            .OrderBy(f => f.Id).Select(f => f.Id).FirstAsync());
}
