using Microsoft.AspNetCore.Mvc;
using Rectification.Core.Notifications;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Notifications;

/// <summary>The bell: the user's own notifications, the unread count (fetched by the page), mark as read.</summary>
[AuditTarget(typeof(Notification))]
public sealed class NotificationsController(NotificationService notifications, DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        View(await notifications.ListAsync(page, cancellationToken));

    /// <summary>JSON for the bell badge, so that pages themselves need no extra query.</summary>
    [HttpGet]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Count(CancellationToken cancellationToken) =>
        Json(new { unread = await notifications.UnreadCountAsync(cancellationToken) });

    [HttpPost]
    public async Task<IActionResult> Open(long id, CancellationToken cancellationToken)
    {
        var item = await notifications.OpenAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        return item.FindingId is { } findingId
            ? RedirectToAction("Details", "Findings", new { id = findingId })
            : RedirectToAction("Index", "Urges");
    }

    [HttpPost]
    public async Task<IActionResult> ReadAll(CancellationToken cancellationToken)
    {
        await notifications.MarkAllReadAsync(cancellationToken);
        return RedirectToAction(nameof(Index));
    }
}
