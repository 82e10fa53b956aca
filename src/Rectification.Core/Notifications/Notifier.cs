using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.Core.Time;

namespace Rectification.Core.Notifications;

/// <summary>What a notification says, beyond its kind and the finding it concerns.</summary>
public sealed record NotificationContent(string Subject, string? Detail = null, DateOnly? Date = null, int? DaysOverdue = null, int? UrgeId = null);

/// <summary>
/// Finds who must be told and adds their notifications to the current unit of work, so they are saved with the
/// change they announce (or not at all). E-mails and group-robot posts follow from their outboxes once saved.
/// </summary>
public sealed class Notifier(RectificationDbContext db, BusinessClock clock)
{
    /// <summary>Adds one notification per recipient (inactive accounts are skipped). Nothing is saved here.</summary>
    public async Task AddAsync(NotificationKind kind, IEnumerable<string> userIds, int? findingId, NotificationContent content, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        var recipients = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.IsActive)
            .Select(u => new { u.Id, u.Email })
            .ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        var notifications = recipients.Select(recipient => new Notification
        {
            UserId = recipient.Id,
            Kind = kind,
            FindingId = findingId,
            UrgeId = content.UrgeId,
            Subject = content.Subject,
            Detail = content.Detail,
            Date = content.Date,
            DaysOverdue = content.DaysOverdue,
            CreatedAt = now,
            EmailWanted = !string.IsNullOrWhiteSpace(recipient.Email),
        }).ToList();
        db.Notifications.AddRange(notifications);
        // Their groups' robots are told in the same unit of work (GroupRobotOutbox posts them once saved).
        foreach (var (robotId, notification) in await GroupRobotOutbox.PlanAsync(db, notifications, cancellationToken))
        {
            db.GroupRobotMessages.Add(new GroupRobotMessage { GroupRobotId = robotId, Notification = notification, CreatedAt = now, NextAttemptAt = now });
        }
    }

    /// <summary>The people who work a finding: its unit's heads and liaisons, and its specific responsible person.</summary>
    public async Task<List<string>> FindingTeamAsync(Finding finding, CancellationToken cancellationToken)
    {
        var people = await UnitPeopleAsync(finding.OwningUnitId, [Roles.UnitHead, Roles.UnitStaff], cancellationToken);
        if (finding.ResponsiblePersonId is { } person)
        {
            people.Add(person);
        }

        return people.Distinct().ToList();
    }

    /// <summary>Active users of exactly this unit who hold one of the roles.</summary>
    public Task<List<string>> UnitPeopleAsync(int unitId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var roleIds = roles.Select(Roles.IdOf).ToList();
        return db.Users.AsNoTracking()
            .Where(u => u.UnitId == unitId && u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && roleIds.Contains(r.RoleId)))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The inspection-office users whose scope covers a unit (their unit is it or above it).</summary>
    public async Task<List<string>> InspectionOfficeCoveringAsync(string unitPath, CancellationToken cancellationToken)
    {
        var roleId = Roles.IdOf(Roles.InspectionOffice);
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
            .Select(u => new { u.Id, u.Unit!.Path })
            .ToListAsync(cancellationToken);
        return candidates.Where(c => unitPath.StartsWith(c.Path, StringComparison.Ordinal)).Select(c => c.Id).ToList();
    }
}
