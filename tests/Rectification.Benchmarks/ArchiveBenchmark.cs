using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;

namespace Rectification.Benchmarks;

/// <summary>
/// The 整改档案 at scale: an inspection of 1,000 findings, each with one evidence file of 1 MB of random bytes (1 GB in
/// all, none alike, so the content-addressed store keeps each), downloaded as one .zip. Reports the time, the archive's
/// size and how far the app's resident memory rose: streaming keeps the rise flat whatever the evidence weighs.
/// The findings and files are written straight into the app's database and evidence store while it runs.
/// </summary>
public static class ArchiveBenchmark
{
    public sealed record Result(int Findings, long EvidenceBytes, long ArchiveBytes, TimeSpan Elapsed, long MemoryGrowthBytes);

    public static async Task<Result> RunAsync(AppProcess app, string connectionString, string evidenceRoot, int findings, int fileMegabytes)
    {
        var seeding = Stopwatch.StartNew();
        var (inspectionId, evidenceBytes) = await SeedAsync(connectionString, evidenceRoot, findings, fileMegabytes * 1024 * 1024);
        Console.Error.WriteLine($"  seeded {findings} findings and {evidenceBytes / 1024 / 1024} MB of evidence in {seeding.Elapsed.TotalSeconds:0.0} s");

        using var session = await Session.LoginAsync(app.BaseAddress, "inspector", "Rectify#2023");
        // Warm-up: the demo inspection's archive, so the number is of steady state.
        var demo = await FirstInspectionAsync(connectionString);
        await DownloadAsync(session, $"Archive/Download/{demo}");

        long size = 0;
        var run = await EvidenceBenchmark.MeasureAsync(app, async () => size = await DownloadAsync(session, $"Archive/Download/{inspectionId}"));
        if (size < evidenceBytes)
        {
            throw new InvalidOperationException($"The archive holds {size} bytes, less than the {evidenceBytes} bytes of evidence.");
        }

        return new Result(findings, evidenceBytes, size, run.Elapsed, run.Growth);
    }

    public static string ToMarkdown(Result r) =>
        "| findings | evidence | archive | time | throughput | app memory growth |\n| --- | --- | --- | --- | --- | --- |\n" +
        string.Create(CultureInfo.InvariantCulture,
            $"| {r.Findings:N0} | {r.EvidenceBytes / (1024.0 * 1024):N0} MB | {r.ArchiveBytes / (1024.0 * 1024):N0} MB | {r.Elapsed.TotalSeconds:0.0} s | {r.ArchiveBytes / (1024.0 * 1024) / r.Elapsed.TotalSeconds:0} MB/s | {r.MemoryGrowthBytes / (1024.0 * 1024):0.0} MB |\n");

    /// <summary>The body read as it arrives and thrown away: only its length counts here.</summary>
    private static async Task<long> DownloadAsync(Session session, string url)
    {
        using var response = await session.Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1024 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    private static async Task<(int InspectionId, long EvidenceBytes)> SeedAsync(string connectionString, string evidenceRoot, int count, int fileBytes)
    {
        await using var db = Open(connectionString);
        var bureau = await db.Units.SingleAsync(u => u.Code == "JX-JTJ");
        var units = await db.Units.Where(u => u.Path.StartsWith(bureau.Path) && u.IsActive).Select(u => u.Id).ToListAsync();
        var uploader = await db.Users.Where(u => u.UserName == "staff.a").Select(u => new { u.Id, u.DisplayName }).SingleAsync();
        var inspection = new Inspection
        {
            Title = "基准测试:整改档案",
            TeamName = "县委第三巡察组",
            InspectedUnitId = bureau.Id,
            InspectionStart = new DateOnly(2026, 3, 1),
            InspectionEnd = new DateOnly(2026, 4, 30),
            FeedbackDate = new DateOnly(2026, 6, 1),
            RectificationDueDate = new DateOnly(2026, 9, 1),
            Status = InspectionStatus.Rectifying,
        };
        inspection.Categories.AddRange(StandardCategories.Create());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var random = new Random(2026);
        var buffer = new byte[fileBytes];
        var now = DateTime.UtcNow;
        long total = 0;
        for (var n = 0; n < count; n++)
        {
            random.NextBytes(buffer);
            "%PDF-1.7\n"u8.CopyTo(buffer);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer));
            var folder = Path.Combine(evidenceRoot, "blobs", sha256[..2], sha256[2..4]);
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, sha256), buffer);
            total += buffer.Length;

            var finding = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = inspection.Categories[n % 4].Id,
                Ordinal = (n / 4) + 1,
                Title = $"基准测试问题{n + 1}:部分单位落实整改要求不到位",
                Description = "经查,部分单位对巡察反馈问题认识不足,整改措施针对性不强。",
                OwningUnitId = units[n % units.Count],
                Deadline = new DateOnly(2026, 12, 31),
                Status = FindingStatus.InProgress,
                RectificationSummary = "印发了专项整治方案,召开专题会议研究部署。",
                CreatedAt = now,
                UpdatedAt = now,
            };
            finding.Measures.Add(new Measure { Ordinal = 1, Description = "制定工作方案,明确责任分工。" });
            var item = new EvidenceItem { Description = "整改情况报告", EvidenceDate = new DateOnly(2026, 11, 30), CreatedAt = now, CreatedById = uploader.Id };
            item.Versions.Add(new EvidenceVersion
            {
                Number = 1,
                FileName = $"整改情况报告{n + 1}.pdf",
                FileType = EvidenceFileType.Pdf,
                Length = buffer.Length,
                Sha256 = sha256,
                UploadedAt = now,
                UploadedById = uploader.Id,
                UploadedByName = uploader.DisplayName,
            });
            finding.Evidence.Add(item);
            db.Findings.Add(finding);
            if (n % 100 == 99)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        return (inspection.Id, total);
    }

    private static async Task<int> FirstInspectionAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        return await db.Inspections.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
    }

    private static RectificationDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<RectificationDbContext>().UseSqlite(connectionString).Options, new FixedScope(UserScope.System));
}
