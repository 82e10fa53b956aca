using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rectification.Benchmarks;
using Rectification.Benchmarks.Generator;
using Rectification.Core.Data;

// Benchmarks of the running app. run.sh builds the app in Release and calls these verbs.
//   evidence --app <Rectification.Web.dll> [--size-mb 100]
//   ledger --app <Rectification.Web.dll>
//   generate --provider Sqlite|PostgreSql|SqlServer --connection <string> [--findings 100000]
//   load --app <Rectification.Web.dll> --provider Sqlite|PostgreSql --connection <string> [--findings 100000] [--seconds 20] [--clients 16] [--reuse]
//   audit --provider Sqlite|PostgreSql --connection <string> [--entries 1000000]
var options = Options.Parse(args);
switch (options.Verb)
{
    case "generate":
        await GenerateAsync(options);
        break;
    case "load":
        await RunLoadAsync(options);
        break;
    case "audit":
        await RunAuditAsync(options);
        break;
    case "evidence":
        await RunEvidenceAsync(options);
        break;
    case "ledger":
        await RunLedgerAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: evidence --app <dll> [--size-mb 100] | ledger --app <dll> | generate --provider <p> --connection <c> [--findings n] | load --app <dll> --provider <p> --connection <c> [--findings n] [--seconds s] [--clients c] [--reuse] | audit --provider <p> --connection <c> [--entries n]");
        return 2;
}

return 0;

static async Task RunEvidenceAsync(Options options)
{
    var work = Directory.CreateTempSubdirectory("rectification-bench-");
    try
    {
        await using var app = await AppProcess.StartAsync(options.App, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Rectification"] = $"Data Source={Path.Combine(work.FullName, "bench.db")}",
            ["Demo:Seed"] = "true",
            ["Evidence:Root"] = Path.Combine(work.FullName, "evidence"),
            ["Evidence:MaxFileBytes"] = ((options.SizeMegabytes + 1) * 1024L * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var results = await EvidenceBenchmark.RunAsync(app, options.SizeMegabytes, work.FullName);
        Console.Write(EvidenceBenchmark.ToMarkdown(results));
    }
    finally
    {
        work.Delete(recursive: true);
    }
}

static async Task RunLedgerAsync(Options options)
{
    var work = Directory.CreateTempSubdirectory("rectification-bench-");
    try
    {
        var connectionString = $"Data Source={Path.Combine(work.FullName, "bench.db")}";
        await using var app = await AppProcess.StartAsync(options.App, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Rectification"] = connectionString,
            ["Demo:Seed"] = "true",
            ["Evidence:Root"] = Path.Combine(work.FullName, "evidence"),
        });
        var results = await LedgerBenchmark.RunAsync(app, connectionString, work.FullName);
        Console.Write(LedgerBenchmark.ToMarkdown(results));
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }
}

static async Task<string> GenerateAsync(Options options)
{
    var size = GeneratorSize.ForFindings(options.Int("--findings", GeneratorSize.Province.Findings));
    var watch = System.Diagnostics.Stopwatch.StartNew();
    await using var db = await DataGenerator.OpenAsync(options.Provider, options.Connection);
    if (options.Has("--reuse") && await db.Units.IgnoreQueryFilters().AnyAsync())
    {
        var findings = await db.Findings.IgnoreQueryFilters().CountAsync();
        Console.Error.WriteLine($"Reusing the database: {findings:N0} findings.");
        return $"{findings:N0} findings (reused)";
    }

    Console.Error.WriteLine($"Generating {size} into {options.Provider}…");
    await new DataGenerator(db, size).GenerateAsync(Console.Error);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated in {watch.Elapsed.TotalSeconds:0.0} s."));
    return string.Create(CultureInfo.InvariantCulture,
        $"{size.Units:N0} units, {size.Users:N0} users, {size.Inspections:N0} inspections, {size.Findings:N0} findings, ≈{size.Events:N0} events, {size.Evidence:N0} evidence items (generated in {watch.Elapsed.TotalSeconds:0} s)");
}

static async Task RunLoadAsync(Options options)
{
    var sizeText = await GenerateAsync(options);
    // --computed: every page computed on every request, none served from the read cache (the same URL over and
    // over is what a cache serves best, so both are measured).
    var computed = options.Has("--computed");
    var machine = LoadBenchmark.Machine(options.Provider, sizeText)
        + (computed ? "; read cache off (ReadCache:Minutes=0, every page computed)" : "; read cache on (default)");
    await using var app = await AppProcess.StartAsync(options.App, new Dictionary<string, string>
    {
        ["Database:Provider"] = options.Provider.ToString(),
        ["ConnectionStrings:Rectification"] = options.Connection,
        ["Demo:Seed"] = "false",
        ["Reminders:Enabled"] = "false",
        ["Benchmark:CountSqlCommands"] = "true",
        ["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "rectification-bench-evidence"),
        ["ReadCache:Minutes"] = computed ? "0" : "10",
    });
    using var province = await Session.LoginAsync(app.BaseAddress, GeneratedData.ProvinceUser, GeneratedData.Password);
    var pages = await LoadBenchmark.PagesAsync(options.Connection, options.Provider, province);
    var lua = Path.Combine(AppContext.BaseDirectory, "report.lua");
    var results = await LoadBenchmark.RunAsync(app, pages, options.Int("--seconds", 20), options.Int("--clients", 16), lua);
    var export = await LoadBenchmark.SequentialAsync(app, pages.Single(p => p.Heavy), 3);
    Console.WriteLine($"Machine: {machine}\n");
    Console.Write(LoadBenchmark.ToMarkdown(results, export));
}

static async Task RunAuditAsync(Options options)
{
    var result = await AuditBenchmark.RunAsync(options.Provider, options.Connection, options.Int("--entries", 1_000_000));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {options.Provider} | {result.Entries:N0} | {result.Insert.TotalSeconds:0.0} s | {result.Verification.Elapsed.TotalSeconds:0.00} s | {(result.Verification.Intact ? "intact" : "BROKEN at " + result.Verification.BrokenAt)} ({result.Verification.Checked:N0} checked) |"));
    if (!result.Verification.Intact)
    {
        Environment.Exit(1);
    }
}

internal sealed record Options(string Verb, string App, int SizeMegabytes, string[] Args)
{
    public DatabaseProvider Provider => Enum.Parse<DatabaseProvider>(Value("--provider", "Sqlite"), ignoreCase: true);

    public string Connection => Value("--connection", string.Empty) is { Length: > 0 } connection
        ? connection
        : throw new InvalidOperationException("--connection is required.");

    public bool Has(string name) => Array.IndexOf(Args, name) >= 0;

    public int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private string Value(string name, string fallback)
    {
        var at = Array.IndexOf(Args, name);
        return at >= 0 && at + 1 < Args.Length ? Args[at + 1] : fallback;
    }

    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        return new Options(
            args.Length > 0 ? args[0] : string.Empty,
            Value("--app", string.Empty),
            int.Parse(Value("--size-mb", "100"), System.Globalization.CultureInfo.InvariantCulture),
            args);
    }
}
