using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications.GroupRobots;

/// <summary>What the settings form posts. Blank address or secret: keep the saved one.</summary>
public sealed class GroupRobotInput
{
    [Display(Name = "平台")]
    [Required(ErrorMessage = "请选择{0}")]
    public RobotPlatform? Platform { get; set; }

    [Display(Name = "机器人地址(Webhook)")]
    [StringLength(2000, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Address { get; set; }

    [Display(Name = "加签密钥(钉钉)")]
    [StringLength(200, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Secret { get; set; }

    /// <summary>Stop signing: forget the saved secret.</summary>
    [Display(Name = "清除已保存的加签密钥")]
    public bool ClearSecret { get; set; }
}

/// <summary>A unit's robot as its settings page shows it: never the address's key nor the secret.</summary>
public sealed record GroupRobotSettings(
    int UnitId,
    string UnitName,
    RobotPlatform? Platform,
    string? Host,
    bool Signed,
    DateTime? UpdatedAt,
    DateTime? LastDeliveredAt,
    DateTime? LastFailedAt,
    string? LastError,
    int Waiting,
    int GaveUp);

/// <summary>A unit with a robot, for the administrator's overview.</summary>
public sealed record GroupRobotSummary(int UnitId, string UnitName, RobotPlatform Platform, string Host, DateTime? LastDeliveredAt, DateTime? LastFailedAt, string? LastError);

/// <summary>
/// Setting, removing and trying a unit's group robot. Who may touch which unit's robot is
/// <see cref="Scoping.UserScope.ManagesGroupRobotOf"/>; any other unit is not found (404).
/// </summary>
public sealed class GroupRobotService(RectificationDbContext db, GroupRobotSender sender, BusinessClock clock)
{
    public const string TestTitle = "整改系统测试消息";

    public async Task<GroupRobotSettings?> GetAsync(int unitId, CancellationToken cancellationToken)
    {
        if (!db.Scope.ManagesGroupRobotOf(unitId))
        {
            return null;
        }

        var unitName = await db.Units.AsNoTracking().IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        if (unitName is null)
        {
            return null;
        }

        var robot = await db.GroupRobots.AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, cancellationToken);
        if (robot is null)
        {
            return new GroupRobotSettings(unitId, unitName, null, null, false, null, null, null, null, 0, 0);
        }

        var outbox = db.GroupRobotMessages.IgnoreQueryFilters().Where(m => m.GroupRobotId == robot.Id && m.SentAt == null);
        var waiting = await outbox.CountAsync(m => m.Attempts < OutboxRetry.MaxAttempts, cancellationToken);
        var gaveUp = await outbox.CountAsync(m => m.Attempts >= OutboxRetry.MaxAttempts, cancellationToken);
        return new GroupRobotSettings(unitId, unitName, robot.Platform, robot.Host, robot.Signed, robot.UpdatedAt,
            robot.LastDeliveredAt, robot.LastFailedAt, robot.LastError, waiting, gaveUp);
    }

    /// <summary>Every unit with a robot: the administrator's view of where posts go and which fail.</summary>
    public Task<List<GroupRobotSummary>> ListAsync(CancellationToken cancellationToken) =>
        db.GroupRobots.AsNoTracking()
            .OrderBy(r => r.Unit!.Path)
            .Select(r => new GroupRobotSummary(r.UnitId, r.Unit!.Name, r.Platform, r.Host, r.LastDeliveredAt, r.LastFailedAt, r.LastError))
            .ToListAsync(cancellationToken);

    public async Task<OperationResult> SaveAsync(int unitId, GroupRobotInput input, CancellationToken cancellationToken)
    {
        if (await GetAsync(unitId, cancellationToken) is null)
        {
            return OperationResult.NotFound;
        }

        var robot = await db.GroupRobots.FirstOrDefaultAsync(r => r.UnitId == unitId, cancellationToken);
        var address = input.Address?.Trim();
        Uri? uri = null;
        if (!string.IsNullOrEmpty(address))
        {
            uri = sender.CheckAddress(address);
            if (uri is null)
            {
                return OperationResult.Invalid(GroupRobotAddress.NotAllowed, nameof(GroupRobotInput.Address));
            }
        }
        else if (robot is null)
        {
            return OperationResult.Invalid("请填写机器人地址(Webhook)。", nameof(GroupRobotInput.Address));
        }

        var platform = input.Platform ?? throw new ArgumentException("Platform is required.", nameof(input));
        var secret = input.Secret?.Trim();
        if (platform == RobotPlatform.WeCom && !string.IsNullOrEmpty(secret))
        {
            return OperationResult.Invalid("企业微信群机器人不使用加签密钥,请留空。", nameof(GroupRobotInput.Secret));
        }

        var now = clock.UtcNow;
        if (robot is null)
        {
            robot = new GroupRobot { UnitId = unitId, Host = uri!.Host, ProtectedAddress = sender.Protect(uri.AbsoluteUri) };
            db.GroupRobots.Add(robot);
        }
        else if (uri is not null)
        {
            robot.Host = uri.Host;
            robot.ProtectedAddress = sender.Protect(uri.AbsoluteUri);
        }

        robot.Platform = platform;
        if (platform == RobotPlatform.WeCom || input.ClearSecret)
        {
            robot.ProtectedSecret = null;
        }
        else if (!string.IsNullOrEmpty(secret))
        {
            robot.ProtectedSecret = sender.Protect(secret);
        }

        robot.Signed = robot.ProtectedSecret is not null;
        robot.Revision++;
        robot.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok;
    }

    /// <summary>Removes the robot; posts not yet made go with it.</summary>
    public async Task<OperationResult> RemoveAsync(int unitId, CancellationToken cancellationToken)
    {
        if (await GetAsync(unitId, cancellationToken) is null)
        {
            return OperationResult.NotFound;
        }

        var robot = await db.GroupRobots.FirstOrDefaultAsync(r => r.UnitId == unitId, cancellationToken);
        if (robot is not null)
        {
            db.GroupRobots.Remove(robot);
            await db.SaveChangesAsync(cancellationToken);
        }

        return OperationResult.Ok;
    }

    /// <summary>Posts a test message now, and records the outcome as the robot's last delivery or error.</summary>
    public async Task<OperationResult> SendTestAsync(int unitId, CancellationToken cancellationToken)
    {
        if (await GetAsync(unitId, cancellationToken) is not { } settings)
        {
            return OperationResult.NotFound;
        }

        var robot = await db.GroupRobots.AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unitId, cancellationToken);
        if (robot is null)
        {
            return OperationResult.Invalid("尚未设置群机器人,请先保存机器人地址。");
        }

        var text = $"这是整改系统发给“{settings.UnitName}”群机器人的测试消息。收到本消息,说明提醒、督办等通知将同时发送到本群。";
        try
        {
            await sender.PostAsync(robot, TestTitle, text, cancellationToken);
        }
        catch (GroupRobotDeliveryException exception)
        {
            var error = OutboxRetry.ErrorText(exception);
            var failedAt = clock.UtcNow;
            await db.GroupRobots.Where(r => r.Id == robot.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.LastFailedAt, failedAt).SetProperty(x => x.LastError, error), cancellationToken);
            return OperationResult.Invalid("测试消息发送失败:{0}", null, error);
        }

        var sentAt = clock.UtcNow;
        await db.GroupRobots.Where(r => r.Id == robot.Id)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.LastDeliveredAt, sentAt), cancellationToken);
        return OperationResult.Ok;
    }
}
