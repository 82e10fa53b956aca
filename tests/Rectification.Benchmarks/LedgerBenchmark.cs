using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Scoping;

namespace Rectification.Benchmarks;

/// <summary>
/// The ledger spreadsheet at scale: export of 10,000 findings as .xlsx (and .csv) over HTTP, and import of 5,000 rows
/// through upload, preview and confirmation. The findings are written straight into the app's SQLite database through
/// EF Core (system scope) while the app runs; the import's file is made here with MiniExcel.
/// </summary>
public static partial class LedgerBenchmark
{
    public const int ExportRows = 10_000;
    public const int ImportRows = 5_000;

    public sealed record Result(string Operation, int Rows, TimeSpan Elapsed, long MemoryGrowthBytes, string Note);

    public static async Task<IReadOnlyList<Result>> RunAsync(AppProcess app, string connectionString, string workFolder)
    {
        var seeding = Stopwatch.StartNew();
        var (exported, firstImport, secondImport, warmUp) = await SeedAsync(connectionString);
        Console.Error.WriteLine($"  seeded {ExportRows} findings in {seeding.Elapsed.TotalSeconds:0.0} s");

        using var session = await Session.LoginAsync(app.BaseAddress, "inspector", "Rectify#2023");
        var results = new List<Result>();

        // Warm-up: the same paths once on a few rows, so the numbers are of steady state.
        await DownloadAsync(session, $"Ledger/Export?format=xlsx&InspectionId={warmUp}");
        await DownloadAsync(session, $"Ledger/Export?format=csv&InspectionId={warmUp}");
        await ImportAsync(session, warmUp, WriteImportFile(workFolder, 20, "warm-up"));

        foreach (var format in new[] { "xlsx", "csv" })
        {
            byte[] body = [];
            var export = await EvidenceBenchmark.MeasureAsync(app, async () => body = await DownloadAsync(session, $"Ledger/Export?format={format}&InspectionId={exported}"));
            var rows = format == "xlsx" ? CountXlsxRows(body) : CountCsvRecords(body);
            if (rows != ExportRows)
            {
                throw new InvalidOperationException($"The {format} export holds {rows} rows, not {ExportRows}.");
            }

            results.Add(new Result($"export .{format}", rows, export.Elapsed, export.Growth, $"{body.Length / 1024.0 / 1024:0.0} MB file"));
        }

        // The first large import after start runs partly in the JIT's quick first-tier code (EF Core's insert path
        // has not been hot yet); the second is the steady state. Both are reported.
        foreach (var (inspectionId, label) in new[] { (firstImport, "first after start"), (secondImport, "again") })
        {
            var file = WriteImportFile(workFolder, ImportRows, "bench-" + inspectionId.ToString(CultureInfo.InvariantCulture));
            (TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm) steps = default;
            var import = await EvidenceBenchmark.MeasureAsync(app, async () => steps = await ImportAsync(session, inspectionId, file));
            var created = await CountFindingsAsync(connectionString, inspectionId);
            if (created != ImportRows)
            {
                throw new InvalidOperationException($"The import created {created} findings, not {ImportRows}.");
            }

            results.Add(new Result($"import .xlsx (upload + preview + confirm), {label}", ImportRows, import.Elapsed, import.Growth,
                string.Create(CultureInfo.InvariantCulture, $"upload and check {steps.Upload.TotalSeconds:0.00} s, preview {steps.Preview.TotalSeconds:0.00} s, confirm {steps.Confirm.TotalSeconds:0.00} s; {new FileInfo(file).Length / 1024.0 / 1024:0.0} MB file")));
        }

        // Every finding of the county (the inspector's whole scope) now, twice as many: the export's memory should not
        // grow with the rows.
        byte[] all = [];
        var everything = await EvidenceBenchmark.MeasureAsync(app, async () => all = await DownloadAsync(session, "Ledger/Export?format=xlsx"));
        results.Add(new Result("export .xlsx, the whole county", CountXlsxRows(all), everything.Elapsed, everything.Growth,
            string.Create(CultureInfo.InvariantCulture, $"{all.Length / 1024.0 / 1024:0.0} MB file")));
        return results;
    }

