using Rectification.Core.Inspections;
using Rectification.Core.Reports;

namespace Rectification.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The draft 通报, not published: generated the way the office's "生成草稿" generates one (section 二 from the
    /// ledger's 落实情况), with sections 一 and 三, the contact line and the date of the reference report filled in.
    /// Seeding runs without a signed-in user, whose scope sees nothing, so section 二 is built from the findings just
    /// added rather than queried back.
    /// </summary>
    private async Task SeedReportAsync(Inspection inspection, CancellationToken cancellationToken)
    {
        var byCategory = _findings.ToLookup(f => f.CategoryId);
        var feedback = FeedbackSection.BuildText(inspection.Categories.OrderBy(c => c.Ordinal).Select(c => new FeedbackCategory(
            c.Name, byCategory[c.Id].OrderBy(f => f.Ordinal).Select(f => new FeedbackFinding(f.Title, f.RectificationSummary)).ToList())));

        var report = ReportDrafts.Create(inspection, feedback, JiaxiangReport.Date, clock.UtcNow);
        report.ProgressSection = JiaxiangReport.ProgressSection;
        report.PlansSection = JiaxiangReport.PlansSection;
        report.ContactPhone = JiaxiangReport.ContactPhone;
        report.ContactEmail = JiaxiangReport.ContactEmail;
        db.PublicReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
    }
}
