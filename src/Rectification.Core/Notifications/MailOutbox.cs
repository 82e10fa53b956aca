using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications;

/// <summary>
/// Sends the e-mails of saved notifications. Each notification is claimed with a conditional update before its
/// e-mail goes out, so with several instances (or two runs at once) every e-mail is sent by exactly one of them.
/// A failed send is retried on later runs, up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed partial class MailOutbox(
    DbContextOptions<RectificationDbContext> dbOptions,
    IEmailSender sender,
    BusinessClock clock,
    IOptions<AppLinkOptions> links,
    ILogger<MailOutbox> logger)
{
    public const int MaxAttempts = OutboxRetry.MaxAttempts;
    private const int BatchSize = 50;

    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        if (!sender.IsEnabled)
        {
            return 0;
        }

        await using var db = new RectificationDbContext(dbOptions, new FixedScope(UserScope.System));
        return await OutboxRetry.DrainAsync(
            () => clock.UtcNow,
            (_, staleClaim) => db.Notifications.AsNoTracking()
                .Where(n => n.EmailWanted && n.EmailSentAt == null && n.EmailAttempts < MaxAttempts
                    && (n.EmailClaimedAt == null || n.EmailClaimedAt < staleClaim))
                .OrderBy(n => n.Id)
                .Select(n => n.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken),
            (id, claimedAt, staleClaim) => db.Notifications
                .Where(n => n.Id == id && n.EmailSentAt == null && (n.EmailClaimedAt == null || n.EmailClaimedAt < staleClaim))
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailClaimedAt, claimedAt), cancellationToken),
            id => SendOneAsync(db, id, cancellationToken));
    }

    private async Task<bool> SendOneAsync(RectificationDbContext db, long id, CancellationToken cancellationToken)
    {
        var item = await db.Notifications.AsNoTracking()
            .Where(n => n.Id == id)
            .Select(n => new { n.User!.Email, n.User.DisplayName, n.User.Language })
            .SingleAsync(cancellationToken);
        try
        {
            if (string.IsNullOrWhiteSpace(item.Email))
            {
                throw new ArgumentException("The user has no e-mail address any more.");
            }

            var facts = await db.Notifications.AsNoTracking().Where(n => n.Id == id).Select(NotificationLetters.Facts).SingleAsync(cancellationToken);
            var content = NotificationLetters.Compose(facts, item.DisplayName, EmailTemplates.LanguageFor(item.Language), links.Value);

            await sender.SendAsync(content.To(item.Email, item.DisplayName), cancellationToken);
            var sentAt = clock.UtcNow;
            await db.Notifications.Where(n => n.Id == id)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailSentAt, sentAt).SetProperty(x => x.EmailError, (string?)null), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Release the claim so a later run tries again; the attempts count stops it after a few tries.
            var error = OutboxRetry.ErrorText(exception);
            var permanent = exception is ArgumentException;
            await db.Notifications.Where(n => n.Id == id)
                .ExecuteUpdateAsync(n => n
                    .SetProperty(x => x.EmailAttempts, x => permanent ? MaxAttempts : x.EmailAttempts + 1)
                    .SetProperty(x => x.EmailError, error)
                    .SetProperty(x => x.EmailClaimedAt, (DateTime?)null), cancellationToken);
            LogFailed(logger, exception, id);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail of notification {Id} failed; it will be retried unless it failed too often")]
    private static partial void LogFailed(ILogger logger, Exception exception, long id);
}
