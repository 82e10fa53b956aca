using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

public sealed class AccountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Refused = "登录失败:用户名或密码不正确,或账号已停用、已被临时锁定。";

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_message()
    {
        foreach (var (user, password) in new[] { ("inspector", "Wrong#2023"), ("nobody", Demo.Password) })
        {
            using var client = app.Anonymous();
            var page = await client.GetPageAsync("/Account/Login");
            var response = await client.SubmitAsync(page, "form[action='/Account/Login']", new() { ["UserName"] = user, ["Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Refused, (await AppClient.ParseAsync(response)).Errors());
        }
    }

    [Fact]
    public async Task An_account_made_by_the_administrator_must_change_its_password_first()
    {
        using var admin = await app.LoginAsync("admin");
        var create = await admin.GetPageAsync("/Users/Create");
        var created = await admin.SubmitAsync(create, "form[action='/Users/Create']", new()
        {
            ["Input.UserName"] = "new.staff",
            ["Input.Password"] = "Initial#2026",
            ["Input.DisplayName"] = "新联络员",
            ["Input.UnitId"] = (await app.UnitIdAsync(DemoData.UnitB)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Roles"] = Roles.UnitStaff,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var user = await app.LoginAsync("new.staff", "Initial#2026");
        var forced = await user.GetAsync("/Findings");
        Assert.Equal(HttpStatusCode.Redirect, forced.StatusCode);
        Assert.Equal("/Account/ChangePassword", forced.Headers.Location!.OriginalString);

        var form = await user.GetPageAsync("/Account/ChangePassword");
        var changed = await user.SubmitAsync(form, "form[action='/Account/ChangePassword']", new()
        {
            ["CurrentPassword"] = "Initial#2026",
            ["NewPassword"] = "Changed#2026",
            ["ConfirmPassword"] = "Changed#2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Findings")).StatusCode);
        Assert.False(await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "new.staff").Select(u => u.MustChangePassword).SingleAsync()));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_session_stamp_is_renewed()
    {
        using var admin = await app.LoginAsync("admin");
        var userId = await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "head.b2").Select(u => u.Id).SingleAsync());
        var stampBefore = await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());

        var form = await admin.GetPageAsync($"/Users/Edit/{userId}");
        var saved = await admin.SubmitAsync(form, "form[action^='/Users/Edit']", new() { ["Input.IsActive"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stampAfter = await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
        Assert.NotEqual(stampBefore, stampAfter);
        using var client = app.Anonymous();
        var page = await client.GetPageAsync("/Account/Login");
        var response = await client.SubmitAsync(page, "form[action='/Account/Login']", new() { ["UserName"] = "head.b2", ["Password"] = Demo.Password });
        Assert.Contains(Refused, (await AppClient.ParseAsync(response)).Errors());
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        using var client = await app.LoginAsync("leader");
        var home = await client.GetPageAsync("/");
        var loggedOut = await client.SubmitAsync(home, "form[action='/Account/Logout']");
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Findings")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_login()
    {
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
