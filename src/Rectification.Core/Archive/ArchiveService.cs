using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rectification.Core.Auditing;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Ledger;
using Rectification.Core.Reports;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Archive;

/// <summary>
/// An inspection's 整改档案 as one .zip written straight to the response: the ledger (.xlsx), the report (.docx), the
/// mechanism documents, a folder per finding with its evidence files and a summary, and manifest.csv listing every
/// file with its size and SHA-256. What it holds is what the user sees (<see cref="RectificationDbContext.FindingsInScope"/>
/// and the query filters): a unit's user gets their own findings. Files stream one at a time; only the ledger and the
/// report, which are small, pass through a temporary file, because their writers need to seek.
/// </summary>
public sealed partial class ArchiveService(
    RectificationDbContext db,
    IAuthorizationService authorization,
    LedgerExporter ledger,
    ReportService reports,
    IEvidenceStore store,
    BusinessClock clock,
    ILogger<ArchiveService> logger)
{
    private const string ManifestName = "manifest.csv";

    /// <summary>The inspection's archive for this user; NotFound when the inspection is missing or out of scope.</summary>
    public async Task<OperationResult<InspectionArchive>> PrepareAsync(int inspectionId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var title = await db.Inspections.AsNoTracking().Where(i => i.Id == inspectionId).Select(i => i.Title).FirstOrDefaultAsync(cancellationToken);
        if (title is null)
        {
            return OperationResult<InspectionArchive>.From(OperationResult.NotFound);
        }

        // The report is in the archive of those who read reports; a unit's archive holds its own findings only.
        var reportId = (await authorization.AuthorizeAsync(user, Policies.ReadReports)).Succeeded
            ? (await reports.ForInspectionAsync(inspectionId, cancellationToken))?.Id
            : null;
        var fileName = $"{NameText.ForFile(title, "inspection")}-整改档案-{ChineseDates.Format(clock.Today)}.zip";
        return OperationResult<InspectionArchive>.Success(new InspectionArchive(inspectionId, title, fileName, reportId));
    }

    /// <summary>Writes the archive to <paramref name="output"/>, recording the download before the first byte.</summary>
    public async Task WriteAsync(InspectionArchive archive, Stream output, CancellationToken cancellationToken = default)
    {
        var findingsQuery = db.FindingsInScope.AsNoTracking().Where(f => f.InspectionId == archive.InspectionId);
        var findings = await LoadFindingsAsync(findingsQuery, cancellationToken);
        db.Audit(AuditActions.Export, "Inspection", archive.InspectionId.ToString(CultureInfo.InvariantCulture),
            details: new { archive = "整改档案", findings = findings.Count, report = archive.ReportId is not null });
        await db.SaveChangesAsync(cancellationToken);

        var findingIds = findingsQuery.Select(f => f.Id);
        var manifest = new List<ManifestRow>();
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8, cancellationToken);

        manifest.Add(await AddBufferedAsync(zip, $"{LedgerColumns.DocumentName}.xlsx",
            file => ledger.WriteAsync(new FindingFilter { InspectionId = archive.InspectionId }, LedgerFormat.Xlsx, file, cancellationToken), cancellationToken));
        if (archive.ReportId is { } reportId && await reports.ComposeAsync(reportId, cancellationToken) is { } report)
        {
            manifest.Add(await AddBufferedAsync(zip, $"{NameText.ForFile(report.Title, "通报")}.docx", file =>
            {
                ReportDocxWriter.Write(report, file);
                return Task.CompletedTask;
            }, cancellationToken));
        }

        await AddMechanismsAsync(zip, archive.InspectionId, manifest, cancellationToken);
        await AddFindingsAsync(zip, findings, findingIds, manifest, cancellationToken);
        await AddManifestAsync(zip, manifest, cancellationToken);
    }

    /// <summary>The findings in ledger order, so folder 03 is row 3 of the ledger in the same archive.</summary>
    private static Task<List<ArchiveFinding>> LoadFindingsAsync(IQueryable<Finding> findings, CancellationToken cancellationToken) =>
        FindingQueries.Sort(findings, FindingSort.Ledger, descending: false)
            .Select(f => new ArchiveFinding(f.Id, f.Title, f.Category!.Name, f.CategoryOrdinal, f.Ordinal, f.Status, f.Kind, f.OwningUnit!.Name,
                f.ResponsibleDepartment!.Name, f.ResponsibleLeader!.DisplayName, f.ResponsiblePerson!.DisplayName, f.Deadline, f.OriginalDeadline,
                f.Description, f.RectificationSummary, f.ClosedOn))
            .ToListAsync(cancellationToken);

    private async Task AddMechanismsAsync(ZipArchive zip, int inspectionId, List<ManifestRow> manifest, CancellationToken cancellationToken)
    {
        // The mechanisms the user sees (the query filter), each with its newest document.
        var documents = await db.MechanismDocuments.AsNoTracking()
            .Where(d => d.Mechanism!.InspectionId == inspectionId && d.Number == d.Mechanism.Documents.Max(x => x.Number))
            .OrderBy(d => d.Mechanism!.IssueDate).ThenBy(d => d.MechanismId)
            .Select(d => new ArchiveDocument(d.Mechanism!.Title, d.Mechanism.DocumentNumber, d.FileName, d.Length, d.Sha256, d.UploadedByName, d.UploadedAt))
            .ToListAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < documents.Count; index++)
        {
            var document = documents[index];
            var name = $"{index + 1:D2}-{NameText.ForFile(document.MechanismTitle, "机制")}{Path.GetExtension(document.FileName)}";
            manifest.Add(await AddStoredAsync(zip, Unique(names, $"长效机制/{name}"), document.Sha256, document.Length,
                document.UploadedByName, document.UploadedAt, null, cancellationToken));
        }
    }

    private async Task AddFindingsAsync(
        ZipArchive zip, List<ArchiveFinding> findings, IQueryable<int> findingIds, List<ManifestRow> manifest, CancellationToken cancellationToken)
    {
        // Three reads for all findings, not three per finding; a thousand findings' texts are a few megabytes.
        var measures = (await db.Measures.AsNoTracking().Where(m => findingIds.Contains(m.FindingId))
            .OrderBy(m => m.FindingId).ThenBy(m => m.Ordinal)
            .Select(m => new ArchiveMeasure(m.FindingId, m.Ordinal, m.Description, m.Owner!.DisplayName, m.Deadline, m.DoneDate))
            .ToListAsync(cancellationToken)).ToLookup(m => m.FindingId);
        var events = (await db.FindingEvents.AsNoTracking().Where(e => findingIds.Contains(e.FindingId))
            .OrderBy(e => e.FindingId).ThenBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ArchiveEvent(e.FindingId, e.At, e.Kind, e.ActorName, e.Comment))
            .ToListAsync(cancellationToken)).ToLookup(e => e.FindingId);
        var evidence = (await db.EvidenceVersions.AsNoTracking()
            .Where(v => !v.EvidenceItem!.IsDeleted && findingIds.Contains(v.EvidenceItem.FindingId))
            .OrderBy(v => v.EvidenceItem!.FindingId).ThenBy(v => v.EvidenceItemId).ThenBy(v => v.Number)
            .Select(v => new ArchiveEvidence(v.EvidenceItem!.FindingId, v.EvidenceItemId, v.EvidenceItem.Description, v.EvidenceItem.Review,
                v.EvidenceItem.ReviewNote, v.Number, v.EvidenceItem.Versions.Count, v.FileName, v.Length, v.Sha256, v.UploadedByName, v.UploadedAt))
            .ToListAsync(cancellationToken)).ToLookup(v => v.FindingId);

        var width = Math.Max(2, findings.Count.ToString(CultureInfo.InvariantCulture).Length);
        var folders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < findings.Count; index++)
        {
            var finding = findings[index];
            var number = (index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            var folder = Unique(folders, $"问题/{number}-{NameText.ForFile(finding.Title, "问题", 40)}");
            var files = evidence[finding.Id].ToList();
            var summary = ArchiveSummary.Write(finding, measures[finding.Id], events[finding.Id], files, clock);
            manifest.Add(await AddTextAsync(zip, $"{folder}/问题概况.txt", summary, cancellationToken));

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var items = files.Select(f => f.ItemId).Distinct().Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i + 1);
            foreach (var file in files)
            {
                var version = file.VersionCount > 1 ? $"-第{file.Number}版" : string.Empty;
                var stem = NameText.ForFile(Path.GetFileNameWithoutExtension(file.FileName), "佐证材料", 60);
                var path = Unique(names, $"{folder}/佐证材料/{items[file.ItemId]:D2}{version}-{stem}{Path.GetExtension(file.FileName)}");
                manifest.Add(await AddStoredAsync(zip, path, file.Sha256, file.Length, file.UploadedByName, file.UploadedAt,
                    EnumNames.Of(file.Review) + (string.IsNullOrWhiteSpace(file.ReviewNote) ? string.Empty : ":" + file.ReviewNote), cancellationToken));
            }
        }
    }

    /// <summary>
    /// Copies a stored file into the archive, hashing what is copied. A file missing from the store, or whose bytes no
    /// longer hash to what was recorded at upload, is still listed, with the finding in the manifest's last column.
    /// </summary>
    private async Task<ManifestRow> AddStoredAsync(
        ZipArchive zip, string path, string sha256, long length, string uploadedBy, DateTime uploadedAt, string? review, CancellationToken cancellationToken)
    {
        await using var content = store.OpenRead(sha256);
        if (content is null)
        {
            LogMissing(logger, path, sha256);
            return new ManifestRow(path, 0, string.Empty, uploadedBy, uploadedAt, review, "文件缺失");
        }

        // Evidence is mostly photographs and PDFs, compressed already: stored as they are.
        var (written, actual) = await WriteEntryAsync(zip, path, CompressionLevel.NoCompression, content.CopyToAsync, cancellationToken);
        var intact = written == length && actual == sha256;
        if (!intact)
        {
            LogAltered(logger, path, sha256, actual);
        }

        return new ManifestRow(path, written, actual, uploadedBy, uploadedAt, review, intact ? "与登记一致" : "与登记不一致");
    }

    /// <summary>A generated document whose writer needs to seek: written to a temporary file, then copied in.</summary>
    private static async Task<ManifestRow> AddBufferedAsync(ZipArchive zip, string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await write(file);
        file.Position = 0;
        var (written, sha256) = await WriteEntryAsync(zip, path, CompressionLevel.Optimal, file.CopyToAsync, cancellationToken);
        return new ManifestRow(path, written, sha256);
    }

    private static async Task<ManifestRow> AddTextAsync(ZipArchive zip, string path, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var (written, sha256) = await WriteEntryAsync(zip, path, CompressionLevel.Optimal,
            (target, ct) => target.WriteAsync(bytes, ct).AsTask(), cancellationToken);
        return new ManifestRow(path, written, sha256);
    }

    private static async Task<(long Written, string Sha256)> WriteEntryAsync(
        ZipArchive zip, string path, CompressionLevel level, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(path, level);
        await using var target = await entry.OpenAsync(cancellationToken);
        await using var hashing = new HashingStream(target);
        await write(hashing, cancellationToken);
        return (hashing.Written, hashing.Sha256());
    }

    /// <summary>manifest.csv: UTF-8 with a byte-order mark so that Excel reads the Chinese; times are China Standard Time.</summary>
    private async Task AddManifestAsync(ZipArchive zip, List<ManifestRow> rows, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(ManifestName, CompressionLevel.Optimal);
        await using var target = await entry.OpenAsync(cancellationToken);
        await using var writer = new StreamWriter(target, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await LedgerCsv.WriteRecordAsync(writer, ["路径", "大小(字节)", "SHA-256", "上传人", "上传时间", "审核结果", "校验"]);
        foreach (var row in rows)
        {
            await LedgerCsv.WriteRecordAsync(writer,
            [
                row.Path,
                row.Size.ToString(CultureInfo.InvariantCulture),
                row.Sha256,
                LedgerCsv.Guard(row.UploadedBy ?? string.Empty),
                row.UploadedAt is { } at ? clock.ToLocalTime(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty,
                LedgerCsv.Guard(row.Review ?? string.Empty),
                row.Check ?? string.Empty,
            ]);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>A path not yet used in its folder: a second 照片.jpg becomes 照片(2).jpg.</summary>
    private static string Unique(HashSet<string> used, string path)
    {
        var candidate = path;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var extension = Path.GetExtension(path);
            candidate = string.Concat(path.AsSpan(0, path.Length - extension.Length), $"({n})", extension);
        }

        return candidate;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive entry {Path} left empty: content {Sha256} is missing from the store")]
    private static partial void LogMissing(ILogger logger, string path, string sha256);

    [LoggerMessage(Level = LogLevel.Error, Message = "Archive entry {Path}: stored content hashes to {Actual}, expected {Sha256}; the file was altered on disk")]
    private static partial void LogAltered(ILogger logger, string path, string sha256, string actual);
}
