using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// A stored evidence file altered on disk after upload: the archive still lists it, and its manifest says the bytes no
/// longer match the SHA-256 recorded at upload. A host of its own, so the altered file touches no other test.
/// </summary>
public sealed class ArchiveTamperTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_file_altered_on_disk_is_marked_in_the_manifest()
    {
        var inspectionId = await app.InspectionIdAsync();
        var sha256 = await app.WithDatabaseAsync(db => db.EvidenceVersions.IgnoreQueryFilters()
            .Where(v => v.EvidenceItem!.Finding!.InspectionId == inspectionId && !v.EvidenceItem.IsDeleted)
            .OrderBy(v => v.Id).Select(v => v.Sha256).FirstAsync());
        var sharing = await app.WithDatabaseAsync(db => db.EvidenceVersions.IgnoreQueryFilters()
            .CountAsync(v => v.Sha256 == sha256 && v.EvidenceItem!.Finding!.InspectionId == inspectionId && !v.EvidenceItem.IsDeleted));
        var path = Path.Combine(app.EvidenceRoot, "blobs", sha256[..2], sha256[2..4], sha256);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        using var inspector = await app.LoginAsync("inspector");
        var response = await inspector.GetAsync($"/Archive/Download/{inspectionId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("manifest.csv")!.Open(), Encoding.UTF8);
        var rows = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var flagged = rows.Where(r => r.EndsWith(",与登记不一致", StringComparison.Ordinal)).ToList();
        Assert.Equal(sharing, flagged.Count);
        Assert.All(flagged, r => Assert.DoesNotContain(sha256, r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith(",与登记一致", StringComparison.Ordinal));
    }
}
