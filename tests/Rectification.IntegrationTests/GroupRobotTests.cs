using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.IntegrationTests.Infrastructure;
using Serilog.Core;
using Serilog.Events;

namespace Rectification.IntegrationTests;

/// <summary>
/// Units' 企业微信 / 钉钉 group robots, against a real HTTP server that plays both platforms (format, signature,
/// errcode): set on the settings page, never shown again, reached by every notification once, retried after a
/// failure, and refused any address outside the allowed hosts or any other unit's settings.
/// </summary>
public sealed class GroupRobotTests : IAsyncLifetime
{
    private const string UrgeMessage = "请于本周内报送整改佐证材料(群机器人测试)";

    private TestRobotServer _robot = null!;
    private RobotFactory _app = null!;

    public async Task InitializeAsync()
    {
        _robot = await TestRobotServer.StartAsync();
        _app = new RobotFactory(_robot);
        _app.Started();
        _robot.Now = () => _app.Clock.GetUtcNow();
        // The demo's robots point at the real platforms; each test here sets its own, against the listener.
        _demoRobots = await _app.WithDatabaseAsync(async db =>
        {
            var robots = await db.GroupRobots.AsNoTracking().OrderBy(r => r.Unit!.Code)
                .Select(r => new DemoRobot(r.Unit!.Code, r.Platform, r.Signed, r.LastDeliveredAt != null, r.LastError)).ToListAsync();
            await db.GroupRobots.ExecuteDeleteAsync();
            return robots;
        });
    }

    private sealed record DemoRobot(string UnitCode, RobotPlatform Platform, bool Signed, bool Delivered, string? LastError);

    private List<DemoRobot> _demoRobots = [];

    [Fact]
    public void The_demo_county_has_a_delivering_unit_robot_and_a_failing_office_robot()
    {
        Assert.Equal(
            [new DemoRobot("JX", RobotPlatform.WeCom, false, false, "errcode 93000: invalid webhook url"), new DemoRobot(DemoData.UnitA, RobotPlatform.DingTalk, true, true, null)],
            _demoRobots);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _robot.DisposeAsync();
    }

    [Fact]
    public async Task A_unit_head_sets_a_signed_DingTalk_robot_never_shown_again_and_an_urge_reaches_the_group_once()
    {
        using var headA = await _app.LoginAsync("head.a");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);

