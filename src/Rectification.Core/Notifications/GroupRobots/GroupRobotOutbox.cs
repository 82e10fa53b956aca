using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications.GroupRobots;

/// <summary>
/// Posts the saved notifications to the group robots of their recipients' units. One announcement reaches a
/// group once, however many of its members it was for; each message is claimed with a conditional update before
/// it goes out (as in <see cref="MailOutbox"/>), retried with back-off up to <see cref="OutboxRetry.MaxAttempts"/>
/// times, and marked sent. The one window for a duplicate: an instance that stops after the platform accepted a
/// post but before marking it sent; its claim expires and the post is made again.
/// </summary>
public sealed partial class GroupRobotOutbox(
    DbContextOptions<RectificationDbContext> dbOptions,
    GroupRobotSender sender,
    BusinessClock clock,
    IOptions<AppLinkOptions> links,
    ILogger<GroupRobotOutbox> logger)
{
    private const int BatchSize = 50;

    /// <summary>
    /// The group-robot messages for some notifications (saved or only added): one per robot and announcement, an
    /// announcement being the same kind, finding, urge, text and date. Robots belong to recipients' units.
    /// </summary>
    public static async Task<List<(int RobotId, Notification Notification)>> PlanAsync(
        RectificationDbContext db, IReadOnlyCollection<Notification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return [];
        }

        var userIds = notifications.Select(n => n.UserId).Distinct().ToList();
        var robotOfUser = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Join(db.GroupRobots, u => u.UnitId, r => r.UnitId, (u, r) => new { u.Id, RobotId = r.Id })
            .ToDictionaryAsync(x => x.Id, x => x.RobotId, cancellationToken);
        return notifications
            .Where(n => robotOfUser.ContainsKey(n.UserId))
            .GroupBy(n => (robotOfUser[n.UserId], n.Kind, n.FindingId, n.UrgeId, n.Subject, n.Detail, n.Date, n.DaysOverdue))
            .Select(g => (g.Key.Item1, g.First()))
            .ToList();
    }

    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = new RectificationDbContext(dbOptions, new FixedScope(UserScope.System));
        return await OutboxRetry.DrainAsync(
            () => clock.UtcNow,
            (now, staleClaim) => db.GroupRobotMessages.AsNoTracking()
                .Where(m => m.SentAt == null && m.Attempts < OutboxRetry.MaxAttempts && m.NextAttemptAt <= now
                    && (m.ClaimedAt == null || m.ClaimedAt < staleClaim))
                .OrderBy(m => m.Id)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken),
            (id, claimedAt, staleClaim) => db.GroupRobotMessages
                .Where(m => m.Id == id && m.SentAt == null && (m.ClaimedAt == null || m.ClaimedAt < staleClaim))
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedAt, claimedAt), cancellationToken),
            id => SendOneAsync(db, id, cancellationToken));
    }

    private async Task<bool> SendOneAsync(RectificationDbContext db, long id, CancellationToken cancellationToken)
    {
        var message = await db.GroupRobotMessages.AsNoTracking()
            .Include(m => m.GroupRobot!).ThenInclude(r => r.Unit)
            .SingleAsync(m => m.Id == id, cancellationToken);
        var robot = message.GroupRobot!;
        try
        {
            var facts = await db.Notifications.AsNoTracking()
                .Where(n => n.Id == message.NotificationId)
                .Select(NotificationLetters.Facts)
                .SingleAsync(cancellationToken);
            // A group reads the office's default language; the letter greets the unit rather than a person.
            var content = NotificationLetters.Compose(facts, robot.Unit!.Name, EmailLanguage.Chinese, links.Value);
            await sender.PostAsync(robot, content.Subject, content.TextBody, cancellationToken);
            var sentAt = clock.UtcNow;
            await db.GroupRobotMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, sentAt).SetProperty(x => x.Error, (string?)null), cancellationToken);
            await db.GroupRobots.Where(r => r.Id == robot.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.LastDeliveredAt, sentAt), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Release the claim and wait a little longer after each failure; the attempts count ends the tries.
            var error = OutboxRetry.ErrorText(exception);
            var failedAt = clock.UtcNow;
            var nextAttempt = failedAt + OutboxRetry.BackOff(message.Attempts + 1);
            await db.GroupRobotMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(m => m
                    .SetProperty(x => x.Attempts, x => x.Attempts + 1)
                    .SetProperty(x => x.Error, error)
                    .SetProperty(x => x.NextAttemptAt, nextAttempt)
                    .SetProperty(x => x.ClaimedAt, (DateTime?)null), cancellationToken);
            await db.GroupRobots.Where(r => r.Id == robot.Id)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.LastFailedAt, failedAt).SetProperty(x => x.LastError, error), cancellationToken);
            LogFailed(logger, robot.UnitId, id, error);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group robot of unit {UnitId}: message {Id} failed ({Error}); it will be retried unless it failed too often")]
    private static partial void LogFailed(ILogger logger, int unitId, long id, string error);
}
