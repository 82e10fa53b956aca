using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Ledger;

/// <summary>
/// Imports findings into an inspection from a ledger file: upload (read and check every row, keep the rows as a
/// batch), preview (what will be created), confirm (check again, then create every finding in one transaction, or
/// none). Only the inspection office of the inspected unit's scope may import.
/// </summary>
public sealed class LedgerImporter(RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock)
{
    /// <summary>How long an uploaded batch waits for its confirmation.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    // The rows are stored, not shown in HTML: Chinese text is kept as it is instead of \u escapes.
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The inspection, if the user may import into it: 404 when out of scope, 403 without the role.</summary>
    public async Task<OperationResult<LedgerImportTarget>> GetTargetAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.InspectedUnit)
            .FirstOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        if (inspection is null)
        {
            return OperationResult<LedgerImportTarget>.From(OperationResult.NotFound);
        }

        if (!(await authorization.AuthorizeAsync(user, inspection, InspectionOperations.AddFinding)).Succeeded)
        {
            return OperationResult<LedgerImportTarget>.From(OperationResult.Forbidden);
        }

        var categories = await db.FindingCategories.AsNoTracking()
            .Where(c => c.InspectionId == inspectionId)
            .OrderBy(c => c.Ordinal)
            .Select(c => c.Name)
            .ToListAsync(cancellationToken);
        return OperationResult<LedgerImportTarget>.Success(new LedgerImportTarget(
            inspection.Id, inspection.Title, inspection.FeedbackDate, inspection.RectificationDueDate, inspection.InspectedUnit!.Name, categories));
    }

    /// <summary>
    /// Reads and checks an uploaded file. A file that cannot be read gives one error without a row; otherwise every
    /// row's errors are listed. Without errors the rows are kept as a batch for <see cref="ConfirmAsync"/>.
    /// </summary>
    public async Task<OperationResult<LedgerPreview>> UploadAsync(
        int inspectionId, string fileName, Stream content, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var target = await GetTargetAsync(inspectionId, user, cancellationToken);
        if (!target.Succeeded)
        {
            return OperationResult<LedgerPreview>.From(target);
        }

        fileName = DisplayName(fileName);
        var (file, fileError) = LedgerFileReader.Read(content, fileName, target.Value);
        if (fileError is not null)
        {
            var refused = new LedgerPreview(target.Value!, fileName, [], [new LedgerError(null, null, fileError.Message, fileError.Args)], []);
            return new OperationResult<LedgerPreview>(OperationStatus.Invalid, refused);
        }

        var preview = await CheckAsync(target.Value!, fileName, file!.Rows, file.SkippedExampleRows, user, cancellationToken);
        if (preview.Errors.Count > 0 && !file.Correctable)
        {
            return new OperationResult<LedgerPreview>(OperationStatus.Invalid, preview);
        }

        var now = clock.UtcNow;
        // Housekeeping: batches nobody confirmed in time, whoever uploaded them.
        var expired = now - Lifetime;
        await db.LedgerImports.IgnoreQueryFilters().Where(b => b.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);

        var batch = new LedgerImport
        {
            Id = Guid.NewGuid(),
            InspectionId = inspectionId,
            UserId = ScopeClaims.ToScope(user).UserId!,
            FileName = fileName,
            Rows = JsonSerializer.Serialize(file.Rows, s_json),
            RowCount = file.Rows.Count,
            CreatedAt = now,
        };
        db.LedgerImports.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<LedgerPreview>.Success(preview with { BatchId = batch.Id });
    }

    /// <summary>The batch checked again against the data as it is now: what confirming it would create.</summary>
    public async Task<OperationResult<LedgerPreview>> GetPreviewAsync(Guid batchId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(batchId, user, cancellationToken);
        if (!loaded.Succeeded)
        {
            return OperationResult<LedgerPreview>.From(loaded);
        }

        var (batch, target, rows) = loaded.Value!;
        if (batch.ImportedAt is not null)
        {
            return OperationResult<LedgerPreview>.Success(new LedgerPreview(target, batch.FileName, [], [], []) { BatchId = batch.Id, Imported = true });
        }

        var preview = await CheckAsync(target, batch.FileName, rows, [], user, cancellationToken) with { BatchId = batch.Id };
        return new OperationResult<LedgerPreview>(preview.Errors.Count == 0 ? OperationStatus.Ok : OperationStatus.Invalid, preview);
    }

    /// <summary>
    /// Creates every finding of the batch as a draft, in one transaction: all rows or none. The rows are checked
    /// again first (a unit may have been closed or the same rows imported since the preview). A batch is imported
    /// once; a second confirmation finds it taken and creates nothing.
    /// </summary>
    public async Task<OperationResult<LedgerPreview>> ConfirmAsync(Guid batchId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(batchId, user, cancellationToken);
        if (!loaded.Succeeded)
        {
            return OperationResult<LedgerPreview>.From(loaded);
        }

        var (batch, target, rows) = loaded.Value!;
        var imported = new LedgerPreview(target, batch.FileName, [], [], []) { BatchId = batch.Id, Imported = true };
        if (batch.ImportedAt is not null)
        {
            return OperationResult<LedgerPreview>.Success(imported);
        }

        var (resolved, errors) = await new LedgerRowResolver(db).ResolveAsync(target, rows, ScopeClaims.ToScope(user), cancellationToken);
        if (errors.Count > 0)
        {
            return new OperationResult<LedgerPreview>(OperationStatus.Invalid, new LedgerPreview(target, batch.FileName, resolved.Select(r => r.Preview).ToList(), errors, []) { BatchId = batch.Id });
        }

        var now = clock.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Taking the batch is the transaction's first write: a concurrent confirmation waits for it, then finds
        // ImportedAt set and changes nothing. (The batch was loaded through the scope filter already.)
        var taken = await db.LedgerImports.IgnoreQueryFilters()
            .Where(b => b.Id == batch.Id && b.ImportedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ImportedAt, now).SetProperty(b => b.ImportedCount, resolved.Count), cancellationToken);
        if (taken == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return OperationResult<LedgerPreview>.Success(imported);
        }

        // Ordinals continue after every finding of each category, drafts and other units' included, so that
        // 一是、二是… stay consecutive.
        var lastOrdinals = await db.Findings.IgnoreQueryFilters()
            .Where(f => f.InspectionId == target.InspectionId)
            .GroupBy(f => f.CategoryId)
            .Select(g => new { CategoryId = g.Key, Last = g.Max(f => f.Ordinal) })
            .ToDictionaryAsync(g => g.CategoryId, g => g.Last, cancellationToken);
        var actor = Actor.From(user);
        // Everything tracked from here on is new, so there are no changes to detect: with thousands of rows, detecting
        // them anyway (on every Add and again on saving) took twice as long as the inserts themselves.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var row in resolved)
            {
                var ordinal = lastOrdinals.GetValueOrDefault(row.CategoryId) + 1;
                lastOrdinals[row.CategoryId] = ordinal;
                db.Findings.Add(CreateFinding(target, batch.FileName, row, ordinal, actor, now));
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        await transaction.CommitAsync(cancellationToken);
        return OperationResult<LedgerPreview>.Success(imported);
    }

    /// <summary>One row of an unconfirmed batch, as the preview's correction form shows it.</summary>
    public async Task<OperationResult<LedgerRowCorrection>> GetRowAsync(Guid batchId, int rowNumber, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(batchId, user, cancellationToken);
        if (loaded.Value is not { Batch.ImportedAt: null } value || value.Rows.FirstOrDefault(r => r.RowNumber == rowNumber) is not { } row)
        {
            return OperationResult<LedgerRowCorrection>.From(loaded.Succeeded ? OperationResult.NotFound : loaded);
        }

        var (title, description) = LedgerCells.SplitDescription(row.Cell(LedgerColumns.Description));
        var input = new LedgerRowInput
        {
            RowNumber = row.RowNumber,
            Category = row.Cell(LedgerColumns.Category),
            Title = title,
            Description = description,
            OwningUnit = row.Cell(LedgerColumns.OwningUnit),
            Leader = row.Cell(LedgerColumns.Leader),
            Department = row.Cell(LedgerColumns.Department),
            Person = row.Cell(LedgerColumns.Person),
            Deadline = row.Cell(LedgerColumns.Deadline),
        };
        return OperationResult<LedgerRowCorrection>.Success(new LedgerRowCorrection(value.Target, batchId, value.Batch.FileName, input, []));
    }

    /// <summary>
    /// Corrects one row of an unconfirmed batch. The row is checked as the confirmation will check it; with any
    /// error nothing is saved and the errors come back. The confirmation checks every row again.
    /// </summary>
    public async Task<OperationResult<LedgerRowCorrection>> CorrectRowAsync(Guid batchId, LedgerRowInput input, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(batchId, user, cancellationToken);
        if (loaded.Value is not { Batch.ImportedAt: null } value || value.Rows.FirstOrDefault(r => r.RowNumber == input.RowNumber) is not { } row)
        {
            return OperationResult<LedgerRowCorrection>.From(loaded.Succeeded ? OperationResult.NotFound : loaded);
        }

        var corrected = input.ApplyTo(row);
        var errors = new List<LedgerError>();
        if (input.CleanTitle.Length == 0)
        {
            errors.Add(new LedgerError(row.RowNumber, LedgerColumns.Description.Header, "请填写问题标题"));
        }
        else if (input.CleanTitle.Length > Limits.FindingTitle)
        {
            errors.Add(new LedgerError(row.RowNumber, LedgerColumns.Description.Header, "问题标题不能超过{0}个字", Limits.FindingTitle));
        }

        var (_, rowErrors) = await new LedgerRowResolver(db).ResolveAsync(value.Target, [corrected], ScopeClaims.ToScope(user), cancellationToken);
        errors.AddRange(rowErrors);
        if (errors.Count > 0)
        {
            return new OperationResult<LedgerRowCorrection>(OperationStatus.Invalid, new LedgerRowCorrection(value.Target, batchId, value.Batch.FileName, input, errors));
        }

        var rows = value.Rows.Select(r => r.RowNumber == row.RowNumber ? corrected : r).ToList();
        var json = JsonSerializer.Serialize(rows, s_json);
        var saved = await db.LedgerImports.IgnoreQueryFilters()
            .Where(b => b.Id == batchId && b.ImportedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Rows, json), cancellationToken);
        return saved == 0
            ? OperationResult<LedgerRowCorrection>.From(OperationResult.NotFound)
            : OperationResult<LedgerRowCorrection>.Success(new LedgerRowCorrection(value.Target, batchId, value.Batch.FileName, input, []));
    }

    /// <summary>What a confirmed batch created, for the result page.</summary>
    public async Task<LedgerImportResult?> GetResultAsync(Guid batchId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var loaded = await LoadAsync(batchId, user, cancellationToken);
        return loaded.Value is { Batch.ImportedAt: { } importedAt } value
            ? new LedgerImportResult(value.Batch.Id, value.Target, value.Batch.FileName, value.Batch.ImportedCount, importedAt)
            : null;
    }

    /// <summary>The client's file name, kept for display: cleaned (<see cref="NameText"/>), and short enough to store.</summary>
    private static string DisplayName(string fileName)
    {
        var clean = NameText.Clean(fileName);
        const int MaxLength = 100;
        if (clean.Length <= MaxLength)
        {
            return clean;
        }

        var extension = Path.GetExtension(clean);
        extension = extension.Length <= 10 ? extension : string.Empty;
        return string.Concat(clean.AsSpan(0, MaxLength - extension.Length - 1), "…", extension);
    }

    private static Finding CreateFinding(LedgerImportTarget target, string fileName, ResolvedRow row, int ordinal, Actor actor, DateTime now)
    {
        var p = row.Preview;
        var finding = new Finding
        {
            InspectionId = target.InspectionId,
            CategoryId = row.CategoryId,
            Ordinal = ordinal,
            Title = p.Title,
            Description = p.Description,
            OwningUnitId = row.OwningUnitId,
            ResponsibleLeaderId = row.LeaderId,
            ResponsibleDepartmentId = row.DepartmentId,
            ResponsiblePersonId = row.PersonId,
            Deadline = p.Deadline,
            Kind = p.Kind,
            Status = FindingStatus.Draft,
            RectificationSummary = p.Summary,
            CreatedAt = now,
            UpdatedAt = now,
        };
        finding.Measures.AddRange(p.Measures.Select((m, i) => new Measure { Description = m, Ordinal = i + 1 }));
        finding.Events.Add(new FindingEvent
        {
            Kind = FindingEventKind.Created,
            ToStatus = FindingStatus.Draft,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            At = now,
            Comment = CreatedComment(fileName, p.RowNumber),
        });
        return finding;
    }

    /// <summary>How a finding's history names the file and row it was imported from.</summary>
    public static string CreatedComment(string fileName, int rowNumber) =>
        string.Format(CultureInfo.InvariantCulture, "从台账导入:文件“{0}”第{1}行。", fileName, rowNumber);

    private async Task<LedgerPreview> CheckAsync(
        LedgerImportTarget target, string fileName, IReadOnlyList<LedgerSourceRow> rows, IReadOnlyList<int> skipped, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (resolved, errors) = await new LedgerRowResolver(db).ResolveAsync(target, rows, ScopeClaims.ToScope(user), cancellationToken);
        return new LedgerPreview(target, fileName, resolved.Select(r => r.Preview).ToList(), errors, skipped);
    }

    private sealed record LoadedBatch(LedgerImport Batch, LedgerImportTarget Target, IReadOnlyList<LedgerSourceRow> Rows);

    /// <summary>The user's own unexpired batch, through the scope filter, with the import rights checked again.</summary>
    private async Task<OperationResult<LoadedBatch>> LoadAsync(Guid batchId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = ScopeClaims.ToScope(user).UserId;
        var expired = clock.UtcNow - Lifetime;
        var batch = await db.LedgerImports.AsNoTracking()
            .FirstOrDefaultAsync(b => b.Id == batchId && b.UserId == userId && (b.CreatedAt >= expired || b.ImportedAt != null), cancellationToken);
        if (batch is null)
        {
            return OperationResult<LoadedBatch>.From(OperationResult.NotFound);
        }

        var target = await GetTargetAsync(batch.InspectionId, user, cancellationToken);
        if (!target.Succeeded)
        {
            return OperationResult<LoadedBatch>.From(target);
        }

        var rows = JsonSerializer.Deserialize<List<LedgerSourceRow>>(batch.Rows, s_json) ?? [];
        return OperationResult<LoadedBatch>.Success(new LoadedBatch(batch, target.Value!, rows));
    }
}
