using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications;

public sealed record NotificationItem(
    long Id, NotificationKind Kind, int? FindingId, string Subject, string? Detail, DateOnly? Date, int? DaysOverdue, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>The bell: the current user's notifications (the query filter keeps everyone else's out).</summary>
public sealed class NotificationService(RectificationDbContext db, BusinessClock clock)
{
    public const int PageSize = 30;

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.ReadAt == null, cancellationToken);

    public async Task<PagedList<NotificationItem>> ListAsync(int page, CancellationToken cancellationToken = default)
    {
        var total = await db.Notifications.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await db.Notifications.AsNoTracking()
            .OrderBy(n => n.ReadAt != null).ThenByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.FindingId, n.Subject, n.Detail, n.Date, n.DaysOverdue, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new PagedList<NotificationItem>(items, page, PageSize, total);
    }

    /// <summary>Marks one notification read (someone else's is not found) and says where it points.</summary>
    public async Task<NotificationItem?> OpenAsync(long id, CancellationToken cancellationToken = default)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return null;
        }

        notification.ReadAt ??= clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return new NotificationItem(notification.Id, notification.Kind, notification.FindingId, notification.Subject,
            notification.Detail, notification.Date, notification.DaysOverdue, notification.CreatedAt, notification.ReadAt);
    }

    public Task<int> MarkAllReadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        return db.Notifications.Where(n => n.ReadAt == null).ExecuteUpdateAsync(n => n.SetProperty(x => x.ReadAt, now), cancellationToken);
    }
}
