using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Rectification.Benchmarks.Generator;
using Rectification.Core.Data;
using Rectification.Core.Findings;

namespace Rectification.Benchmarks;

/// <summary>
/// The load driver of issue 8: the app (Release, its own process, SQL command counting on) on a generated database,
/// each page driven by wrk with 16 connections for a fixed time, signed in as the user the page is for.
/// </summary>
public static partial class LoadBenchmark
{
    public sealed record Page(string Name, string User, string Url, bool Heavy = false);

    public sealed record Result(Page Page, long Requests, double Seconds, double P50, double P95, double P99, double SqlPerRequest, long StatusErrors, long SocketErrors)
    {
        public double Throughput => Requests / Seconds;
    }

    /// <summary>The pages measured, in order; the first is the baseline.</summary>
    public static async Task<List<Page>> PagesAsync(string connectionString, DatabaseProvider provider, Session province)
    {
        await using var db = await DataGenerator.OpenAsync(provider, connectionString, migrate: false);
        var city = await db.Units.Where(u => u.Depth == 2).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var finding = await db.Findings.Where(f => f.Status == FindingStatus.InProgress && f.InspectionId != 1).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
        var list = $"Findings?UnitId={city}&Status={FindingStatus.InProgress}";
        var total = await province.FindingsTotalAsync(list);
        var all = await province.FindingsTotalAsync();
        var exported = await db.Findings.IgnoreQueryFilters().CountAsync(f => f.InspectionId == 1);
        int LastPage(int count) => Math.Max(1, (count + FindingFilter.DefaultPageSize - 1) / FindingFilter.DefaultPageSize);
        return
        [
            new("baseline: about page (layout only)", GeneratedData.ProvinceUser, "Home/About"),
            new($"findings list, a city + status, page 1 of {LastPage(total)}", GeneratedData.ProvinceUser, list),
            new($"findings list, a city + status, last page ({LastPage(total)})", GeneratedData.ProvinceUser, $"{list}&Page={LastPage(total)}"),
            new($"findings list, whole province, last page ({LastPage(all):N0})", GeneratedData.ProvinceUser, $"Findings?Page={LastPage(all)}"),
            new("finding details", GeneratedData.ProvinceUser, $"Findings/Details/{finding}"),
            new("dashboard, county leader", GeneratedData.CountyLeader, "Dashboard"),
            new("dashboard, province", GeneratedData.ProvinceUser, "Dashboard"),
            new("review queue", GeneratedData.ProvinceUser, "Review"),
            new($"ledger export .xlsx, {exported:N0} rows", GeneratedData.ProvinceUser, "Ledger/Export?format=xlsx&InspectionId=1", Heavy: true),
        ];
    }

    public static async Task<List<Result>> RunAsync(AppProcess app, List<Page> pages, int seconds, int clients, string luaScript)
    {
        // A warm-up pass over every page first, unrecorded: the JIT's tiered compilation and the caches settle on the
        // whole app before anything is measured, else the baseline (measured first) would run on colder code.
        foreach (var page in pages)
        {
            using var warmUp = await Session.LoginAsync(app.BaseAddress, page.User, GeneratedData.Password);
            await WrkAsync(new Uri(app.BaseAddress, page.Url), warmUp.CookieHeader(), Math.Min(seconds, 5), page.Heavy ? 1 : clients, luaScript);
        }

        var results = new List<Result>();
        foreach (var page in pages)
        {
            // A fresh sign-in per page: the cookie stays younger than the security-stamp check's interval (1 min), so
            // every request costs what a browser's would, without a stamp re-validation the driver cannot store.
            using var session = await Session.LoginAsync(app.BaseAddress, page.User, GeneratedData.Password);
            // Warm-up: up to 20 requests (2 for the export), at most about 5 s, so the JIT and the caches are warm.
            var warming = Stopwatch.StartNew();
            for (var i = 0; i < (page.Heavy ? 2 : 20) && (i == 0 || warming.Elapsed < TimeSpan.FromSeconds(5)); i++)
            {
                using var warm = await session.Http.GetAsync(page.Url);
                if (warm.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{page.Url} answered {(int)warm.StatusCode} for {page.User}.");
                }

                await warm.Content.CopyToAsync(Stream.Null);
            }

            var before = await SqlCommandsAsync(session);
            var output = await WrkAsync(new Uri(app.BaseAddress, page.Url), session.CookieHeader(), seconds, page.Heavy ? Math.Min(clients, 4) : clients, luaScript);
            var after = await SqlCommandsAsync(session);
            var line = ResultPattern().Match(output);
            if (!line.Success)
            {
                throw new InvalidOperationException("wrk printed no result: " + output);
            }

            long Value(string name) => long.Parse(line.Groups[name].Value, CultureInfo.InvariantCulture);
            var requests = Value("requests");
            var result = new Result(page, requests, Value("duration") / 1e6, Value("p50") / 1e3, Value("p95") / 1e3, Value("p99") / 1e3,
                requests == 0 ? 0 : (after - before - 1) / (double)requests, Value("status"), Value("socket"));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {page.Name}: {result.Throughput:0.0} req/s, p50 {result.P50:0.0} ms, p95 {result.P95:0.0} ms, p99 {result.P99:0.0} ms, {result.SqlPerRequest:0.0} SQL/request"));
            results.Add(result);

            // The session must have stayed valid: a redirect to the sign-in page would have been counted as success.
            using var check = await session.Http.GetAsync(page.Heavy ? "Home/About" : page.Url);
            if (check.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"After the run {page.Url} answered {(int)check.StatusCode}.");
            }
        }

