using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>
/// Unit A's head sets the unit's signed 钉钉 robot in the browser, as they would: user menu → 群机器人, platform,
/// address and secret, save; the page no longer holds the secret; 发送测试消息 reaches a real listener playing 钉钉.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GroupRobotBrowserTests(BrowserFixture browser, GroupRobotBrowserTests.RobotApp app) : IClassFixture<GroupRobotBrowserTests.RobotApp>, IAsyncLifetime
{
    private readonly Browsing _browsing = new(browser, app);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    public async Task Head_A_sets_a_signed_DingTalk_robot_and_its_test_message_reaches_the_group()
    {
        var page = await _browsing.LoginAsync("head.a");
        await page.Locator("#user-menu").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "群机器人" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("嘉祥街道教办");

        await page.Locator("#Input_Platform").SelectOptionAsync(nameof(RobotPlatform.DingTalk));
        await page.Locator("#Input_Address").FillAsync(app.Robot.DingTalkAddress);
        await page.Locator("#Input_Secret").FillAsync(TestRobotServer.DingTalkSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Expect(page.Locator(".alert-success")).ToHaveTextAsync("群机器人已保存。");
        await Expect(page.Locator("#Input_Address")).ToHaveValueAsync(string.Empty);
        await Expect(page.Locator("#Input_Secret")).ToHaveAttributeAsync("placeholder", "已设置,留空则不变");
        var html = await page.ContentAsync();
        Assert.DoesNotContain(TestRobotServer.DingTalkToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestRobotServer.DingTalkSecret, html, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "发送测试消息" }).ClickAsync();
        await Expect(page.Locator(".alert-success")).ToHaveTextAsync("测试消息已发送。");
        await page.SaveScreenshotAsync("group-robot");
        var delivered = Assert.Single(app.Robot.Delivered);
        Assert.Equal(GroupRobotService.TestTitle, delivered.Title);
        Assert.Contains("sign=", delivered.Query, StringComparison.Ordinal);
    }

    /// <summary>The browser app, pointed at a listener that plays 钉钉 and 企业微信.</summary>
    public sealed class RobotApp : BrowserApp, IAsyncLifetime
    {
        public TestRobotServer Robot { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Robot = await TestRobotServer.StartAsync();
            Robot.Now = () => Clock.GetUtcNow();
        }

        Task IAsyncLifetime.DisposeAsync() => Robot.DisposeAsync().AsTask();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GroupRobots:AllowHttp", "true");
            builder.UseSetting("GroupRobots:AllowedHosts:2", Robot.Authority);
        }
    }
}
