using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Five failures lock an account for thirty minutes of the app's clock; the page never says so.</summary>
public sealed class LockoutTests
{
    [Fact]
    public async Task Five_failures_lock_the_account_for_thirty_minutes()
    {
        using var app = new AppFactory().Started();
        using var client = app.Anonymous();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await client.SubmitLoginAsync("head.a", "Wrong#2026");
            Assert.Contains(Accounts.LoginRefused, (await AppClient.ParseAsync(failed)).Errors());
        }

        var lockoutEnd = await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "head.a").Select(u => u.LockoutEnd).SingleAsync());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(30), lockoutEnd);

        var locked = await client.SubmitLoginAsync("head.a", Demo.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Null(AppClient.AuthCookie(locked));

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitLoginAsync("head.a", Demo.Password)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var released = await client.SubmitLoginAsync("head.a", Demo.Password);
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        Assert.NotNull(AppClient.AuthCookie(released));
    }

    [Fact]
    public async Task Four_failures_do_not_lock_and_a_success_starts_the_count_again()
    {
        using var app = new AppFactory().Started();
        using var client = app.Anonymous();
        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                await client.SubmitLoginAsync("staff.a", "Wrong#2026");
            }

            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitLoginAsync("staff.a", Demo.Password)).StatusCode);
        }
    }

    [Fact]
    public async Task Locked_unknown_disabled_and_wrong_get_the_same_page()
    {
        using var app = new AppFactory().Started();
        using var client = app.Anonymous();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.SubmitLoginAsync("head.b", "Wrong#2026");
        }

        await app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "head.b2").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["locked, right password"] = await client.SubmitLoginAsync("head.b", Demo.Password),
            ["unknown"] = await client.SubmitLoginAsync("nobody.here", Demo.Password),
            ["disabled, right password"] = await client.SubmitLoginAsync("head.b2", Demo.Password),
            ["wrong password"] = await client.SubmitLoginAsync("staff.b", "Wrong#2026"),
        };

        foreach (var (situation, response) in answers)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, situation);
            var page = await AppClient.ParseAsync(response);
            Assert.True(page.Errors().SequenceEqual([Accounts.LoginRefused]), $"{situation}: {string.Join(" | ", page.Errors())}");
            Assert.Null(AppClient.AuthCookie(response));
        }
    }
}