        return results;
    }

    /// <summary>One export at a time, the way a user waits for it: the ≤ 3 s target is about this.</summary>
    public static async Task<List<double>> SequentialAsync(AppProcess app, Page page, int times)
    {
        using var session = await Session.LoginAsync(app.BaseAddress, page.User, GeneratedData.Password);
        var seconds = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await session.Http.GetAsync(page.Url);
            response.EnsureSuccessStatusCode();
            await response.Content.CopyToAsync(Stream.Null);
            seconds.Add(watch.Elapsed.TotalSeconds);
        }

        return seconds;
    }

    private static async Task<long> SqlCommandsAsync(Session session) =>
        long.Parse(await session.GetStringAsync("benchmark/sql-commands"), CultureInfo.InvariantCulture);

    private static async Task<string> WrkAsync(Uri url, string cookie, int seconds, int clients, string luaScript)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-t", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture), "-c", clients.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "60s", "-s", luaScript, "-H", "Cookie: " + cookie, url.ToString(),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {error}{output}");
    }

    public static string ToMarkdown(IReadOnlyList<Result> results, IReadOnlyList<double> exportSeconds)
    {
        var baseline = results[0].Throughput;
        var text = new StringBuilder("| page | req/s | p50 | p95 | p99 | × baseline | SQL commands / request |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var r in results)
        {
            var clients = r.Page.Heavy ? " (4 clients)" : string.Empty;
            var errors = r.StatusErrors + r.SocketErrors > 0 ? $" ⚠ {r.StatusErrors + r.SocketErrors} errors" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"| {r.Page.Name}{clients}{errors} | {r.Throughput:0.0} | {r.P50:0.0} ms | {r.P95:0.0} ms | {r.P99:0.0} ms | {r.Throughput / baseline:0.00} | {r.SqlPerRequest:0.0} |\n");
        }

        if (exportSeconds.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\nLedger export of the largest inspection, one at a time: {string.Join(", ", exportSeconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture) + " s"))}.\n");
        }

        return text.ToString();
    }

    public static string Machine(DatabaseProvider provider, string size)
    {
        string Read(string file, string prefix) =>
            File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?" : "?";
        var os = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} vCPU ({Read("/proc/cpuinfo", "model name")}), {Read("/proc/meminfo", "MemTotal")} RAM, {os}, .NET {Environment.Version}, {provider}, {size}; load average before the run: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
    }

    [GeneratedRegex(@"RESULT requests=(?<requests>\d+) duration_us=(?<duration>\d+) p50=(?<p50>\d+) p95=(?<p95>\d+) p99=(?<p99>\d+) status_errors=(?<status>\d+) socket_errors=(?<socket>\d+)")]
    private static partial Regex ResultPattern();
}
