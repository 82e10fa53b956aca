using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Time;

namespace Rectification.Core.Reports;

/// <summary>
/// The public report's draft: generating it from the ledger, editing it, regenerating section 二 with a view of what
/// changed, publishing and unpublishing it. Reads go through the scope filter (the report belongs to its inspection);
/// every change needs <see cref="InspectionOperations.EditReport"/> on the inspection.
/// </summary>
public sealed class ReportService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, EditConflicts conflicts)
{
    public Task<ReportSummary?> ForInspectionAsync(int inspectionId, CancellationToken cancellationToken = default) =>
        db.PublicReports.AsNoTracking()
            .Where(r => r.InspectionId == inspectionId)
            .Select(r => new ReportSummary(r.Id, r.Slug, r.IsPublished, r.PublishedAt, r.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Generates the inspection's draft, or answers the one it already has: there is one report per inspection.</summary>
    public async Task<OperationResult<int>> CreateDraftAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections.Include(i => i.InspectedUnit).FirstOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        if (inspection is null)
        {
            return OperationResult<int>.From(OperationResult.NotFound);
        }

        if (!(await authorization.AuthorizeAsync(user, inspection, InspectionOperations.EditReport)).Succeeded)
        {
            return OperationResult<int>.From(OperationResult.Forbidden);
        }

        if (await ExistingAsync(inspectionId, cancellationToken) is { } existing)
        {
            return OperationResult<int>.Success(existing);
        }

        var feedback = await ReportDrafts.GenerateFeedbackSectionAsync(db, inspectionId, cancellationToken);
        var report = ReportDrafts.Create(inspection, feedback, clock.Today, clock.UtcNow);
        db.PublicReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult<int>.Success(report.Id);
        }
        catch (DbUpdateException)
        {
            // Someone generated it at the same moment and the unique index held: theirs is the report.
            db.Entry(report).State = EntityState.Detached;
            if (await ExistingAsync(inspectionId, cancellationToken) is { } created)
            {
                return OperationResult<int>.Success(created);
            }

            throw;
        }
    }

