using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Inspections;

namespace Rectification.Core.Reports;

/// <summary>
/// A new report's draft, generated from the inspection and its ledger: the one way both the office's 生成草稿 and
/// the demo build one, so the demo's draft is what the app would generate.
/// </summary>
public static class ReportDrafts
{
    private const string SlugAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int SlugLength = 12;

    /// <summary>The inspection's facts with defaults applied. The inspection must be loaded with its inspected unit.</summary>
    public static ReportInspectionFacts Facts(Inspection inspection) =>
        ReportInspectionFacts.From(
            inspection.TeamName,
            inspection.TeamShortName,
            inspection.PartyOrganisation,
            inspection.PartyOrganisationFullName,
            inspection.InspectedUnit?.Name ?? throw new InvalidOperationException("Load the inspection's inspected unit first."),
            inspection.InspectionStart,
            inspection.InspectionEnd,
            inspection.FeedbackDate);

    public static PublicReport Create(Inspection inspection, string feedbackSection, DateOnly reportDate, DateTime now)
    {
        var facts = Facts(inspection);
        return new PublicReport
        {
            InspectionId = inspection.Id,
            Slug = NewSlug(),
            Title = ReportWording.Title(facts.PartyOrganisationFullName),
            Opening = ReportWording.Opening(facts),
            ProgressSection = ReportWording.DefaultProgressSection,
            FeedbackSection = feedbackSection,
            PlansSection = ReportWording.DefaultPlansSection,
            Signature = facts.PartyOrganisationFullName,
            ReportDate = reportDate,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Section 二 from the ledger as <paramref name="db"/> sees it: categories in order, findings in ledger order. Two
    /// queries whatever the number of findings. The office that drafts the report covers the inspected unit, so its
    /// scope holds the inspection's findings, drafts included.
    /// </summary>
    public static async Task<string> GenerateFeedbackSectionAsync(RectificationDbContext db, int inspectionId, CancellationToken cancellationToken)
    {
        var categories = await db.FindingCategories.AsNoTracking()
            .Where(c => c.InspectionId == inspectionId)
            .OrderBy(c => c.Ordinal).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Name })
            .ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking()
            .Where(f => f.InspectionId == inspectionId)
            .OrderBy(f => f.Ordinal).ThenBy(f => f.Id)
            .Select(f => new { f.CategoryId, f.Title, f.RectificationSummary })
            .ToListAsync(cancellationToken);
        var byCategory = findings.ToLookup(f => f.CategoryId);
        return FeedbackSection.BuildText(categories.Select(c => new FeedbackCategory(
            c.Name, byCategory[c.Id].Select(f => new FeedbackFinding(f.Title, f.RectificationSummary)).ToList())));
    }

    /// <summary>A random public address: unguessable, so an unpublished report's address gives nothing away.</summary>
    private static string NewSlug() => RandomNumberGenerator.GetString(SlugAlphabet, SlugLength);
}
