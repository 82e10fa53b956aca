using Rectification.Core.Findings;

namespace Rectification.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// 回头看 and a measure deadline in the demo county: the closed long-term findings follow up quarterly, one with a
    /// follow-up accepted and the next due within days, one with a follow-up lapsed unanswered; and one finding still
    /// being worked on has a measure past its own deadline, which turns its light yellow.
    /// </summary>
    private async Task SeedFollowUpsAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var inspector = _users["inspector"];
        var closedLongTerm = _findings.Where(f => f.Kind == FindingKind.LongTerm && f.Status == FindingStatus.Closed).ToList();
        var created = At(2023, 3, 1, 10);

        // Looked at again, accepted, and due again within the week.
        var kept = closedLongTerm[0];
        kept.FollowUpEvery = FollowUpInterval.Quarterly;
        var accepted = new FollowUp
        {
            DueOn = today.AddMonths(-3).AddDays(3),
            Status = FollowUpStatus.Accepted,
            AnswerNote = "每月开展一次自查,问题未出现反弹,相关台账已归档。",
            AnsweredAt = At(today.Year, today.Month, 1, 2).AddMonths(-3),
            AnsweredById = kept.ResponsiblePersonId,
            ReviewedAt = At(today.Year, today.Month, 1, 8).AddMonths(-3),
            ReviewedById = inspector.Id,
            ReviewComment = "整改成果巩固良好。",
            CreatedAt = created,
        };
        kept.FollowUps.Add(accepted);
        kept.FollowUps.Add(new FollowUp { DueOn = accepted.DueOn.AddMonths(3), Status = FollowUpStatus.Due, CreatedAt = created });
        kept.FollowUpDate = accepted.DueOn.AddMonths(3);

        // Due twelve days ago and not answered: 逾期未回头看.
        var slipping = closedLongTerm[1];
        slipping.FollowUpEvery = FollowUpInterval.HalfYearly;
        slipping.FollowUps.Add(new FollowUp { DueOn = today.AddDays(-12), Status = FollowUpStatus.Due, CreatedAt = created });
        slipping.FollowUpDate = today.AddDays(-12);

        // The rest follow up quarterly from the date they closed with.
        foreach (var finding in closedLongTerm.Skip(2))
        {
            finding.FollowUpEvery = FollowUpInterval.Quarterly;
            var due = finding.FollowUpDate ?? today.AddMonths(3);
            while (due < today)
            {
                due = due.AddMonths(3);
            }

            finding.FollowUps.Add(new FollowUp { DueOn = due, Status = FollowUpStatus.Due, CreatedAt = created });
            finding.FollowUpDate = due;
        }

        // A measure five days past its own deadline on a finding whose own deadline is weeks away.
        var working = _findings.First(f => f.Status == FindingStatus.InProgress && f.Deadline > today.AddDays(20) && f.Measures.Count > 0);
        working.Measures.OrderBy(m => m.Ordinal).First().Deadline = today.AddDays(-5);

        await db.SaveChangesAsync(cancellationToken);
    }
}
