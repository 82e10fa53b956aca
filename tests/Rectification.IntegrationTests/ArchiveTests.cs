using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// 整改档案: the inspection as one .zip — ledger, report, mechanism documents, a folder per finding with its evidence
/// and summary — and a manifest whose sizes and SHA-256 match both the bytes in the archive and the hashes stored at upload.
/// </summary>
public sealed class ArchiveTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_offices_archive_holds_everything_and_its_manifest_matches_the_bytes_and_the_stored_hashes()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();

        var response = await inspector.GetAsync($"/Archive/Download/{inspectionId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("整改档案", response.Content.Headers.ContentDisposition!.FileNameStar);
        var archive = await ReadAsync(response);
        Assert.Contains($"{LedgerColumns.DocumentName}.xlsx", archive.Keys);
        Assert.Single(archive.Keys, k => k.EndsWith(".docx", StringComparison.Ordinal) && !k.Contains('/'));
        Assert.Contains(archive.Keys, k => k.StartsWith("长效机制/", StringComparison.Ordinal));
        var findingCount = await app.WithDatabaseAsync(db => db.Findings.CountAsync(f => f.InspectionId == inspectionId));
        Assert.Equal(findingCount, Summaries(archive).Count);
        Assert.StartsWith("问题/01-", Summaries(archive).Order(StringComparer.Ordinal).First(), StringComparison.Ordinal);

        var manifest = Manifest(archive);
        Assert.Equal(archive.Keys.Where(k => k != "manifest.csv").Order(StringComparer.Ordinal), manifest.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in archive.Where(e => e.Key != "manifest.csv"))
        {
            Assert.Equal(bytes.LongLength.ToString(System.Globalization.CultureInfo.InvariantCulture), manifest[path][1]);
            Assert.Equal(Sha256(bytes), manifest[path][2]);
        }

        // Every stored file of the inspection is there once, with the hash recorded when it was uploaded.
        var stored = await app.WithDatabaseAsync(db => db.EvidenceVersions.IgnoreQueryFilters()
            .Where(v => v.EvidenceItem!.Finding!.InspectionId == inspectionId && !v.EvidenceItem.IsDeleted)
            .Select(v => v.Sha256).ToListAsync());
        var evidence = EvidenceEntries(archive);
        Assert.NotEmpty(stored);
        Assert.Equal(stored.Order(StringComparer.Ordinal), evidence.Select(e => Sha256(e.Value)).Order(StringComparer.Ordinal));
        Assert.All(evidence, e => Assert.Equal("与登记一致", manifest[e.Key][6]));
        Assert.Contains(evidence, e => manifest[e.Key][5].StartsWith("审核通过", StringComparison.Ordinal) && manifest[e.Key][3].Length > 0);
        var documents = await app.WithDatabaseAsync(db => db.MechanismDocuments.IgnoreQueryFilters()
            .Where(d => d.Mechanism!.InspectionId == inspectionId).Select(d => d.Sha256).ToListAsync());
        Assert.All(archive.Where(e => e.Key.StartsWith("长效机制/", StringComparison.Ordinal)), e => Assert.Contains(Sha256(e.Value), documents));

        Assert.True(await app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.Export && e.EntityType == nameof(Inspection) && e.EntityId == inspectionId.ToString() && e.UserName.StartsWith("inspector"))));
    }

    [Fact]
    public async Task A_units_archive_holds_only_its_own_findings_and_no_report()
    {
        using var headA = await app.LoginAsync("head.a");
        var inspectionId = await app.InspectionIdAsync();
        var unitAPath = await app.WithDatabaseAsync(db => db.Units.Where(u => u.Code == DemoData.UnitA).Select(u => u.Path).SingleAsync());
        var own = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.InspectionId == inspectionId && f.Status != FindingStatus.Draft
            && f.OwningUnit!.Path.StartsWith(unitAPath)).Select(f => f.Id).ToListAsync());
        var foreignTitles = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.InspectionId == inspectionId && !own.Contains(f.Id))
            .Select(f => f.Title).ToListAsync());

        var archive = await ReadAsync(await headA.GetAsync($"/Archive/Download/{inspectionId}"));

        Assert.NotEmpty(own);
        Assert.Equal(own.Count, Summaries(archive).Count);
        Assert.DoesNotContain(archive.Keys, k => k.EndsWith(".docx", StringComparison.Ordinal) && !k.Contains('/'));
        var everything = string.Join("\n", archive.Where(e => e.Key.EndsWith(".txt", StringComparison.Ordinal) || e.Key == "manifest.csv")
            .Select(e => Encoding.UTF8.GetString(e.Value)).Append(string.Join("\n", archive.Keys)));
        Assert.All(foreignTitles, title => Assert.DoesNotContain(title, everything));
        var ownHashes = await app.WithDatabaseAsync(db => db.EvidenceVersions.IgnoreQueryFilters()
            .Where(v => own.Contains(v.EvidenceItem!.FindingId) && !v.EvidenceItem.IsDeleted).Select(v => v.Sha256).ToListAsync());
        Assert.Equal(ownHashes.Order(StringComparer.Ordinal), EvidenceEntries(archive).Select(e => Sha256(e.Value)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_inspection_is_404_and_an_anonymous_visitor_is_sent_to_sign_in()
    {
        var foreign = await app.WithDatabaseAsync(async db =>
        {
            var unit = await db.Units.SingleAsync(u => u.Code == DemoData.UnitB);
            var inspection = new Inspection
            {
                Title = "档案测试巡察",
                TeamName = "县委第三巡察组",
                InspectedUnitId = unit.Id,
                InspectionStart = new DateOnly(2026, 3, 1),
                InspectionEnd = new DateOnly(2026, 4, 1),
                FeedbackDate = new DateOnly(2026, 6, 1),
                RectificationDueDate = new DateOnly(2026, 9, 1),
                Status = InspectionStatus.Rectifying,
            };
            db.Inspections.Add(inspection);
            await db.SaveChangesAsync();
            return inspection.Id;
        });
        using var headA = await app.LoginAsync("head.a");
        var before = await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Export));

        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync($"/Archive/Download/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headA.GetAsync("/Archive/Download/987654")).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.True(Accounts.IsLoginRedirect(await anonymous.GetAsync($"/Archive/Download/{await app.InspectionIdAsync()}")));
        Assert.Equal(before, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Export)));
    }

    [Fact]
    public async Task The_inspection_page_links_to_the_archive()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var inspectionId = await app.InspectionIdAsync();
        var page = await staffA.GetPageAsync($"/Inspections/Details/{inspectionId}");
        Assert.Equal($"/Archive/Download/{inspectionId}", page.QuerySelector("a[data-archive]")!.GetAttribute("href"));
    }

    private static async Task<Dictionary<string, byte[]>> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var content = entry.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            entries.Add(entry.FullName, copy.ToArray());
        }

        return entries;
    }

    private static List<string> Summaries(Dictionary<string, byte[]> archive) =>
        archive.Keys.Where(k => k.StartsWith("问题/", StringComparison.Ordinal) && k.EndsWith("/问题概况.txt", StringComparison.Ordinal)).ToList();

    private static List<KeyValuePair<string, byte[]>> EvidenceEntries(Dictionary<string, byte[]> archive) =>
        archive.Where(e => e.Key.StartsWith("问题/", StringComparison.Ordinal) && e.Key.Contains("/佐证材料/", StringComparison.Ordinal)).ToList();

    /// <summary>manifest.csv by path; it starts with a byte-order mark for Excel.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Manifest(Dictionary<string, byte[]> archive)
    {
        var bytes = archive["manifest.csv"];
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("路径,大小(字节),SHA-256,上传人,上传时间,审核结果,校验", lines[0]);
        return lines.Skip(1).Select(l => (IReadOnlyList<string>)SplitCsv(l)).ToDictionary(r => r[0], StringComparer.Ordinal);
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