        var saved = await SaveAsync(headA, unitA, RobotPlatform.DingTalk, _robot.DingTalkAddress, TestRobotServer.DingTalkSecret);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The page says a key and a secret are set, and shows neither.
        var html = await (await headA.GetAsync($"/GroupRobots/Edit/{unitA}")).Content.ReadAsStringAsync();
        Assert.Contains("已设置,留空则不变", html);
        Assert.Contains(_robot.Authority.Split(':')[0], html);
        AssertNoSecrets(html);
        var robot = await _app.WithDatabaseAsync(db => db.GroupRobots.AsNoTracking().SingleAsync(r => r.UnitId == unitA));
        Assert.True(robot.Signed);
        AssertNoSecrets(robot.ProtectedAddress + robot.ProtectedSecret);
        var audit = await _app.WithDatabaseAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(GroupRobot)).Select(e => e.Details ?? string.Empty).ToListAsync());
        Assert.NotEmpty(audit);
        AssertNoSecrets(string.Join("\n", audit));
        Assert.DoesNotContain("Protected", string.Join("\n", audit), StringComparison.Ordinal);

        // The leader urges a finding of unit A: everyone of the unit is told, the group once.
        var findingId = await UrgeAsync(DemoData.UnitA);
        var told = await _app.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.FindingId == findingId && n.Kind == NotificationKind.Urged));
        Assert.True(told > 1, "the urge should reach several people of unit A");
        Assert.Equal(1, await SendAsync());
        Assert.Equal(0, await SendAsync());

        var delivered = Assert.Single(_robot.Delivered);
        Assert.Equal("DingTalk", delivered.Platform);
        Assert.Contains("timestamp=", delivered.Query, StringComparison.Ordinal);
        Assert.Contains("sign=", delivered.Query, StringComparison.Ordinal);
        Assert.Contains("督办", delivered.Title, StringComparison.Ordinal);
        Assert.Contains(UrgeMessage, delivered.Text, StringComparison.Ordinal);
        Assert.Contains($"https://zhenggai.jx.example.cn/Findings/Details/{findingId}", delivered.Text, StringComparison.Ordinal);
        var page = await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}");
        Assert.DoesNotContain("—", page.QuerySelectorAll("[data-robot-status] dd")[4].TextContent, StringComparison.Ordinal);

        // Nothing the app logged holds the address's token or the secret, though the requests were logged.
        var logs = _app.Logs.Text;
        Assert.Contains("/GroupRobots/Edit", logs, StringComparison.Ordinal);
        AssertNoSecrets(logs);
    }

    [Fact]
    public async Task A_failed_post_is_retried_after_a_back_off_and_delivered_once()
    {
        using var headA = await _app.LoginAsync("head.a");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        await SaveAsync(headA, unitA, RobotPlatform.WeCom, _robot.WeComAddress, secret: null);
        _robot.FailNext(TestRobotServer.Failure.ServerError, TestRobotServer.Failure.ErrorCode);
        await UrgeAsync(DemoData.UnitA);

        Assert.Equal(0, await SendAsync());
        var page = await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}");
        Assert.Contains("HTTP 500", page.QuerySelector("[data-robot-error]")!.TextContent, StringComparison.Ordinal);

        // Not again within the back-off; then a 200 with errcode ≠ 0, which is a failure too; then delivered.
        Assert.Equal(0, await SendAsync());
        Assert.Single(_robot.Requests);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await SendAsync());
        Assert.Equal(2, _robot.Requests.Count);
        Assert.Contains("errcode 45009", (await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}")).QuerySelector("[data-robot-error]")!.TextContent, StringComparison.Ordinal);
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await SendAsync());
        _app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await SendAsync());

        Assert.Equal(3, _robot.Requests.Count);
        var delivered = Assert.Single(_robot.Delivered);
        Assert.Equal("WeCom", delivered.Platform);
        Assert.Contains(UrgeMessage, delivered.Text, StringComparison.Ordinal);
        var message = await _app.WithDatabaseAsync(db => db.GroupRobotMessages.AsNoTracking().SingleAsync());
        Assert.NotNull(message.SentAt);
        Assert.Equal(2, message.Attempts);
    }

    [Fact]
    public async Task Two_outbox_runs_at_once_post_each_message_once()
    {
        using var headA = await _app.LoginAsync("head.a");
        await SaveAsync(headA, await _app.UnitIdAsync(DemoData.UnitA), RobotPlatform.WeCom, _robot.WeComAddress, secret: null);
        await UrgeAsync(DemoData.UnitA);

        var runs = await Task.WhenAll(Task.Run(SendAsync), Task.Run(SendAsync), Task.Run(SendAsync));

        Assert.Equal(1, runs.Sum());
        Assert.Single(_robot.Requests);
    }

    [Fact]
    public async Task The_reminder_job_posts_its_reminders_to_the_group_too()
    {
        using var headA = await _app.LoginAsync("head.a");
        await SaveAsync(headA, await _app.UnitIdAsync(DemoData.UnitA), RobotPlatform.DingTalk, _robot.DingTalkAddress, TestRobotServer.DingTalkSecret);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None) > 0);
        }

        var expected = await _app.WithDatabaseAsync(db => db.GroupRobotMessages.CountAsync());
        Assert.True(expected > 0, "unit A has reminders due in the demo data");
        Assert.Equal(expected, await SendAsync());
        Assert.Equal(expected, _robot.Delivered.Count);
        Assert.All(_robot.Requests, r => Assert.True(r.Accepted, r.Refusal));
        // One post per announcement: no two posts say the same.
        Assert.Equal(expected, _robot.Delivered.Select(r => r.Text).Distinct().Count());
    }

    [Fact]
    public async Task The_test_button_reaches_the_group_and_shows_a_refusal()
    {
        using var headA = await _app.LoginAsync("head.a");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        await SaveAsync(headA, unitA, RobotPlatform.DingTalk, _robot.DingTalkAddress, TestRobotServer.DingTalkSecret);

        var sent = await headA.SubmitAsync(await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}"), "form[action^='/GroupRobots/Test']");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("测试消息已发送。", (await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}")).Text());
        Assert.Equal(GroupRobotService.TestTitle, Assert.Single(_robot.Delivered).Title);

        _robot.FailNext(TestRobotServer.Failure.ErrorCode);
        await headA.SubmitAsync(await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}"), "form[action^='/GroupRobots/Test']");
        Assert.Contains("测试消息发送失败:errcode 45009", (await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}")).Text());
        Assert.Single(_robot.Delivered);
    }

    [Fact]
    public async Task A_saved_secret_is_kept_when_left_blank_and_can_be_cleared()
    {
        using var headA = await _app.LoginAsync("head.a");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        await SaveAsync(headA, unitA, RobotPlatform.DingTalk, _robot.DingTalkAddress, TestRobotServer.DingTalkSecret);

        // Blank address and secret keep both: the post is still signed and accepted.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(headA, unitA, RobotPlatform.DingTalk, address: null, secret: null)).StatusCode);
        await headA.SubmitAsync(await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}"), "form[action^='/GroupRobots/Test']");
        Assert.Single(_robot.Delivered);

        // Cleared, the robot no longer signs, and this robot (which requires 加签) refuses the post.
        var page = await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}");
        await headA.SubmitAsync(page, "form[action^='/GroupRobots/Edit']", new() { ["Input.ClearSecret"] = "true" });
        Assert.False(await _app.WithDatabaseAsync(db => db.GroupRobots.Where(r => r.UnitId == unitA).Select(r => r.Signed).SingleAsync()));
        await headA.SubmitAsync(await headA.GetPageAsync($"/GroupRobots/Edit/{unitA}"), "form[action^='/GroupRobots/Test']");
        Assert.Contains("sign not match", _robot.Requests[^1].Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/robot/send?access_token=x")]
    [InlineData("http://127.0.0.1:{otherPort}/robot/send?access_token=x")]
    [InlineData("http://localhost:{port}/robot/send?access_token=x")]
    [InlineData("http://[::1]:{port}/robot/send?access_token=x")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.1/robot/send")]
    [InlineData("ftp://oapi.dingtalk.com/robot/send")]
    [InlineData("https://user:pw@oapi.dingtalk.com/robot/send?access_token=x")]
    [InlineData("https://oapi.dingtalk.com.evil.example/robot/send")]
    [InlineData("https://oapi.dingtalk.com:8443/robot/send")]
    [InlineData("//oapi.dingtalk.com/robot/send")]
    [InlineData("oapi.dingtalk.com/robot/send")]
    public async Task An_address_outside_the_allowed_hosts_is_refused_and_nothing_is_saved(string address)
    {
        using var headA = await _app.LoginAsync("head.a");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        var port = _robot.Authority.Split(':')[1];
        var otherPort = (int.Parse(port, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        address = address.Replace("{otherPort}", otherPort, StringComparison.Ordinal).Replace("{port}", port, StringComparison.Ordinal);

        var refused = await SaveAsync(headA, unitA, RobotPlatform.DingTalk, address, secret: null);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(GroupRobotAddress.NotAllowed, (await AppClient.ParseAsync(refused)).Text());
        Assert.Equal(0, await _app.WithDatabaseAsync(db => db.GroupRobots.CountAsync()));
        Assert.Empty(_robot.Requests);
    }

    [Fact]
    public async Task Another_units_robot_is_not_found_and_stays_as_it_was()
    {
        using var headA = await _app.LoginAsync("head.a");
        using var headB = await _app.LoginAsync("head.b");
        using var inspector = await _app.LoginAsync("inspector");
        using var admin = await _app.LoginAsync("admin");
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        var unitB = await _app.UnitIdAsync(DemoData.UnitB);
        var office = await _app.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "inspector").Select(u => u.UnitId).SingleAsync());
        await SaveAsync(headB, unitB, RobotPlatform.WeCom, _robot.WeComAddress, secret: null);
        var before = await _app.WithDatabaseAsync(db => db.GroupRobots.AsNoTracking().SingleAsync(r => r.UnitId == unitB));

        var fields = new Dictionary<string, string> { ["Input.Platform"] = "DingTalk", ["Input.Address"] = _robot.DingTalkAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync($"/GroupRobots/Edit/{unitB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.PostAsync($"/GroupRobots/Edit/{unitB}", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.PostAsync($"/GroupRobots/Test/{unitB}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.PostAsync($"/GroupRobots/Remove/{unitB}", [])).StatusCode);
        // The office sets the office's robot, not a unit's; a head of a superior unit's subtree does not either.
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.PostAsync($"/GroupRobots/Edit/{unitB}", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.PostAsync($"/GroupRobots/Remove/{unitB}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/GroupRobots/Edit/{office}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync($"/GroupRobots/Edit/{office}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync("/GroupRobots/Edit/999999")).StatusCode);

        var after = await _app.WithDatabaseAsync(db => db.GroupRobots.AsNoTracking().SingleAsync(r => r.UnitId == unitB));
        Assert.Equal((before.Platform, before.ProtectedAddress, before.Revision), (after.Platform, after.ProtectedAddress, after.Revision));
        Assert.Empty(_robot.Requests);

        // The unit's liaison may not set it at all; the administrator may set any unit's.
        using var staffA = await _app.LoginAsync("staff.a");
        Assert.NotEqual(HttpStatusCode.OK, (await staffA.GetAsync($"/GroupRobots/Edit/{unitA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/GroupRobots/Edit/{unitB}")).StatusCode);
        Assert.Contains("卧龙山", (await admin.GetPageAsync("/GroupRobots")).Text());
    }

    private static void AssertNoSecrets(string text)
    {
        Assert.DoesNotContain(TestRobotServer.DingTalkToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestRobotServer.DingTalkSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestRobotServer.WeComKey, text, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SaveAsync(AppClient client, int unitId, RobotPlatform platform, string? address, string? secret)
    {
        var page = await client.GetPageAsync($"/GroupRobots/Edit/{unitId}");
        return await client.SubmitAsync(page, "form[action^='/GroupRobots/Edit']", new()
        {
            ["Input.Platform"] = platform.ToString(),
            ["Input.Address"] = address ?? string.Empty,
            ["Input.Secret"] = secret ?? string.Empty,
        });
    }

    /// <summary>The leader urges an open finding of the unit, through the page; returns the finding.</summary>
    private async Task<int> UrgeAsync(string unitCode)
    {
        var findingId = await _app.WithDatabaseAsync(db => db.Findings
            .Where(f => f.OwningUnit!.Code == unitCode && f.Status == FindingStatus.InProgress)
            .OrderByDescending(f => f.Id).Select(f => f.Id).FirstAsync());
        using var leader = await _app.LoginAsync("leader");
        var form = await leader.GetPageAsync($"/Urges/Create?findingId={findingId}");
        var sent = await leader.SubmitAsync(form, "form[action^='/Urges/Create']", new() { ["Input.Message"] = UrgeMessage });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return findingId;
    }

    private async Task<int> SendAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GroupRobotOutbox>().SendPendingAsync(CancellationToken.None);
    }

    /// <summary>The app pointed at the robot server, with everything it logs at Information and above kept.</summary>
    private sealed class RobotFactory(TestRobotServer robot) : AppFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The listener is plain http on a loopback port: allowed by name and port, as an operator would list it.
            builder.UseSetting("GroupRobots:AllowHttp", "true");
            builder.UseSetting("GroupRobots:AllowedHosts:2", robot.Authority);
            builder.UseSetting("App:BaseUrl", "https://zhenggai.jx.example.cn/");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Information");
            builder.UseSetting("Serilog:MinimumLevel:Override:System.Net.Http", "Debug");
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
        }
    }

    /// <summary>Every event the app logs, rendered with its properties.</summary>
    private sealed class CapturedLogs : ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public string Text => string.Join("\n", _lines);

        public void Emit(LogEvent logEvent) =>
            _lines.Enqueue(logEvent.RenderMessage(CultureInfo.InvariantCulture) + " " + string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"))
                + " " + logEvent.Exception);
    }
}
