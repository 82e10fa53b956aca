using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Findings;

namespace Rectification.Core.Notifications;

/// <summary>
/// 回头看 and measure deadlines, reminded by the same rules as a finding's deadline: before the day and on it, then
/// escalated up the chain once late (<see cref="ReminderOptions.EscalateAfterDays"/>).
/// </summary>
public sealed partial class ReminderJob
{
    /// <summary>
    /// Unanswered follow-ups of closed long-term findings: due soon → the responsible person (else the unit's heads);
    /// due today → also the responsible leader; lapsed → also the unit's heads; lapsed by some days → also the
    /// inspection office. The office's own review of an answered one is not chased here.
    /// </summary>
    private async Task<List<Reminder>> FollowUpRemindersAsync(
        RectificationDbContext db, DateOnly today, DateOnly escalateBefore, CancellationToken cancellationToken)
    {
        var options = await db.CountingOptionsAsync(cancellationToken);
        var soonOrLapsed = db.FollowUps.AsNoTracking()
            .Where(FollowUpRules.DueSoon(today, options.DueSoonDays))
            .Concat(db.FollowUps.AsNoTracking().Where(FollowUpRules.Lapsed(today)).Where(f => f.Status == FollowUpStatus.Due));
        var candidates = await soonOrLapsed
            .Select(f => new Candidate(f.FindingId, f.Finding!.Title, f.DueOn, f.Finding.OwningUnitId, f.Finding.OwningUnitPath,
                f.Finding.ResponsiblePersonId, f.Finding.ResponsibleLeaderId, "", null))
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var heads = await UnitHeadsAsync(db, candidates.Select(c => c.UnitId).Distinct().ToList(), cancellationToken);
        var offices = await InspectionOfficesAsync(db, cancellationToken);
        var wanted = new List<Reminder>();
        foreach (var c in candidates)
        {
            var unitHeads = heads.GetValueOrDefault(c.UnitId, []);
            var person = c.PersonId is { } id ? [id] : unitHeads;
            if (c.Deadline > today)
            {
                wanted.AddRange(For(c with { Tag = "soon" }, NotificationKind.FollowUpDue, person, today));
            }
            else if (c.Deadline == today)
            {
                wanted.AddRange(For(c with { Tag = "due" }, NotificationKind.FollowUpDue, person.Append(c.LeaderId).OfType<string>(), today));
            }
            else
            {
                wanted.AddRange(For(c with { Tag = "lapsed" }, NotificationKind.FollowUpLapsed,
                    person.Append(c.LeaderId).OfType<string>().Concat(unitHeads), today));
                if (c.Deadline <= escalateBefore)
                {
                    var office = offices.Where(o => c.UnitPath.StartsWith(o.Path, StringComparison.Ordinal)).Select(o => o.Id);
                    wanted.AddRange(For(c with { Tag = "escalated" }, NotificationKind.FollowUpLapsed, office, today));
                }
            }
        }

        return wanted;
    }

    /// <summary>
    /// Unfinished measures past their own deadline, on findings being worked on: the measure's owner (else the
    /// finding's responsible person, else the unit's heads) on the first day late; the responsible leader joins once
    /// late by some days. Each measure and deadline is reminded once per stage.
    /// </summary>
    private async Task<List<Reminder>> MeasureRemindersAsync(RectificationDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var escalateBefore = today.AddDays(-options.Value.EscalateAfterDays);
        var rows = await db.Measures.AsNoTracking()
            .Where(m => m.DoneDate == null && m.Deadline < today && s_working.Contains(m.Finding!.Status))
            .Select(m => new
            {
                Candidate = new Candidate(m.FindingId, m.Finding!.Title, m.Deadline!.Value, m.Finding.OwningUnitId, m.Finding.OwningUnitPath,
                    m.OwnerId ?? m.Finding.ResponsiblePersonId, m.Finding.ResponsibleLeaderId, "", m.Description),
                m.Id,
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var heads = await UnitHeadsAsync(db, rows.Select(r => r.Candidate.UnitId).Distinct().ToList(), cancellationToken);
        var wanted = new List<Reminder>();
        foreach (var row in rows)
        {
            var c = row.Candidate with { Tag = $"m{row.Id}" };
            var owner = c.PersonId is { } id ? [id] : heads.GetValueOrDefault(c.UnitId, []);
            wanted.AddRange(For(c, NotificationKind.MeasureOverdue, owner, today));
            if (c.Deadline <= escalateBefore && c.LeaderId is { } leader)
            {
                wanted.AddRange(For(c with { Tag = $"m{row.Id}-escalated" }, NotificationKind.MeasureOverdue, [leader], today));
            }
        }

        return wanted;
    }
}
