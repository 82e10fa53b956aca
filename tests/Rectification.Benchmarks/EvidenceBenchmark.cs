using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Rectification.Benchmarks;

/// <summary>
/// Uploads and downloads one large evidence file through the running app and reports the time taken and how far
/// the app's resident memory rose above where it was: streaming keeps the rise small whatever the file's size.
/// </summary>
public static partial class EvidenceBenchmark
{
    public sealed record Result(string Operation, long Bytes, TimeSpan Elapsed, long MemoryGrowthBytes);

    public static async Task<IReadOnlyList<Result>> RunAsync(AppProcess app, int megabytes, string workFolder)
    {
        var file = Path.Combine(workFolder, "benchmark-evidence.pdf");
        var expected = WriteSampleFile(file, megabytes * 1024L * 1024);
        using var session = await Session.LoginAsync(app.BaseAddress, "staff.a", "Rectify#2023");
        var list = await session.GetStringAsync("Findings?Status=InProgress&PageSize=100");
        var findingId = FindingIdPattern().Match(list).Groups[1].Value;
        var token = await session.TokenAsync($"Evidence/Upload?findingId={findingId}");

        // Warm up the upload and download paths once with a small file, so the numbers are of steady state.
        await UploadAsync(session, findingId, token, WriteWarmUp(workFolder), "warm-up.pdf");

        var results = new List<Result>();
        var upload = await MeasureAsync(app, () => UploadAsync(session, findingId, token, file, "基准测试文件.pdf"));
        results.Add(new Result("upload", new FileInfo(file).Length, upload.Elapsed, upload.Growth));

        var details = await session.GetStringAsync($"Findings/Details/{findingId}");
        // The newest file on the page has the highest version id.
        var versionId = DownloadLinkPattern().Matches(details).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Max()
            .ToString(CultureInfo.InvariantCulture);
        string? actual = null;
        var download = await MeasureAsync(app, async () => actual = await DownloadAsync(session, versionId));
        if (actual != expected)
        {
            throw new InvalidOperationException("The downloaded file differs from the uploaded one.");
        }

        results.Add(new Result("download", new FileInfo(file).Length, download.Elapsed, download.Growth));
        File.Delete(file);
        return results;
    }

    /// <summary>Runs <paramref name="operation"/> and reports its time and how far the app's resident memory rose during it.</summary>
    internal static async Task<(TimeSpan Elapsed, long Growth)> MeasureAsync(AppProcess app, Func<Task> operation)
    {
        var before = app.ResidentBytes();
        var peakCounterReset = app.ResetPeak();
        var polledPeak = before;
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                polledPeak = Math.Max(polledPeak, app.ResidentBytes());
                await Task.Delay(5);
            }
        });

        var watch = Stopwatch.StartNew();
        await operation();
        watch.Stop();
        await stop.CancelAsync();
        await poller;
        var peak = peakCounterReset ? Math.Max(app.PeakResidentBytes(), polledPeak) : polledPeak;
        return (watch.Elapsed, Math.Max(0, peak - before));
    }

    private static async Task UploadAsync(Session session, string findingId, string token, string path, string fileName)
    {
        await using var stream = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        content.Add(new StringContent("基准测试材料"), "Input.Description");
        content.Add(new StringContent("2026-11-30"), "Input.EvidenceDate");
        var file = new StreamContent(stream, 1024 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "files", fileName);
        var response = await session.Http.PostAsync($"Evidence/Upload?findingId={findingId}", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}.");
        }
    }

    private static async Task<string> DownloadAsync(Session session, string versionId)
    {
        using var response = await session.Http.GetAsync($"Evidence/Download/{versionId}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body));
    }

    /// <summary>A PDF-headed file of the given size with varied content; returns its SHA-256.</summary>
    private static string WriteSampleFile(string path, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = File.Create(path);
        var random = new Random(2026);
        var buffer = new byte[1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(buffer);
        for (long written = 0; written < length; written += buffer.Length)
        {
            if (written > 0)
            {
                random.NextBytes(buffer);
            }

            var count = (int)Math.Min(buffer.Length, length - written);
            file.Write(buffer, 0, count);
            hash.AppendData(buffer, 0, count);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string WriteWarmUp(string folder)
    {
        var path = Path.Combine(folder, "warm-up.pdf");
        WriteSampleFile(path, 256 * 1024);
        return path;
    }

    public static string ToMarkdown(IReadOnlyList<Result> results) =>
        "| operation | size | time | throughput | app memory growth |\n| --- | --- | --- | --- | --- |\n" +
        string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Operation} | {r.Bytes / (1024 * 1024)} MB | {r.Elapsed.TotalSeconds:0.00} s | {r.Bytes / (1024.0 * 1024) / r.Elapsed.TotalSeconds:0} MB/s | {r.MemoryGrowthBytes / (1024.0 * 1024):0.0} MB |\n")));

    [GeneratedRegex("data-finding-id=\"(\\d+)\"")]
    private static partial Regex FindingIdPattern();

    [GeneratedRegex("href=\"/Evidence/Download/(\\d+)\"")]
    private static partial Regex DownloadLinkPattern();
}