    public async Task<ReportDetails?> GetDetailsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: false, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var draft = ReportComposer.Compose(report, ReportDrafts.Facts(report.Inspection!));
        var newComments = await db.ReportComments.CountAsync(c => c.ReportId == id && c.Status == ReportCommentStatus.New, cancellationToken);
        return new ReportDetails(
            report.Id,
            report.InspectionId,
            report.Inspection!.Title,
            report.Slug,
            draft,
            report.IsPublished,
            report.PublishedAt,
            report.PublishedByName,
            report.UpdatedAt,
            report.Version)
        {
            HasUnpublishedChanges = report.IsPublished && !string.Equals(ReportSnapshot.Serialize(draft), report.PublishedContent, StringComparison.Ordinal),
            HasMissingSummaries = HasMissingSummaries(report),
            NewComments = newComments,
            CanEdit = await MayEditAsync(user, report),
        };
    }

    /// <summary>The draft as a document, for the .docx export; null when the user cannot see it.</summary>
    public async Task<ReportDocument?> ComposeAsync(int id, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: false, cancellationToken);
        return report is null ? null : ReportComposer.Compose(report, ReportDrafts.Facts(report.Inspection!));
    }

    public async Task<OperationResult<(ReportInput Input, int Version, int InspectionId, string InspectionTitle)>> GetForEditAsync(
        int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: false, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return OperationResult<(ReportInput, int, int, string)>.From(refusal);
        }

        var input = new ReportInput
        {
            Title = report!.Title,
            Opening = report.Opening,
            ProgressSection = report.ProgressSection,
            FeedbackSection = report.FeedbackSection,
            PlansSection = report.PlansSection,
            ContactPhone = report.ContactPhone,
            ContactEmail = report.ContactEmail,
            Signature = report.Signature,
            ReportDate = report.ReportDate,
        };
        return OperationResult<(ReportInput, int, int, string)>.Success((input, report.Version, report.InspectionId, report.Inspection!.Title));
    }

    public async Task<OperationResult> UpdateAsync(int id, ReportInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: true, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return refusal;
        }

        if (report!.Version != version)
        {
            return await conflicts.ConflictAsync<PublicReport>(id, cancellationToken);
        }

        report.Title = input.Title!.Trim();
        report.Opening = ReportComposer.Normalise(input.Opening);
        report.ProgressSection = ReportComposer.Normalise(input.ProgressSection);
        report.FeedbackSection = ReportComposer.Normalise(input.FeedbackSection);
        report.PlansSection = ReportComposer.Normalise(input.PlansSection);
        report.ContactPhone = string.IsNullOrWhiteSpace(input.ContactPhone) ? null : input.ContactPhone.Trim();
        report.ContactEmail = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        report.Signature = input.Signature!.Trim();
        report.ReportDate = input.ReportDate!.Value;
        return await SaveAsync(report, version, cancellationToken);
    }

    /// <summary>Section 二 as the ledger would now generate it, compared with the draft's, paragraph by paragraph.</summary>
    public async Task<OperationResult<RegenerationPreview>> PreviewRegenerationAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: false, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return OperationResult<RegenerationPreview>.From(refusal);
        }

        var generated = await ReportDrafts.GenerateFeedbackSectionAsync(db, report!.InspectionId, cancellationToken);
        var changes = ParagraphDiff.Compare(ReportComposer.Paragraphs(report.FeedbackSection), ReportComposer.Paragraphs(generated));
        return OperationResult<RegenerationPreview>.Success(
            new RegenerationPreview(report.Id, report.InspectionId, report.Inspection!.Title, report.Version, Hash(generated), changes));
    }

    /// <summary>
    /// Replaces section 二 with the regenerated text the user was shown (<paramref name="hash"/>); when the ledger has
    /// changed again since, nothing is saved and the user is asked to look again.
    /// </summary>
    public async Task<OperationResult> AcceptRegenerationAsync(
        int id, string? hash, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: true, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return refusal;
        }

        if (report!.Version != version)
        {
            return await conflicts.ConflictAsync<PublicReport>(id, cancellationToken);
        }

        var generated = await ReportDrafts.GenerateFeedbackSectionAsync(db, report.InspectionId, cancellationToken);
        if (!string.Equals(hash, Hash(generated), StringComparison.Ordinal))
        {
            return OperationResult.Conflict("您查看对比后,问题台账又有变化。请重新核对变化后再确认。");
        }

        report.FeedbackSection = generated;
        return await SaveAsync(report, version, cancellationToken);
    }

    /// <summary>
    /// Adds to section 一 the paragraph the recorded on-site visits give (<see cref="ReportWording.SiteVisit"/>), one
    /// sentence per visit with results, for the office to move and edit like any other paragraph.
    /// </summary>
    public async Task<OperationResult> InsertSiteVisitsAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: true, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return refusal;
        }

        if (report!.Version != version)
        {
            return await conflicts.ConflictAsync<PublicReport>(id, cancellationToken);
        }

        var visits = await Visits.SiteVisitService.TallyAsync(db, report.InspectionId, cancellationToken);
        if (visits.Count == 0)
        {
            return OperationResult.Invalid("这次巡察还没有记录现场查验结果。");
        }

        var teamName = ReportDrafts.Facts(report.Inspection!).TeamName;
        var paragraph = string.Concat(visits.Select(v => ReportWording.SiteVisit(teamName, v.VisitedOn, v.Units, v.Checked, v.InPlace)));
        var paragraphs = ReportComposer.Paragraphs(report.ProgressSection);
        if (paragraphs.Contains(paragraph, StringComparer.Ordinal))
        {
            return OperationResult.Invalid("第一部分已有这段现场查验情况。");
        }

        report.ProgressSection = ReportComposer.Normalise(string.Join('\n', paragraphs.Append(paragraph)));
        return await SaveAsync(report, version, cancellationToken);
    }

    /// <summary>Freezes the draft as the public text and puts it on the public pages; publishing again replaces it.</summary>
    public async Task<OperationResult> PublishAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: true, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return refusal;
        }

        if (report!.Version != version)
        {
            return await conflicts.ConflictAsync<PublicReport>(id, cancellationToken);
        }

        if (HasMissingSummaries(report))
        {
            return OperationResult.Invalid("通报中还有问题未填写整改落实情况(标有“【待补充”),补充后才能发布。");
        }

        var document = ReportComposer.Compose(report, ReportDrafts.Facts(report.Inspection!));
        var actor = Actor.From(user);
        report.IsPublished = true;
        report.PublishedTitle = document.Title;
        report.PublishedContent = ReportSnapshot.Serialize(document);
        report.PublishedAt = clock.UtcNow;
        report.PublishedById = actor.UserId;
        report.PublishedByName = actor.Name;
        db.Audit(AuditActions.ReportPublished, nameof(PublicReport), report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details: new { report.PublishedTitle, report.Slug });
        return await SaveAsync(report, version, cancellationToken);
    }

    /// <summary>Takes the report off the public pages: its address answers 404 until it is published again.</summary>
    public async Task<OperationResult> UnpublishAsync(int id, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(id, tracked: true, cancellationToken);
        if (await RefuseAsync(report, user) is { } refusal)
        {
            return refusal;
        }

        if (report!.Version != version)
        {
            return await conflicts.ConflictAsync<PublicReport>(id, cancellationToken);
        }

        report.IsPublished = false;
        report.PublishedTitle = null;
        report.PublishedContent = null;
        report.PublishedAt = null;
        report.PublishedById = null;
        report.PublishedByName = null;
        db.Audit(AuditActions.ReportUnpublished, nameof(PublicReport), report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details: new { report.Slug });
        return await SaveAsync(report, version, cancellationToken);
    }

    private Task<PublicReport?> LoadAsync(int id, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.PublicReports.Include(r => r.Inspection).ThenInclude(i => i!.InspectedUnit).Where(r => r.Id == id);
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<int?> ExistingAsync(int inspectionId, CancellationToken cancellationToken) =>
        await db.PublicReports.Where(r => r.InspectionId == inspectionId).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);

    private async Task<bool> MayEditAsync(ClaimsPrincipal user, PublicReport report) =>
        (await authorization.AuthorizeAsync(user, report.Inspection!, InspectionOperations.EditReport)).Succeeded;

    private async Task<OperationResult?> RefuseAsync(PublicReport? report, ClaimsPrincipal user)
    {
        if (report is null)
        {
            return OperationResult.NotFound;
        }

        return await MayEditAsync(user, report) ? null : OperationResult.Forbidden;
    }

    private async Task<OperationResult> SaveAsync(PublicReport report, int version, CancellationToken cancellationToken)
    {
        report.UpdatedAt = clock.UtcNow;
        db.Entry(report).Property(r => r.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await conflicts.ConflictAsync<PublicReport>(report.Id, cancellationToken);
        }
    }

    private static bool HasMissingSummaries(PublicReport report) =>
        new[] { report.ProgressSection, report.FeedbackSection, report.PlansSection }
            .Any(s => s.Contains(ReportWording.MissingSummaryMarker, StringComparison.Ordinal));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
