using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>The password policy through the change-password form, and expiry on the fake clock.</summary>
public sealed class PasswordPolicyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Form = "form[action='/Account/ChangePassword']";

    [Theory]
    [InlineData("Ab#1234", "密码至少需要8个字符。")]
    [InlineData("onlylowercase", "密码须包含大写字母、小写字母、数字、符号四类中的至少3类。")]
    [InlineData("lowercase2026", "密码须包含大写字母、小写字母、数字、符号四类中的至少3类。")]
    [InlineData("Staff.B-2026", "密码不能是用户名,也不能包含用户名。")]
    [InlineData("my-STAFF.b-key", "密码不能是用户名,也不能包含用户名。")]
    public async Task The_change_password_form_refuses_a_weak_password_in_chinese(string password, string message)
    {
        using var client = await app.LoginAsync("staff.b");
        var response = await ChangeAsync(client, Demo.Password, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await AppClient.ParseAsync(response)).Errors());
        // Still the old password.
        using var again = await app.LoginAsync("staff.b");
    }

    [Fact]
    public async Task Three_of_the_four_character_classes_are_enough_and_the_new_password_works()
    {
        var before = await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "head.b2").Select(u => u.PasswordChangedAt).SingleAsync());
        using var client = await app.LoginAsync("head.b2");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        // No upper-case letter: lower case, symbol and digit.
        var response = await ChangeAsync(client, Demo.Password, "kept-secret-42");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var again = await app.LoginAsync("head.b2", "kept-secret-42");
        var after = await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "head.b2").Select(u => u.PasswordChangedAt).SingleAsync());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task The_new_password_must_differ_from_the_current_one()
    {
        using var client = await app.LoginAsync("head.a1");
        var response = await ChangeAsync(client, Demo.Password, Demo.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("新密码不能与当前密码相同。", (await AppClient.ParseAsync(response)).Errors());
    }

    [Fact]
    public async Task A_password_older_than_ninety_days_must_be_changed_before_anything_else()
    {
        using var app = new AppFactory().Started();
        app.Clock.Advance(TimeSpan.FromDays(89));
        using (var early = await app.LoginAsync("staff.a"))
        {
            Assert.Equal(HttpStatusCode.OK, (await early.GetAsync("/Findings")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromDays(2));
        using var client = await app.LoginAsync("staff.a");
        Assert.Equal("/Account/ChangePassword", Accounts.RedirectPath(await client.GetAsync("/Findings")));
        Assert.Equal("/Account/ChangePassword", Accounts.RedirectPath(await client.GetAsync("/")));

        var form = await client.GetPageAsync("/Account/ChangePassword");
        Assert.NotNull(form.QuerySelector("[data-password-reason='expired']"));
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(client, Demo.Password, "Renewed#2027")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
    }

    [Fact]
    public async Task A_password_that_expires_during_a_session_is_caught_at_the_next_request()
    {
        using var app = new AppFactory().Started();
        var expiresIn30Seconds = app.Clock.GetUtcNow().UtcDateTime.AddDays(-90).AddSeconds(30);
        await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "leader")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordChangedAt, expiresIn30Seconds)));

        using var client = await app.LoginAsync("leader");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("/Account/ChangePassword", Accounts.RedirectPath(await client.GetAsync("/Findings")));
    }

    private static async Task<HttpResponseMessage> ChangeAsync(AppClient client, string current, string password)
    {
        var form = await client.GetPageAsync("/Account/ChangePassword");
        return await client.SubmitAsync(form, Form, new()
        {
            ["CurrentPassword"] = current,
            ["NewPassword"] = password,
            ["ConfirmPassword"] = password,
        });
    }
}
