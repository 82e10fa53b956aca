using Microsoft.EntityFrameworkCore.Infrastructure;
using Rectification.Core.Notifications.GroupRobots;

namespace Rectification.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Two group robots, so the settings page has something to show: unit A's signed 钉钉 robot, delivering, and the
    /// office's 企业微信 robot, whose key the platform refuses (how a failure looks). Their addresses hold demo tokens
    /// only; the platforms answer them with an error. Seeded after the rest is committed: protecting the first
    /// address may create the key ring's first key, which is saved through a context of its own, and SQLite would
    /// find the database locked by the seeding transaction.
    /// </summary>
    private async Task SeedGroupRobotsAsync(CancellationToken cancellationToken)
    {
        // The sender protects addresses with the app's key ring; the seeder reaches it through the context's services
        // rather than growing its constructor for one demo feature.
        var sender = db.GetService<GroupRobotSender>();
        var now = clock.UtcNow;
        db.GroupRobots.Add(new GroupRobot
        {
            UnitId = _units["JX-JTJ-JXJD"].Id,
            Platform = RobotPlatform.DingTalk,
            Host = "oapi.dingtalk.com",
            ProtectedAddress = sender.Protect("https://oapi.dingtalk.com/robot/send?access_token=demo-jiaxiang-jiedao"),
            ProtectedSecret = sender.Protect("SECdemo-jiaxiang-jiedao"),
            Signed = true,
            Revision = 1,
            UpdatedAt = now.AddDays(-20),
            LastDeliveredAt = now.AddDays(-1),
        });
        db.GroupRobots.Add(new GroupRobot
        {
            UnitId = _units["JX"].Id,
            Platform = RobotPlatform.WeCom,
            Host = "qyapi.weixin.qq.com",
            ProtectedAddress = sender.Protect("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-office"),
            Revision = 1,
            UpdatedAt = now.AddDays(-3),
            LastFailedAt = now.AddHours(-2),
            LastError = "errcode 93000: invalid webhook url",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
