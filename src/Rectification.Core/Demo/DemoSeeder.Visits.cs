using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Visits;

namespace Rectification.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The day before the first close-offs (1 March 2023): the visit they rest on.</summary>
    private static readonly DateOnly s_closeOffVisitDay = new(2023, 2, 28);

    private const string VisitNote = "查阅台账、走访师生,整改措施已落实。";

    /// <summary>
    /// Two 现场查验: the one the bureau's findings closed off by on-site check rest on (each points to it), and one two
    /// days ago to the townships whose findings wait for close-off, covering several units, that found one 整改到位 and
    /// one 不到位, which the office can send back to its unit from the visit's page.
    /// </summary>
    private async Task SeedVisitsAsync(Inspection inspection, CancellationToken cancellationToken)
    {
        var inspector = _users["inspector"];
        var closedOnSite = _findings.Where(f => f.Status == FindingStatus.Closed && f.VerificationMethod == VerificationMethod.OnSiteCheck).ToList();
        var closeOffVisit = AddVisit(inspection, s_closeOffVisitDay, $"{inspector.DisplayName}、李明、陈静",
            closedOnSite.Select(f => (f, VisitOutcome.InPlace, VisitNote)));

        var waiting = _findings.Where(f => f.Status == FindingStatus.Submitted && f.OwningUnitId != inspection.InspectedUnitId)
            .GroupBy(f => f.OwningUnitId).Select(g => g.First()).Take(2).ToList();
        AddVisit(inspection, clock.Today.AddDays(-2), $"{inspector.DisplayName}、李明",
            waiting.Select((f, i) => i == 0 ? (f, VisitOutcome.InPlace, VisitNote) : (f, VisitOutcome.NotInPlace, "部分学校整改台账不完整,现场未见整改前后对比材料。")));
        await db.SaveChangesAsync(cancellationToken);

        foreach (var finding in closedOnSite)
        {
            finding.SiteVisitId = closeOffVisit.Id;
            finding.VerifiedOn = s_closeOffVisitDay;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private SiteVisit AddVisit(Inspection inspection, DateOnly day, string team, IEnumerable<(Finding Finding, VisitOutcome Outcome, string Note)> results)
    {
        var recordedAt = At(day.Year, day.Month, day.Day, 17);
        var visit = new SiteVisit
        {
            InspectionId = inspection.Id,
            VisitedOn = day,
            Team = team,
            CreatedAt = recordedAt,
            CreatedById = _users["inspector"].Id,
            UpdatedAt = recordedAt,
        };
        foreach (var (finding, outcome, note) in results)
        {
            if (visit.Units.All(u => u.UnitId != finding.OwningUnitId))
            {
                visit.Units.Add(new SiteVisitUnit { UnitId = finding.OwningUnitId });
            }

            visit.Results.Add(new SiteVisitResult { FindingId = finding.Id, Outcome = outcome, Note = note });
        }

        db.SiteVisits.Add(visit);
        return visit;
    }
}