    public static string ToMarkdown(IReadOnlyList<Result> results) =>
        "| operation | rows | time | app memory growth | note |\n| --- | --- | --- | --- | --- |\n" +
        string.Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"| {r.Operation} | {r.Rows:N0} | {r.Elapsed.TotalSeconds:0.00} s | {r.MemoryGrowthBytes / (1024.0 * 1024):0.0} MB | {r.Note} |\n")));

    /// <summary>Four inspections of the bureau: one with 10,000 findings to export, two empty ones to import into, one to warm up.</summary>
    private static async Task<(int Exported, int FirstImport, int SecondImport, int WarmUp)> SeedAsync(string connectionString)
    {
        await using var db = Open(connectionString);
        var bureau = await db.Units.SingleAsync(u => u.Code == "JX-JTJ");
        var units = await db.Units.Where(u => u.Path.StartsWith(bureau.Path) && u.IsActive).Select(u => u.Id).ToListAsync();
        var people = await db.Users.Where(u => u.IsActive).Select(u => u.Id).ToListAsync();
        var inspections = new[] { "基准测试:导出", "基准测试:首次导入", "基准测试:再次导入", "基准测试:预热" }.Select(title =>
        {
            var inspection = new Inspection
            {
                Title = title,
                TeamName = "县委第三巡察组",
                InspectedUnitId = bureau.Id,
                InspectionStart = new DateOnly(2026, 3, 1),
                InspectionEnd = new DateOnly(2026, 4, 30),
                FeedbackDate = new DateOnly(2026, 6, 1),
                RectificationDueDate = new DateOnly(2026, 9, 1),
                Status = InspectionStatus.Rectifying,
            };
            inspection.Categories.AddRange(StandardCategories.Create());
            return inspection;
        }).ToList();
        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync();

        var exported = inspections[0];
        // Adding only: no need to scan the tracked entities for changes before each save.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var random = new Random(2026);
        var statuses = Enum.GetValues<FindingStatus>();
        var now = DateTime.UtcNow;
        for (var batch = 0; batch < ExportRows / 1000; batch++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var n = (batch * 1000) + i;
                var category = exported.Categories[n % 4];
                var finding = new Finding
                {
                    InspectionId = exported.Id,
                    CategoryId = category.Id,
                    Ordinal = (n / 4) + 1,
                    Title = $"基准测试问题{n + 1}:部分单位落实整改要求不到位",
                    Description = "经查,部分单位对巡察反馈问题认识不足,整改措施针对性不强,台账资料不完整,整改成效有待巩固。",
                    OwningUnitId = units[random.Next(units.Count)],
                    ResponsibleLeaderId = people[random.Next(people.Count)],
                    ResponsiblePersonId = people[random.Next(people.Count)],
                    Deadline = new DateOnly(2026, 6, 1).AddDays(random.Next(30, 400)),
                    Kind = (FindingKind)(n % 3),
                    Status = statuses[n % statuses.Length],
                    RectificationSummary = "印发了专项整治方案,召开专题会议研究部署,建立问题清单、任务清单、责任清单,明确整改时限,定期调度整改进展;完善相关制度,形成长效机制。",
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                for (var m = 1; m <= 3; m++)
                {
                    finding.Measures.Add(new Measure { Ordinal = m, Description = $"第{m}项措施:制定工作方案,明确责任分工,按期完成整改任务。" });
                }

                db.Findings.Add(finding);
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return (inspections[0].Id, inspections[1].Id, inspections[2].Id, inspections[3].Id);
    }

    private static RectificationDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<RectificationDbContext>().UseSqlite(connectionString).Options, new FixedScope(UserScope.System));

    private static async Task<int> CountFindingsAsync(string connectionString, int inspectionId)
    {
        await using var db = Open(connectionString);
        return await db.Findings.CountAsync(f => f.InspectionId == inspectionId);
    }

    /// <summary>A ledger of <paramref name="rows"/> distinct findings over the bureau's units and people.</summary>
    private static string WriteImportFile(string folder, int rows, string name)
    {
        string[] units = ["县教育和体育局", "嘉祥街道教办", "卧龙山街道教办", "纸坊镇教办", "马村镇教办", "嘉祥街道第一小学", "卧龙山街道中学"];
        string[] people = ["张志强", "李红梅", "赵国华", "孙海燕", "周文军", "吴晓东", "马德胜", "何振华"];
        string[] departments = ["办公室", "组织人事科", "基础教育科", "计划财务科", "安全管理科"];
        var records = Enumerable.Range(1, rows).Select(n => new Dictionary<string, object?>
        {
            ["序号"] = n,
            ["问题类别"] = StandardCategories.Names[n % 4],
            ["问题描述"] = $"{name}导入问题{n}:整改责任落实不到位\n部分单位对巡察反馈问题认识不足,整改措施针对性不强,台账资料不完整。",
            ["整改措施"] = "1. 制定整改方案,明确责任分工\n2. 召开专题会议研究部署\n3. 建立长效机制",
            ["整改类型"] = (n % 3) switch { 0 => "立行立改", 1 => "限期整改", _ => "长期坚持" },
            ["责任单位"] = units[n % units.Length],
            ["责任领导"] = people[n % 3],
            ["责任科室"] = departments[n % departments.Length],
            ["具体责任人"] = people[3 + (n % 5)],
            ["整改时限"] = new DateTime(2026, 12, 31),
            ["整改状态"] = "整改中",
            ["整改进展(落实情况)"] = "已印发专项整治方案,召开专题会议研究部署,定期调度整改进展。",
            ["佐证材料数"] = 0,
            ["销号日期"] = null,
        });
        var path = Path.Combine(folder, name + ".xlsx");
        using (var file = File.Create(path))
        {
            MiniExcel.SaveAs(file, records, printHeader: true);
        }

        return path;
    }

    private static async Task<(TimeSpan Upload, TimeSpan Preview, TimeSpan Confirm)> ImportAsync(Session session, int inspectionId, string path)
    {
        var token = await session.TokenAsync($"Ledger/Import?inspectionId={inspectionId}");
        var watch = Stopwatch.StartNew();
        HttpResponseMessage uploaded;
        await using (var stream = File.OpenRead(path))
        {
            using var content = new MultipartFormDataContent();
            content.Add(new StringContent(token), "__RequestVerificationToken");
            content.Add(new StreamContent(stream), "file", Path.GetFileName(path));
            uploaded = await session.Http.PostAsync($"Ledger/Import?inspectionId={inspectionId}", content);
        }

        if (uploaded.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The upload answered {(int)uploaded.StatusCode}: {Excerpt(await uploaded.Content.ReadAsStringAsync())}");
        }

        var upload = watch.Elapsed;
        var preview = await session.GetStringAsync(uploaded.Headers.Location!.OriginalString.TrimStart('/'));
        var previewed = watch.Elapsed;
        var confirmUrl = ConfirmPattern().Match(preview).Groups[1].Value;
        var confirmToken = TokenPattern().Match(preview).Groups[1].Value;
        var confirmed = await session.Http.PostAsync(confirmUrl.TrimStart('/'),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = confirmToken }));
        if (confirmed.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The confirmation answered {(int)confirmed.StatusCode}.");
        }

        return (upload, previewed - upload, watch.Elapsed - previewed);
    }

    private static async Task<byte[]> DownloadAsync(Session session, string url)
    {
        using var response = await session.Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static int CountXlsxRows(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return MiniExcel.Query(stream, useHeaderRow: true).Count();
    }

    /// <summary>Records of the CSV, header excluded: line breaks inside quotes do not end a record.</summary>
    private static int CountCsvRecords(byte[] csv)
    {
        var records = 0;
        var quoted = false;
        foreach (var b in csv)
        {
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (b == '\n' && !quoted)
            {
                records++;
            }
        }

        return records - 1;
    }

    private static string Excerpt(string body) => body.Length > 600 ? body[..600] : body;

    [GeneratedRegex("action=\"(/Ledger/Confirm/[^\"]+)\"")]
    private static partial Regex ConfirmPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
