using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>The key ring lives in the database: instances on one database share sessions, others do not.</summary>
public sealed class DataProtectionTests
{
    [Fact]
    public async Task A_cookie_issued_by_one_instance_is_accepted_by_another_on_the_same_database_only()
    {
        using var first = new AppFactory();
        using var client = first.Anonymous();
        var cookie = AppClient.AuthCookie(await client.LoginAsync("leader", Demo.Password))!;
        Assert.NotEmpty(await first.WithDatabaseAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()));
        var leaderName = await first.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.DisplayName).SingleAsync());

        using var second = AppFactory.OnDatabaseOf(first);
        using var copy = second.WithCookie(cookie);
        var page = await copy.GetPageAsync("/Findings");
        Assert.Contains(leaderName, page.QuerySelector("#user-menu")!.TextContent);

        // A host with its own database has its own keys: the same cookie means nothing there.
        using var elsewhere = new AppFactory();
        using var stranger = elsewhere.WithCookie(cookie);
        Assert.True(Accounts.IsLoginRedirect(await stranger.GetAsync("/Findings")));
    }
}
