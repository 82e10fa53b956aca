using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Scoping;
using Rectification.Core.Time;

namespace Rectification.Core.Mechanisms;

/// <summary>
/// The register of 长效机制 (建章立制): the documents issued during rectification, their files and the findings they
/// answer. Every read goes through the scope filter; writes check <see cref="MechanismPermissions"/>.
/// </summary>
public sealed class MechanismService(
    RectificationDbContext db, EvidenceService evidence, IEvidenceStore store, BusinessClock clock, EditConflicts conflicts)
{
    /// <summary>How many mechanisms the user can see, of one inspection or of all (the dashboard's figure).</summary>
    public Task<int> CountAsync(int? inspectionId, CancellationToken cancellationToken = default) =>
        db.Mechanisms.CountAsync(m => inspectionId == null || m.InspectionId == inspectionId, cancellationToken);

    /// <summary>An inspection's register, newest document first; null when the user cannot see the inspection.</summary>
    public async Task<MechanismList?> ListAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var title = await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return null;
        }

        var items = await db.Mechanisms.AsNoTracking()
            .Where(m => m.InspectionId == inspectionId)
            .OrderByDescending(m => m.IssueDate).ThenByDescending(m => m.Id)
            .Select(m => new MechanismListItem(
                m.Id,
                m.Title,
                m.DocumentNumber,
                m.IssuingUnit!.Name,
                m.IssueDate,
                m.Findings.Count(),
                m.Documents.OrderByDescending(d => d.Number)
                    .Select(d => new MechanismDocumentView(d.Id, d.Number, d.FileName, d.FileType, d.Length, d.UploadedAt, d.UploadedByName))
                    .FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new MechanismList(inspectionId, title, items, MechanismPermissions.MayRegister(ScopeClaims.ToScope(user)));
    }

    /// <summary>The mechanisms linked to a finding, for its page (empty when the user cannot see the finding).</summary>
    public async Task<IReadOnlyList<MechanismRef>> ForFindingAsync(int findingId, CancellationToken cancellationToken = default) =>
        // A mechanism linked to a finding the user sees is visible through it: neither filter is evaluated again.
        await db.MechanismFindings.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.FindingId == findingId && db.FindingsInScope.Any(f => f.Id == findingId))
            .Select(l => l.Mechanism!)
            .OrderBy(m => m.IssueDate).ThenBy(m => m.Id)
            .Select(m => new MechanismRef(m.Id, m.Title, m.DocumentNumber, m.IssuingUnit!.Name, m.IssueDate))
            .ToListAsync(cancellationToken);

    public async Task<MechanismDetails?> GetDetailsAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var details = await db.Mechanisms.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new
            {
                IssuingUnitPath = m.IssuingUnit!.Path,
                Details = new MechanismDetails(
                    m.Id,
                    m.InspectionId,
                    m.Inspection!.Title,
                    m.Title,
                    m.DocumentNumber,
                    m.IssuingUnit.Name,
                    m.IssueDate,
                    m.Summary,
                    m.Findings.OrderBy(l => l.Finding!.Category!.Ordinal).ThenBy(l => l.Finding!.Ordinal)
                        .Select(l => new LinkedFinding(l.FindingId, l.Finding!.Category!.Ordinal, l.Finding.Ordinal, l.Finding.Title, l.Finding.OwningUnit!.Name, l.Finding.Status))
                        .ToList(),
                    m.Documents.OrderByDescending(d => d.Number)
                        .Select(d => new MechanismDocumentView(d.Id, d.Number, d.FileName, d.FileType, d.Length, d.UploadedAt, d.UploadedByName))
                        .ToList()),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        return details is null
            ? null
            : details.Details with { CanEdit = MechanismPermissions.MayRegisterFor(ScopeClaims.ToScope(user), details.IssuingUnitPath) };
    }

    /// <summary>What the form offers: the inspection's findings the user can see. Null when the inspection is not visible.</summary>
    public async Task<MechanismFormContext?> GetFormContextAsync(int inspectionId, CancellationToken cancellationToken = default)
    {
        var title = await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return null;
        }

        var findings = await db.FindingsInScope.AsNoTracking()
            .Where(f => f.InspectionId == inspectionId)
            .OrderBy(f => f.Category!.Ordinal).ThenBy(f => f.Ordinal).ThenBy(f => f.Id)
            .Select(f => new FindingOption(f.Id, f.Category!.Ordinal, f.Category.Name, f.Ordinal, f.Title))
            .ToListAsync(cancellationToken);
        return new MechanismFormContext(inspectionId, title, findings);
    }

    /// <summary>The mechanism as its edit form shows it (its visible links only), with its version; or why not.</summary>
    public async Task<OperationResult<(int InspectionId, MechanismInput Input, int Version)>> GetForEditAsync(
        int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var mechanism = await db.Mechanisms.AsNoTracking()
            .Include(m => m.IssuingUnit)
            .Include(m => m.Findings)
            .FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mechanism is null)
        {
            return OperationResult<(int, MechanismInput, int)>.From(OperationResult.NotFound);
        }

        if (!MechanismPermissions.MayRegisterFor(ScopeClaims.ToScope(user), mechanism.IssuingUnit!.Path))
        {
            return OperationResult<(int, MechanismInput, int)>.From(OperationResult.Forbidden);
        }

        var input = new MechanismInput
        {
            Title = mechanism.Title,
            DocumentNumber = mechanism.DocumentNumber,
            IssuingUnitId = mechanism.IssuingUnitId,
            IssueDate = mechanism.IssueDate,
            Summary = mechanism.Summary,
            FindingIds = mechanism.Findings.Select(l => l.FindingId).ToList(),
        };
        return OperationResult<(int, MechanismInput, int)>.Success((mechanism.InspectionId, input, mechanism.Version));
    }

    public async Task<OperationResult<int>> CreateAsync(
        int inspectionId, MechanismInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await db.Inspections.AnyAsync(i => i.Id == inspectionId, cancellationToken))
        {
            return OperationResult<int>.From(OperationResult.NotFound);
        }

        var scope = ScopeClaims.ToScope(user);
        if (!MechanismPermissions.MayRegister(scope))
        {
            return OperationResult<int>.From(OperationResult.Forbidden);
        }

        if (await ValidateAsync(inspectionId, input, scope, cancellationToken) is { } invalid)
        {
            return OperationResult<int>.From(invalid);
        }

        var now = clock.UtcNow;
        var mechanism = new Mechanism
        {
            InspectionId = inspectionId,
            Title = MechanismTitle.Normalise(input.Title!),
            CreatedAt = now,
            CreatedById = scope.UserId,
        };
        Apply(mechanism, input, now);
        mechanism.Findings.AddRange(input.FindingIds.Distinct().Select(f => new MechanismFinding { FindingId = f }));
        db.Mechanisms.Add(mechanism);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<int>.Success(mechanism.Id);
    }

    /// <summary>
    /// Saves the form. Links to findings the user cannot see are kept as they are: the form never showed them, so
    /// leaving them out of it is not a wish to remove them.
    /// </summary>
    public async Task<OperationResult> UpdateAsync(
        int id, MechanismInput input, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var mechanism = await db.Mechanisms.Include(m => m.IssuingUnit).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mechanism is null)
        {
            return OperationResult.NotFound;
        }

        var scope = ScopeClaims.ToScope(user);
        if (!MechanismPermissions.MayRegisterFor(scope, mechanism.IssuingUnit!.Path))
        {
            return OperationResult.Forbidden;
        }

        if (mechanism.Version != version)
        {
            return await conflicts.ConflictAsync<Mechanism>(id, cancellationToken);
        }

        if (await ValidateAsync(mechanism.InspectionId, input, scope, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        // Every link, the unseen ones included (hence IgnoreQueryFilters), to tell which of them the form could show.
        var links = await db.MechanismFindings.IgnoreQueryFilters().Where(l => l.MechanismId == id).ToListAsync(cancellationToken);
        var linkedIds = links.Select(l => l.FindingId).ToList();
        var visible = (await db.Findings.Where(f => linkedIds.Contains(f.Id)).Select(f => f.Id).ToListAsync(cancellationToken)).ToHashSet();
        var chosen = input.FindingIds.ToHashSet();
        db.MechanismFindings.RemoveRange(links.Where(l => visible.Contains(l.FindingId) && !chosen.Contains(l.FindingId)));
        db.MechanismFindings.AddRange(chosen.Where(f => !linkedIds.Contains(f)).Select(f => new MechanismFinding { MechanismId = id, FindingId = f }));

        mechanism.Title = MechanismTitle.Normalise(input.Title!);
        Apply(mechanism, input, clock.UtcNow);
        db.Entry(mechanism).Property(m => m.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await conflicts.ConflictAsync<Mechanism>(id, cancellationToken);
        }
    }

    /// <summary>The little the upload page shows, or why the user may not upload.</summary>
    public async Task<OperationResult<(int Id, string Title)>> GetUploadContextAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var mechanism = await db.Mechanisms.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { m.Id, m.Title, m.IssuingUnit!.Path })
            .FirstOrDefaultAsync(cancellationToken);
        if (mechanism is null)
        {
            return OperationResult<(int, string)>.From(OperationResult.NotFound);
        }

        return MechanismPermissions.MayRegisterFor(ScopeClaims.ToScope(user), mechanism.Path)
            ? OperationResult<(int, string)>.Success((mechanism.Id, mechanism.Title))
            : OperationResult<(int, string)>.From(OperationResult.Forbidden);
    }

    /// <summary>
    /// Records the received file as the mechanism's document (a new version when it has one), checked by content
    /// like evidence and stored in the same store; the record and the file appear together or not at all.
    /// </summary>
    public async Task<OperationResult> AddDocumentAsync(
        int id, IReadOnlyList<ReceivedFile> files, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AddCheckedDocumentAsync(id, files, user, cancellationToken);
        }
        finally
        {
            evidence.Discard(files);
        }
    }

    /// <summary>A document version's content after its hash check; NotFound when the user cannot see the mechanism.</summary>
    public async Task<EvidenceContent> OpenDocumentAsync(int documentId, CancellationToken cancellationToken = default)
    {
        var document = await db.MechanismDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        return document is null
            ? new EvidenceContent(EvidenceOpenStatus.NotFound)
            : await evidence.OpenStoredAsync(
                new StoredFile("Mechanism document", document.Id, document.Sha256, document.Length, document.FileName, document.FileType),
                cancellationToken);
    }

    private async Task<OperationResult> AddCheckedDocumentAsync(
        int id, IReadOnlyList<ReceivedFile> files, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var mechanism = await db.Mechanisms.Include(m => m.IssuingUnit).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (mechanism is null)
        {
            return OperationResult.NotFound;
        }

        if (!MechanismPermissions.MayRegisterFor(ScopeClaims.ToScope(user), mechanism.IssuingUnit!.Path))
        {
            return OperationResult.Forbidden;
        }

        if (files.Count == 0)
        {
            return OperationResult.Invalid("请选择要上传的文件。", "Files");
        }

        if (files.Count > 1)
        {
            return OperationResult.Invalid("新版本只能上传一个文件。", "Files");
        }

        var file = files[0];
        if (evidence.CheckFile(file) is { } invalid)
        {
            return invalid;
        }

        var actor = Actor.From(user);
        var now = clock.UtcNow;
        var number = await db.MechanismDocuments.Where(d => d.MechanismId == id).MaxAsync(d => (int?)d.Number, cancellationToken) ?? 0;
        db.MechanismDocuments.Add(new MechanismDocument
        {
            MechanismId = id,
            Number = number + 1,
            FileName = file.FileName,
            FileType = EvidenceFileTypes.FromFileName(file.FileName)!.Value,
            Length = file.Blob.Length,
            Sha256 = file.Blob.Sha256,
            UploadedAt = now,
            UploadedById = actor.UserId,
            UploadedByName = actor.Name,
        });
        mechanism.UpdatedAt = now;

        // As for evidence: rows written, file moved into place, then the commit; a failure before it leaves neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await store.CommitAsync(file.Blob, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok;
    }

    private async Task<OperationResult?> ValidateAsync(int inspectionId, MechanismInput input, UserScope scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.Title) || MechanismTitle.Normalise(input.Title).Length == 0)
        {
            return OperationResult.Invalid("请填写{0}", nameof(MechanismInput.Title), "文件名称");
        }

        var unitPath = await db.Units.Where(u => u.Id == input.IssuingUnitId && u.IsActive).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        if (unitPath is null || !MechanismPermissions.MayRegisterFor(scope, unitPath))
        {
            return OperationResult.Invalid("所选发文单位不存在、已停用或不在您的管理范围内。", nameof(MechanismInput.IssuingUnitId));
        }

        // Only findings of this inspection that the user can see (the filter) may be linked.
        var chosen = input.FindingIds.Distinct().ToList();
        var found = await db.Findings.CountAsync(f => chosen.Contains(f.Id) && f.InspectionId == inspectionId, cancellationToken);
        return found == chosen.Count
            ? null
            : OperationResult.Invalid("所选问题不属于这次巡察,或不在您的管理范围内。", nameof(MechanismInput.FindingIds));
    }

    private static void Apply(Mechanism mechanism, MechanismInput input, DateTime now)
    {
        mechanism.DocumentNumber = string.IsNullOrWhiteSpace(input.DocumentNumber) ? null : input.DocumentNumber.Trim();
        mechanism.IssuingUnitId = input.IssuingUnitId!.Value;
        mechanism.IssueDate = input.IssueDate!.Value;
        mechanism.Summary = input.Summary?.Trim() ?? string.Empty;
        mechanism.UpdatedAt = now;
    }
}
