using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rectification.Core.Auditing;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Evidence;

/// <summary>
/// 佐证材料: adding files (checked by content, stored with their record or not at all), serving them back only after
/// re-checking their hash, removing them softly, and the reviewer's verdict on each.
/// </summary>
public sealed partial class EvidenceService(
    RectificationDbContext db,
    IEvidenceStore store,
    IAuthorizationService authorization,
    BusinessClock clock,
    FindingEditor editor,
    ILogger<EvidenceService> logger)
{
    public async Task<OperationResult<EvidenceUploadContext>> GetUploadContextAsync(
        int findingId, int? replacesItemId, ClaimsPrincipal user, CancellationToken cancellationToken = default, int? followUpId = null)
    {
        var finding = await db.Findings.IgnoreQueryFilters().Include(f => f.Measures)
            .FirstOrDefaultAsync(f => f.Id == findingId, cancellationToken);
        if (finding is null || !db.CanSee(finding))
        {
            return OperationResult<EvidenceUploadContext>.From(OperationResult.NotFound);
        }

        if (await CheckCanHandleAsync(finding, user, followUpId, cancellationToken) is { } refused)
        {
            return OperationResult<EvidenceUploadContext>.From(refused);
        }

        string? replacing = null;
        if (replacesItemId is { } itemId)
        {
            replacing = await db.EvidenceItems.Where(e => e.Id == itemId && e.FindingId == findingId && !e.IsDeleted)
                .Select(e => e.Description).FirstOrDefaultAsync(cancellationToken);
            if (replacing is null)
            {
                return OperationResult<EvidenceUploadContext>.From(OperationResult.NotFound);
            }
        }

        var measures = finding.Measures.OrderBy(m => m.Ordinal).Select(m => (m.Id, m.Ordinal, m.Description)).ToList();
        return OperationResult<EvidenceUploadContext>.Success(new EvidenceUploadContext(finding.Id, finding.Title, measures, replacesItemId, replacing, followUpId));
    }

    /// <summary>
    /// Records the received files as evidence, all of them or none. Every file is checked (allowed extension,
    /// content that really is of that type, not empty); then the records are written and the files moved into
    /// place inside one transaction. Whatever happens, no received file is left in the temporary area.
    /// </summary>
    public async Task<OperationResult> AddAsync(
        int findingId, EvidenceUploadInput input, IReadOnlyList<ReceivedFile> files, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        try
        {
            return await AddCheckedAsync(findingId, input, files, user, cancellationToken);
        }
        finally
        {
            // Committed files have left the temporary area already; this drops the rest.
            Discard(files);
        }
    }

    /// <summary>
    /// Photos an on-site visit (现场查验) took of a finding, added as its evidence with the same checks as any upload:
    /// pictures only, marked as the visit's, and accepted as they are recorded, since the inspection office that
    /// reviews evidence took them itself. The caller has checked the visit and that the finding is one it covers.
    /// </summary>
    public async Task<OperationResult> AddVisitPhotosAsync(
        int findingId, int siteVisitId, DateOnly visitedOn, IReadOnlyList<ReceivedFile> files, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        try
        {
            var input = new EvidenceUploadInput { Description = $"现场查验照片({ChineseDates.Format(visitedOn)})", EvidenceDate = visitedOn };
            return await AddCheckedAsync(findingId, input, files, user, cancellationToken, siteVisitId);
        }
        finally
        {
            Discard(files);
        }
    }

    private async Task<OperationResult> AddCheckedAsync(
        int findingId, EvidenceUploadInput input, IReadOnlyList<ReceivedFile> files, ClaimsPrincipal user, CancellationToken cancellationToken,
        int? siteVisitId = null)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId, cancellationToken);
        if (finding is null)
        {
            return OperationResult.NotFound;
        }

        if (await CheckCanHandleAsync(finding, user, input.FollowUpId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (files.Count == 0)
        {
            return OperationResult.Invalid("请选择要上传的文件。", "Files");
        }

        foreach (var file in files)
        {
            if (CheckFile(file) is { } invalid)
            {
                return invalid;
            }

            if (siteVisitId is not null && EvidenceFileTypes.FromFileName(file.FileName) is not (EvidenceFileType.Jpeg or EvidenceFileType.Png))
            {
                return OperationResult.Invalid("现场查验照片只能是JPG或PNG图片,“{0}”不是。", "Files", file.FileName);
            }
        }

        EvidenceItem? replaced = null;
        if (input.ReplacesItemId is { } itemId)
        {
            replaced = await db.EvidenceItems.IgnoreQueryFilters().Include(e => e.Versions)
                .FirstOrDefaultAsync(e => e.Id == itemId && e.FindingId == findingId && !e.IsDeleted, cancellationToken);
            if (replaced is null)
            {
                return OperationResult.NotFound;
            }

            if (files.Count != 1)
            {
                return OperationResult.Invalid("新版本只能上传一个文件。", "Files");
            }
        }
        else
        {
            // Each file becomes an item of its own. Deleted items count too: they stay on the finding's page, which
            // the limit keeps readable. A new version of an item (the way to replace a file) adds no item.
            var items = await db.EvidenceItems.IgnoreQueryFilters().CountAsync(e => e.FindingId == findingId, cancellationToken);
            if (items + files.Count > Limits.EvidenceItemsPerFinding)
            {
                return OperationResult.Invalid(
                    "每个问题最多{0}份佐证材料(已删除的仍保留在记录中,也计算在内),现有{1}份,本次上传的{2}份将超出上限。需要更换文件的,请在原材料处“上传新版本”。",
                    "Files", Limits.EvidenceItemsPerFinding, items, files.Count);
            }
        }

        if (input.MeasureId is { } measureId && !await db.Measures.AnyAsync(m => m.Id == measureId && m.FindingId == findingId, cancellationToken))
        {
            return OperationResult.Invalid("所选整改措施不属于这个问题。", nameof(EvidenceUploadInput.MeasureId));
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        foreach (var file in files)
        {
            var version = new EvidenceVersion
            {
                FileName = file.FileName,
                FileType = EvidenceFileTypes.FromFileName(file.FileName)!.Value,
                Length = file.Blob.Length,
                Sha256 = file.Blob.Sha256,
                UploadedAt = now,
                UploadedById = actor.UserId,
                UploadedByName = actor.Name,
            };

            if (replaced is not null)
            {
                version.Number = replaced.Versions.Max(v => v.Number) + 1;
                replaced.Versions.Add(version);
                // A new file needs a new verdict.
                replaced.Review = EvidenceReview.Pending;
                replaced.ReviewNote = null;
                replaced.ReviewedAt = null;
                replaced.ReviewedById = null;
                AddEvent(finding, FindingEventKind.EvidenceVersionAdded, actor, now, replaced.Description, file.FileName, $"v{version.Number}");
                continue;
            }

            version.Number = 1;
            var item = new EvidenceItem
            {
                FindingId = finding.Id,
                MeasureId = input.MeasureId,
                FollowUpId = input.FollowUpId,
                Description = input.Description!.Trim(),
                EvidenceDate = input.EvidenceDate!.Value,
                CreatedAt = now,
                CreatedById = actor.UserId,
                SiteVisitId = siteVisitId,
            };
            if (siteVisitId is not null)
            {
                item.Review = EvidenceReview.Accepted;
                item.ReviewedAt = now;
                item.ReviewedById = actor.UserId;
            }

            item.Versions.Add(version);
            db.EvidenceItems.Add(item);
            AddEvent(finding, FindingEventKind.EvidenceAdded, actor, now, item.Description, file.FileName, null);
        }

        finding.UpdatedAt = now;

        // The records and the files appear together: the rows are written, the files moved into place, and only
        // then is the transaction committed. A failure before the commit leaves neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var file in files)
        {
            await store.CommitAsync(file.Blob, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogStored(logger, files.Count, finding.Id, actor.Name);
        return OperationResult.Ok;
    }

    /// <summary>Drops received files that will not be recorded (the form around them was invalid).</summary>
    public void Discard(IEnumerable<ReceivedFile> files)
    {
        foreach (var file in files)
        {
            store.Discard(file.Blob);
        }
    }

    public Task<EvidenceVersionDetails?> GetVersionAsync(int versionId, CancellationToken cancellationToken = default) =>
        db.EvidenceVersions.AsNoTracking()
            .Where(v => v.Id == versionId)
            .Select(v => new EvidenceVersionDetails(
                v.EvidenceItem!.FindingId,
                v.EvidenceItem.Finding!.Title,
                v.EvidenceItem.Description,
                new EvidenceVersionView(v.Id, v.Number, v.FileName, v.FileType, v.Length, v.UploadedAt, v.UploadedByName)))
            .FirstOrDefaultAsync(cancellationToken);

    public Task<EvidenceItemRef?> GetItemAsync(int itemId, CancellationToken cancellationToken = default) =>
        db.EvidenceItems.AsNoTracking()
            .Where(e => e.Id == itemId && !e.IsDeleted)
            .Select(e => new EvidenceItemRef(e.Id, e.FindingId, e.Description, null))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Opens a version's content for download after checking it against its hash. A file altered on disk is
    /// refused (and logged), never served.
    /// </summary>
    public async Task<EvidenceContent> OpenAsync(int versionId, bool preview = false, CancellationToken cancellationToken = default)
    {
        var version = await db.EvidenceVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null)
        {
            return new EvidenceContent(EvidenceOpenStatus.NotFound);
        }

        var content = await OpenStoredAsync(new StoredFile("Evidence version", version.Id, version.Sha256, version.Length, version.FileName, version.FileType), cancellationToken);

        // Every download and preview is on the audit trail, and so is every refusal of an altered file.
        var action = content.Status == EvidenceOpenStatus.Tampered ? AuditActions.EvidenceTampered
            : preview ? AuditActions.EvidencePreview : AuditActions.EvidenceDownload;
        db.Audit(action, nameof(EvidenceVersion), versionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            content.Status == EvidenceOpenStatus.Ok ? AuditOutcome.Success : AuditOutcome.Failure, new { version.FileName, version.Sha256 });
        await db.SaveChangesAsync(cancellationToken);
        return content;
    }

    /// <summary>
    /// Opens a stored file of any record (an evidence version, a mechanism's document) after checking its content
    /// against the length and hash recorded with it. Missing or altered content is refused and logged.
    /// </summary>
    public async Task<EvidenceContent> OpenStoredAsync(StoredFile file, CancellationToken cancellationToken = default)
    {
        var content = store.OpenRead(file.Sha256);
        if (content is null)
        {
            LogMissing(logger, file.Record, file.RecordId, file.Sha256);
            return new EvidenceContent(EvidenceOpenStatus.Tampered);
        }

        var actual = await SHA256.HashDataAsync(content, cancellationToken);
        if (content.Length != file.Length || !string.Equals(Convert.ToHexStringLower(actual), file.Sha256, StringComparison.Ordinal))
        {
            await content.DisposeAsync();
            LogTampered(logger, file.Record, file.RecordId, file.Sha256, Convert.ToHexStringLower(actual));
            return new EvidenceContent(EvidenceOpenStatus.Tampered);
        }

        content.Position = 0;
        return new EvidenceContent(EvidenceOpenStatus.Ok, content, file.FileName, file.FileType);
    }

    /// <summary>Marks an item deleted, with a reason; its files stay in the store and in its history.</summary>
    public async Task<OperationResult> DeleteAsync(int itemId, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var item = await db.EvidenceItems.IgnoreQueryFilters().Include(e => e.Finding)
            .Include(e => e.Versions)
            .FirstOrDefaultAsync(e => e.Id == itemId, cancellationToken);
        if (item is null || item.IsDeleted || !db.CanSee(item.Finding!))
        {
            return OperationResult.NotFound;
        }

        if (await CheckCanHandleAsync(item.Finding!, user, item.FollowUpId, cancellationToken) is { } refused)
        {
            return refused;
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return OperationResult.Invalid("请填写{0}", "reason", "删除原因");
        }

        if (reason.Length > Limits.EvidenceNote)
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "reason", "删除原因", Limits.EvidenceNote);
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        item.IsDeleted = true;
        item.DeletedAt = now;
        item.DeletedById = actor.UserId;
        item.DeleteReason = reason;
        item.Finding!.UpdatedAt = now;
        AddEvent(item.Finding, FindingEventKind.EvidenceDeleted, actor, now, reason, item.Versions.OrderBy(v => v.Number).Last().FileName, null);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok;
    }

    /// <summary>The reviewer's verdict on one item (通过 / 不通过) with a note the unit will read.</summary>
    public async Task<OperationResult> ReviewAsync(
        int itemId, bool accept, string? note, int findingVersion, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var item = await db.EvidenceItems.IgnoreQueryFilters().Include(e => e.Finding)
            .Include(e => e.Versions)
            .FirstOrDefaultAsync(e => e.Id == itemId, cancellationToken);
        if (item is null || item.IsDeleted || !db.CanSee(item.Finding!))
        {
            return OperationResult.NotFound;
        }

        var finding = item.Finding!;
        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.ReviewEvidence)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        if (finding.Status != FindingStatus.Submitted)
        {
            return OperationResult.Invalid("只有待审核的问题才能审核佐证材料。");
        }

        // A verdict the item has already changes nothing, whatever version the page had: approving twice (a double
        // click, a page sent again) records one approval. Rejecting again with a new reason is a new verdict.
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (item.Review == (accept ? EvidenceReview.Accepted : EvidenceReview.Rejected) && (accept || note == item.ReviewNote))
        {
            return OperationResult.Ok;
        }

        if (finding.Version != findingVersion)
        {
            return await editor.ConflictAsync(finding.Id, cancellationToken);
        }

        if (!accept && note is null)
        {
            return OperationResult.Invalid("请填写{0}", "note", "不通过的理由");
        }

        if (note is { Length: > Limits.EvidenceNote })
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", "note", "审核意见", Limits.EvidenceNote);
        }

        var now = clock.UtcNow;
        var actor = Actor.From(user);
        item.Review = accept ? EvidenceReview.Accepted : EvidenceReview.Rejected;
        item.ReviewNote = note;
        item.ReviewedAt = now;
        item.ReviewedById = actor.UserId;
        finding.UpdatedAt = now;
        AddEvent(finding, accept ? FindingEventKind.EvidenceAccepted : FindingEventKind.EvidenceRejected, actor, now, note,
            item.Versions.OrderBy(v => v.Number).Last().FileName, null);
        return await editor.SaveAsync(finding, findingVersion, cancellationToken);
    }

    /// <summary>The name an uploaded file is kept under for display (<see cref="NameText.FileName"/>), or null when it has none.</summary>
    public static string? CleanFileName(string? raw) => NameText.FileName(raw);

    /// <summary>
    /// Evidence changes while the finding is worked on (<see cref="FindingPermissions.AcceptsEvidence"/>); after
    /// close-off, only the unit's evidence for a 回头看 of the finding still waiting for its answer.
    /// </summary>
    private async Task<OperationResult?> CheckCanHandleAsync(Finding finding, ClaimsPrincipal user, int? followUpId, CancellationToken cancellationToken)
    {
        if (followUpId is { } id)
        {
            if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.AnswerFollowUp)).Succeeded)
            {
                return OperationResult.Forbidden;
            }

            var waiting = await db.FollowUps.AnyAsync(
                f => f.Id == id && f.FindingId == finding.Id && f.Status == FollowUpStatus.Due && f.Finding!.Status == FindingStatus.Closed, cancellationToken);
            return waiting ? null : OperationResult.Invalid("这次回头看已反馈或已结束,不能再上传材料。");
        }

        if (!(await authorization.AuthorizeAsync(user, finding, FindingOperations.HandleEvidence)).Succeeded)
        {
            return OperationResult.Forbidden;
        }

        return FindingPermissions.AcceptsEvidence(ScopeClaims.ToScope(user), finding.Status)
            ? null
            : OperationResult.Invalid("问题当前状态为“{0}”,不能更改佐证材料。", null, EnumNames.Of(finding.Status));
    }

    /// <summary>Allowed by extension, really of that type by content, and not empty; else why not, naming the file.</summary>
    public OperationResult? CheckFile(ReceivedFile file)
    {
        var claimed = EvidenceFileTypes.FromFileName(file.FileName);
        if (claimed is null)
        {
            return OperationResult.Invalid("文件“{0}”的类型不在允许范围内。允许的类型:PDF、OFD、Word、Excel、PowerPoint、WPS、JPG、PNG、ZIP。", "Files", file.FileName);
        }

        if (file.Blob.Length == 0)
        {
            return OperationResult.Invalid("文件“{0}”是空文件。", "Files", file.FileName);
        }

        EvidenceFileType? detected;
        using (var content = store.OpenPending(file.Blob))
        {
            detected = EvidenceFileTypes.Detect(content);
        }

        return detected is { } actual && EvidenceFileTypes.Agree(claimed.Value, actual)
            ? null
            : OperationResult.Invalid("文件“{0}”的内容与扩展名不符,可能是伪装的文件,已拒绝上传。", "Files", file.FileName);
    }

    private static void AddEvent(Finding finding, FindingEventKind kind, Actor actor, DateTime at, string? comment, string fileName, string? version)
    {
        var changes = new List<FieldChange> { new("文件", null, version is null ? fileName : $"{fileName}({version})") };
        finding.Events.Add(new FindingEvent
        {
            Kind = kind,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = at,
            Comment = comment,
            Changes = changes,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} evidence file(s) on finding {FindingId} for {Actor}")]
    private static partial void LogStored(ILogger logger, int count, int findingId, string actor);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Record} {RecordId} refused: its content {Sha256} is missing from the store")]
    private static partial void LogMissing(ILogger logger, string record, int recordId, string sha256);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Record} {RecordId} refused: stored content hashes to {Actual}, expected {Sha256}; the file was altered on disk")]
    private static partial void LogTampered(ILogger logger, string record, int recordId, string sha256, string actual);
}
