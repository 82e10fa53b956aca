using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The password policy through the change-password form and the administrator's forms (length, classes, user name,
/// common passwords, the last five), and expiry on the fake clock.
/// </summary>
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

    /// <summary>One from SecLists' 10,000 and three from the list of common Chinese passwords, each passing every other rule.</summary>
    [Theory]
    [InlineData("Password123")]
    [InlineData("Woaini1314")]
    [InlineData("Qq123456")]
    [InlineData("Zhang@123456")]
    [InlineData("1qaz@WSX")]
    public async Task A_common_password_is_refused_in_any_case(string password)
    {
        using var client = await app.LoginAsync("staff.b");
        var response = await ChangeAsync(client, Demo.Password, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["该密码过于常见,容易被猜中,请换一个。"], (await AppClient.ParseAsync(response)).Errors());
    }

    [Fact]
    public async Task The_english_interface_explains_a_refused_password_in_english()
    {
        using var client = await app.LoginAsync("head.office");
        var home = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(home, "form[action='/Language/Set']", new() { ["culture"] = "en" })).StatusCode);

        var form = await client.GetPageAsync("/Account/ChangePassword");
        Assert.Contains("Common passwords (such as Password123 or woaini1314) are refused, and so are the last 5 passwords used.", form.Text());
        var response = await ChangeAsync(client, Demo.Password, "Woaini1314");
        Assert.Equal(["This password is too common and easy to guess; choose another."], (await AppClient.ParseAsync(response)).Errors());
    }

    [Fact]
    public async Task Each_of_the_last_five_passwords_is_refused_and_the_sixth_is_accepted()
    {
        // The demo password, then five of the user's own: after the fifth change the demo password is the sixth.
        string[] passwords = [Demo.Password, "Second#2027a", "Third#2027b", "Fourth#2027c", "Fifth#2027d", "Sixth#2027e"];
        using var client = await app.LoginAsync("head.disc");
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(client, passwords[i - 1], passwords[i])).StatusCode);
        }

        // The current one (the fifth) is refused by the form itself; the four before it by the history.
        Assert.Contains("新密码不能与当前密码相同。", (await AppClient.ParseAsync(await ChangeAsync(client, passwords[4], passwords[4]))).Errors());
        foreach (var used in passwords[..4])
        {
            var refused = await ChangeAsync(client, passwords[4], used);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(["新密码不能与最近5次使用过的密码相同。"], (await AppClient.ParseAsync(refused)).Errors());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(client, passwords[4], passwords[5])).StatusCode);
        Assert.Contains("新密码不能与最近5次使用过的密码相同。", (await AppClient.ParseAsync(await ChangeAsync(client, passwords[5], passwords[1]))).Errors());
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(client, passwords[5], passwords[0])).StatusCode);
        using var again = await app.LoginAsync("head.disc", passwords[0]);

        // Five hashes kept, made by Identity's hasher; no password in the clear.
        var userId = await app.UserIdAsync("head.disc");
        var hashes = await app.WithDatabaseAsync(db => db.PasswordHistory.Where(h => h.UserId == userId).OrderBy(h => h.Id).Select(h => h.PasswordHash).ToListAsync());
        Assert.Equal(5, hashes.Count);
        var hasher = new PasswordHasher<AppUser>();
        var user = new AppUser { DisplayName = "x" };
        Assert.Equal([.. passwords[2..], passwords[0]], hashes.Select(h => passwords.Single(p => hasher.VerifyHashedPassword(user, h, p) != PasswordVerificationResult.Failed)));
        Assert.DoesNotContain(hashes, h => passwords.Any(p => h.Contains(p, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_administrator_can_neither_create_nor_reset_with_a_common_password_and_a_reset_counts_as_used()
    {
        using var admin = await app.LoginAsync("admin");
        var unitB = (await app.UnitIdAsync(DemoData.UnitB)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Dictionary<string, string?> NewUser(string password) => new()
        {
            ["Input.UserName"] = "common.pw",
            ["Input.Password"] = password,
            ["Input.DisplayName"] = "新联络员",
            ["Input.UnitId"] = unitB,
            ["Input.Roles"] = Roles.UnitStaff,
        };

        var refused = await admin.SubmitAsync(await admin.GetPageAsync("/Users/Create"), "form[action='/Users/Create']", NewUser("Woaini1314"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("该密码过于常见,容易被猜中,请换一个。", (await AppClient.ParseAsync(refused)).Errors());
        Assert.False(await app.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.UserName == "common.pw")));
        Assert.Equal(HttpStatusCode.Redirect,
            (await admin.SubmitAsync(await admin.GetPageAsync("/Users/Create"), "form[action='/Users/Create']", NewUser("Initial#2027"))).StatusCode);

        var headB = await app.UserIdAsync("head.b");
        foreach (var (password, message) in new[] { ("Password123", "该密码过于常见,容易被猜中,请换一个。"), (Demo.Password, "新密码不能与最近5次使用过的密码相同。") })
        {
            var form = await admin.GetPageAsync($"/Users/ResetPassword/{headB}");
            var reset = await admin.SubmitAsync(form, "form[action^='/Users/ResetPassword']", new() { ["NewPassword"] = password });
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Contains(message, (await AppClient.ParseAsync(reset)).Errors());
        }

        var accepted = await admin.SubmitAsync(await admin.GetPageAsync($"/Users/ResetPassword/{headB}"), "form[action^='/Users/ResetPassword']", new() { ["NewPassword"] = "Reset#2027x" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        // The forced change at the next sign-in goes through the same rules: neither the reset password nor the one before.
        using var user = await app.LoginAsync("head.b", "Reset#2027x");
        Assert.Equal("/Account/ChangePassword", Accounts.RedirectPath(await user.GetAsync("/Findings")));
        Assert.Contains("新密码不能与最近5次使用过的密码相同。", (await AppClient.ParseAsync(await ChangeAsync(user, "Reset#2027x", Demo.Password))).Errors());
        Assert.Contains("该密码过于常见,容易被猜中,请换一个。", (await AppClient.ParseAsync(await ChangeAsync(user, "Reset#2027x", "Qq123456!"))).Errors());
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(user, "Reset#2027x", "Own#2027choice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Findings")).StatusCode);
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
