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
    public const int MaxAttempts = 3;
    private const int BatchSize = 50;

    /// <summary>A claim older than this belonged to an instance that stopped mid-send; the e-mail is tried again.</summary>
    private static readonly TimeSpan s_claimTimeout = TimeSpan.FromMinutes(10);

    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        if (!sender.IsEnabled)
        {
            return 0;
        }

        await using var db = new RectificationDbContext(dbOptions, new FixedScope(UserScope.System));
        var sent = 0;
        while (true)
        {
            var staleClaim = clock.UtcNow - s_claimTimeout;
            var pending = await db.Notifications.AsNoTracking()
                .Where(n => n.EmailWanted && n.EmailSentAt == null && n.EmailAttempts < MaxAttempts
                    && (n.EmailClaimedAt == null || n.EmailClaimedAt < staleClaim))
                .OrderBy(n => n.Id)
                .Select(n => n.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                return sent;
            }

            var claimedAny = false;
            foreach (var id in pending)
            {
                var now = clock.UtcNow;
                var claimed = await db.Notifications
                    .Where(n => n.Id == id && n.EmailSentAt == null && (n.EmailClaimedAt == null || n.EmailClaimedAt < staleClaim))
                    .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailClaimedAt, now), cancellationToken);
                if (claimed == 0)
                {
                    continue; // another instance took it
                }

                claimedAny = true;
                if (await SendOneAsync(db, id, cancellationToken))
                {
                    sent++;
                }
            }

            if (!claimedAny)
            {
                return sent;
            }
        }
    }

    private async Task<bool> SendOneAsync(RectificationDbContext db, long id, CancellationToken cancellationToken)
    {
        var item = await db.Notifications.AsNoTracking()
            .Where(n => n.Id == id)
            .Select(n => new
            {
                n.Kind,
                n.FindingId,
                n.Subject,
                n.Detail,
                n.Date,
                n.DaysOverdue,
                n.User!.Email,
                n.User.DisplayName,
                n.User.Language,
                InspectionTitle = n.Finding!.Inspection!.Title,
                UnitName = n.Finding.OwningUnit!.Name,
            })
            .SingleAsync(cancellationToken);
        try
        {
            if (string.IsNullOrWhiteSpace(item.Email))
            {
                throw new ArgumentException("The user has no e-mail address any more.");
            }

            var data = new EmailTemplateData
            {
                RecipientName = item.DisplayName,
                FindingTitle = item.FindingId is null ? null : item.Subject,
                InspectionTitle = item.InspectionTitle,
                UnitName = item.UnitName ?? item.Subject,
                Deadline = item.Date,
                DaysOverdue = item.DaysOverdue ?? 0,
                Reason = item.Detail ?? "—",
                Message = item.Detail,
                ExpectedDate = item.Date,
                Link = links.Value.Link(item.FindingId is { } findingId ? $"Findings/Details/{findingId}" : "Urges"),
            };
            var language = EmailTemplates.LanguageFor(item.Language);
            var content = item.Kind switch
            {
                NotificationKind.Assigned => EmailTemplates.FindingAssigned(data, language),
                NotificationKind.DueSoon or NotificationKind.DeadlineReached => EmailTemplates.DueSoon(data, language),
                NotificationKind.Overdue => EmailTemplates.Overdue(data with { DaysOverdue = Math.Max(1, data.DaysOverdue) }, language),
                NotificationKind.Returned => EmailTemplates.Returned(data, language),
                NotificationKind.Approved => EmailTemplates.Approved(data, language),
                NotificationKind.Urged => EmailTemplates.Urged(data with { Message = item.Detail ?? "—" }, language),
                NotificationKind.ExtensionApproved => EmailTemplates.ExtensionDecided(data, approved: true, language),
                NotificationKind.ExtensionRejected => EmailTemplates.ExtensionDecided(data, approved: false, language),
                NotificationKind.SubmittedForReview => EmailTemplates.SubmittedForReview(data, language),
                NotificationKind.FollowUpDue => EmailTemplates.FollowUpDue(data, language),
                NotificationKind.FollowUpLapsed => EmailTemplates.FollowUpLapsed(data, language),
                NotificationKind.FollowUpAnswered => EmailTemplates.FollowUpAnswered(data, language),
                NotificationKind.MeasureOverdue => EmailTemplates.MeasureOverdue(data with { Message = item.Detail ?? "—" }, language),
                _ => throw new InvalidOperationException($"No e-mail for {item.Kind}."),
            };

            await sender.SendAsync(content.To(item.Email, item.DisplayName), cancellationToken);
            var sentAt = clock.UtcNow;
            await db.Notifications.Where(n => n.Id == id)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.EmailSentAt, sentAt).SetProperty(x => x.EmailError, (string?)null), cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Release the claim so a later run tries again; the attempts count stops it after a few tries.
            var error = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
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
