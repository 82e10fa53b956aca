using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.Core.Scoping;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications;

public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Run the reminder job (and the e-mail outbox) in the background.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job looks for reminders due; each reminder is still made only once.</summary>
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Overdue by this many days: the unit's head and the inspection office are told too.</summary>
    public int EscalateAfterDays { get; set; } = 3;
}

/// <summary>
/// The daily reminders, escalating along the responsibility chain: due soon → the specific responsible person;
/// still open on its deadline → also the responsible leader; overdue by some days → also the owning unit's head and
/// the inspection office. Each reminder has a unique key in the database, so running the job again, after a
/// restart or on several instances at once, never makes a reminder twice.
/// </summary>
public sealed partial class ReminderJob(
    DbContextOptions<RectificationDbContext> dbOptions,
    BusinessClock clock,
    IOptions<ReminderOptions> options,
    ILogger<ReminderJob> logger)
{
    private const int BatchSize = 1_000;

    /// <summary>
    /// SQLite has one writer at a time: smaller batches, and a step aside before each while people's saves are under
    /// way (<see cref="WriteTraffic"/>), keep those saves from waiting behind the job.
    /// </summary>
    private const int SqliteBatchSize = 200;

    private static readonly TimeSpan s_mostStepAside = TimeSpan.FromSeconds(1);

    private static readonly FindingStatus[] s_working =
        [FindingStatus.Assigned, FindingStatus.InProgress, FindingStatus.Returned, FindingStatus.Reopened];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = new RectificationDbContext(dbOptions, new FixedScope(UserScope.System));
        var today = clock.Today;
        var escalateBefore = today.AddDays(-options.Value.EscalateAfterDays);
        var working = db.Findings.AsNoTracking()
            .Where(f => s_working.Contains(f.Status) && f.Kind != FindingKind.LongTerm && f.Deadline != null);

        var dueSoon = await CandidatesAsync(working.Where(LightRules.Is(Light.Yellow, today)), cancellationToken);
        var atDeadline = await CandidatesAsync(working.Where(f => f.Deadline == today), cancellationToken);
        var overdue = await CandidatesAsync(working.Where(f => f.Deadline <= escalateBefore), cancellationToken);

        var heads = await UnitHeadsAsync(db, dueSoon.Concat(atDeadline).Concat(overdue).Select(c => c.UnitId).Distinct().ToList(), cancellationToken);
        var offices = await InspectionOfficesAsync(db, cancellationToken);

        var wanted = new List<Reminder>();
        foreach (var c in dueSoon.Where(c => c.Deadline > today))
        {
            wanted.AddRange(For(c, NotificationKind.DueSoon, c.PersonId is { } person ? [person] : heads.GetValueOrDefault(c.UnitId, []), today));
        }

        foreach (var c in atDeadline)
        {
            wanted.AddRange(For(c, NotificationKind.DeadlineReached, new[] { c.PersonId, c.LeaderId }.OfType<string>(), today));
        }

        foreach (var c in overdue)
        {
            var chain = new[] { c.PersonId, c.LeaderId }.OfType<string>()
                .Concat(heads.GetValueOrDefault(c.UnitId, []))
                .Concat(offices.Where(o => c.UnitPath.StartsWith(o.Path, StringComparison.Ordinal)).Select(o => o.Id));
            wanted.AddRange(For(c, NotificationKind.Overdue, chain, today));
        }

        wanted.AddRange(await FollowUpRemindersAsync(db, today, escalateBefore, cancellationToken));
        wanted.AddRange(await MeasureRemindersAsync(db, today, cancellationToken));

        var made = await MakeAsync(db, wanted.DistinctBy(r => r.Key).ToList(), cancellationToken);
        if (made > 0)
        {
            LogMade(logger, made, today);
        }

        return made;
    }

    /// <summary>
    /// A finding to remind about, with the date the reminder is about (its deadline, a follow-up's day or a measure's
    /// deadline). <see cref="Tag"/> tells apart reminders of one kind on the same finding and date (a measure, a stage).
    /// </summary>
    private sealed record Candidate(
        int Id, string Title, DateOnly Deadline, int UnitId, string UnitPath, string? PersonId, string? LeaderId, string Tag = "", string? Detail = null);

    private sealed record Reminder(string Key, NotificationKind Kind, string UserId, Candidate Finding, int? DaysOverdue);

    private static IEnumerable<Reminder> For(Candidate c, NotificationKind kind, IEnumerable<string> userIds, DateOnly today) =>
        userIds.Distinct().Select(user => new Reminder(
            c.Tag.Length == 0 ? $"{kind}:{c.Id}:{c.Deadline:yyyyMMdd}:{user}" : $"{kind}:{c.Id}:{c.Deadline:yyyyMMdd}:{c.Tag}:{user}",
            kind,
            user,
            c,
            kind is NotificationKind.Overdue or NotificationKind.FollowUpLapsed or NotificationKind.MeasureOverdue ? today.DayNumber - c.Deadline.DayNumber : null));

    private static Task<List<Candidate>> CandidatesAsync(IQueryable<Finding> findings, CancellationToken cancellationToken) =>
        findings.Select(f => new Candidate(f.Id, f.Title, f.Deadline!.Value, f.OwningUnitId, f.OwningUnitPath, f.ResponsiblePersonId, f.ResponsibleLeaderId))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Writes the reminders not made yet, skipping keys already in the log (made by an earlier or parallel run): a
    /// thousand at a time, each thousand its logs and notifications written in bulk in one short transaction, so a
    /// province's first run (some 144,000 of each) takes seconds and users' saves slip in between.
    /// </summary>
    private async Task<int> MakeAsync(RectificationDbContext db, List<Reminder> wanted, CancellationToken cancellationToken)
    {
        var made = 0;
        var now = clock.UtcNow;
        var sqlite = db.Database.IsSqlite();
        foreach (var batch in wanted.Chunk(sqlite ? SqliteBatchSize : BatchSize))
        {
            if (sqlite)
            {
                await WriteTraffic.StepAsideAsync(s_mostStepAside, cancellationToken);
            }

            var keys = batch.Select(r => r.Key).ToList();
            var existing = (await db.ReminderLogs.Where(r => keys.Contains(r.Key)).Select(r => r.Key).ToListAsync(cancellationToken)).ToHashSet();
            var fresh = batch.Where(r => !existing.Contains(r.Key)).ToList();
            var userIds = fresh.Select(r => r.UserId).Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive)
                .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
            fresh = fresh.Where(r => users.ContainsKey(r.UserId)).ToList();
            if (fresh.Count == 0)
            {
                continue;
            }

            try
            {
                await WriteAsync(db, fresh, users, now, cancellationToken);
                made += fresh.Count;
            }
            catch (DbException)
            {
                // Another instance made some of them at the same moment: fall back to one at a time, keeping
                // whichever ones are still ours to make.
                foreach (var reminder in fresh)
                {
                    try
                    {
                        await WriteAsync(db, [reminder], users, now, cancellationToken);
                        made++;
                    }
                    catch (DbException)
                    {
                        // made by the other instance
                    }
                }
            }
        }

        return made;
    }

    /// <summary>Logs and notifications of some reminders, in bulk, in a transaction of their own: all of them or none.</summary>
    private static async Task WriteAsync(
        RectificationDbContext db, IReadOnlyCollection<Reminder> reminders, Dictionary<string, string?> users, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var writer = new BulkWriter(db);
        await writer.WriteAsync(reminders.Select(r => new ReminderLog { Key = r.Key, CreatedAt = now }), keysFromDatabase: true, cancellationToken);
        var notifications = reminders.Select(r => new Notification
        {
            UserId = r.UserId,
            Kind = r.Kind,
            FindingId = r.Finding.Id,
            Subject = r.Finding.Title,
            Detail = r.Finding.Detail,
            Date = r.Finding.Deadline,
            DaysOverdue = r.DaysOverdue,
            CreatedAt = now,
            EmailWanted = !string.IsNullOrWhiteSpace(users[r.UserId]),
        }).ToList();
        await writer.WriteAsync(notifications, keysFromDatabase: true, cancellationToken);
        await WriteGroupRobotMessagesAsync(db, writer, notifications, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The group-robot posts of notifications just written in bulk (which leaves their keys unknown): read back
    /// by their moment and finding, inside the same transaction, so each post names its notification.
    /// </summary>
    private static async Task WriteGroupRobotMessagesAsync(
        RectificationDbContext db, BulkWriter writer, List<Notification> written, DateTime now, CancellationToken cancellationToken)
    {
        var plan = await GroupRobotOutbox.PlanAsync(db, written, cancellationToken);
        if (plan.Count == 0)
        {
            return;
        }

        var findingIds = plan.Select(p => p.Notification.FindingId).Distinct().ToList();
        var saved = await db.Notifications.AsNoTracking()
            .Where(n => n.CreatedAt == now && findingIds.Contains(n.FindingId))
            .Select(n => new { n.Id, n.UserId, n.Kind, n.FindingId })
            .ToListAsync(cancellationToken);
        // The newest of equals is the one just written (an earlier run at the very same moment made the others).
        var idOf = saved.GroupBy(n => (n.UserId, n.Kind, n.FindingId)).ToDictionary(g => g.Key, g => g.Max(n => n.Id));
        await writer.WriteAsync(plan.Select(p => new GroupRobotMessage
        {
            GroupRobotId = p.RobotId,
            NotificationId = idOf[(p.Notification.UserId, p.Notification.Kind, p.Notification.FindingId)],
            CreatedAt = now,
            NextAttemptAt = now,
        }), keysFromDatabase: true, cancellationToken);
    }

    private static async Task<Dictionary<int, List<string>>> UnitHeadsAsync(RectificationDbContext db, List<int> unitIds, CancellationToken cancellationToken)
    {
        var roleId = Roles.IdOf(Roles.UnitHead);
        var rows = await db.Users.AsNoTracking()
            .Where(u => unitIds.Contains(u.UnitId) && u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .Select(u => new { u.UnitId, u.Id })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());
    }

    private static async Task<List<(string Id, string Path)>> InspectionOfficesAsync(RectificationDbContext db, CancellationToken cancellationToken)
    {
        var roleId = Roles.IdOf(Roles.InspectionOffice);
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .Select(u => new { u.Id, u.Unit!.Path })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Path)).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder job made {Count} reminder(s) for {Today}")]
    private static partial void LogMade(ILogger logger, int count, DateOnly today);
}
