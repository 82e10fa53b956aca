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
//   mixed --app <Rectification.Web.dll> --provider Sqlite|PostgreSql --connection <string> [--findings 100000] [--seconds 60] [--clients 16]
//         [--write-share 0.1] [--reuse] [--reminders]
//         a working day: 64+ users of every role and level, each signed in once, 16 clients reading and writing (real
//         forms) within each user's scope; the layout-only page measured in the same run as the baseline. Exit code 1
//         when any request failed.
//   explain --app <Rectification.Web.dll> --provider Sqlite|PostgreSql --connection <string> [--findings 100000] [--reuse]
//         the SQL of each page of the working day with its plan (EXPLAIN on PostgreSQL, EXPLAIN QUERY PLAN on SQLite), as Markdown
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
    case "mixed":
        if (!await RunMixedAsync(options))
        {
            return 1;
        }

        break;
    case "explain":
        await RunExplainAsync(options);
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
    case "archive":
        await RunArchiveAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: evidence --app <dll> [--size-mb 100] | ledger --app <dll> | archive --app <dll> [--findings 1000] [--size-mb 1] | generate --provider <p> --connection <c> [--findings n] | load --app <dll> --provider <p> --connection <c> [--findings n] [--seconds s] [--clients c] [--reuse] | mixed --app <dll> --provider <p> --connection <c> [--findings n] [--seconds s] [--clients c] [--write-share f] [--reuse] [--reminders] | explain --app <dll> --provider <p> --connection <c> [--findings n] [--reuse] | audit --provider <p> --connection <c> [--entries n]");
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

static async Task RunArchiveAsync(Options options)
{
    var work = Directory.CreateTempSubdirectory("rectification-bench-");
    try
    {
        var connectionString = $"Data Source={Path.Combine(work.FullName, "bench.db")}";
        var evidence = Path.Combine(work.FullName, "evidence");
        await using var app = await AppProcess.StartAsync(options.App, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Rectification"] = connectionString,
            ["Demo:Seed"] = "true",
            ["Evidence:Root"] = evidence,
        });
        var result = await ArchiveBenchmark.RunAsync(app, connectionString, evidence, options.Int("--findings", 1000), options.Int("--size-mb", 1));
        Console.Write(ArchiveBenchmark.ToMarkdown(result));
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
    var machine = LoadBenchmark.Machine(options.Provider, sizeText);
    await using var app = await AppProcess.StartAsync(options.App, new Dictionary<string, string>
    {
        ["Database:Provider"] = options.Provider.ToString(),
        ["ConnectionStrings:Rectification"] = options.Connection,
        ["Demo:Seed"] = "false",
        ["Reminders:Enabled"] = "false",
        ["Benchmark:CountSqlCommands"] = "true",
        ["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "rectification-bench-evidence"),
    });
    using var province = await Session.LoginAsync(app.BaseAddress, GeneratedData.ProvinceUser, GeneratedData.Password);
    var pages = await LoadBenchmark.PagesAsync(options.Connection, options.Provider, province);
    var lua = Path.Combine(AppContext.BaseDirectory, "report.lua");
    var results = await LoadBenchmark.RunAsync(app, pages, options.Int("--seconds", 20), options.Int("--clients", 16), lua);
    var export = await LoadBenchmark.SequentialAsync(app, pages.Single(p => p.Heavy), 3);
    Console.WriteLine($"Machine: {machine}\n");
    Console.Write(LoadBenchmark.ToMarkdown(results, export));
}

static async Task<bool> RunMixedAsync(Options options)
{
    var sizeText = await GenerateAsync(options);
    var reminders = options.Has("--reminders");
    var seconds = options.Int("--seconds", 60);
    var clients = options.Int("--clients", 16);
    var writeShare = options.Double("--write-share", 0.1);
    if (writeShare is < 0 or > 1 || seconds < 1 || clients < 1)
    {
        throw new ArgumentException("--write-share must lie between 0 and 1, --seconds and --clients be at least 1.");
    }

    Console.Error.WriteLine("Choosing the users and sampling their scopes…");
    var (users, findings) = await MixedUsers.ChooseAsync(options.Provider, options.Connection, seed: 2026, Console.Error);
    var machine = LoadBenchmark.Machine(options.Provider, sizeText)
        + (reminders ? "; the reminder job's first run fired as the measured run starts" : "; reminder job off");
    var settings = new Dictionary<string, string>
    {
        ["Database:Provider"] = options.Provider.ToString(),
        ["ConnectionStrings:Rectification"] = options.Connection,
        ["Demo:Seed"] = "false",
        // With --reminders the driver fires the job itself, when the measured run starts (POST /benchmark/reminders).
        ["Reminders:Enabled"] = "false",
        ["Benchmark:CountSqlCommands"] = "true",
        ["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "rectification-bench-evidence"),
        // 64+ sign-ins from one loopback address in a few seconds (AppProcess raises it for every verb as well).
        ["RateLimits:LoginPerMinute"] = "1000000",
    };
    await using var app = await AppProcess.StartAsync(options.App, settings);
    var report = await MixedBenchmark.RunAsync(app, users, findings, seconds, clients, writeShare, reminders);
    Console.WriteLine($"Machine: {machine}\n");
    Console.Write(report.ToMarkdown());
    report.PrintProblems(Console.Error);
    report.PrintMostSqlCommands(Console.Error);
    return report.Errors == 0;
}

static async Task RunExplainAsync(Options options)
{
    var sizeText = await GenerateAsync(options);
    await using var app = await AppProcess.StartAsync(options.App, new Dictionary<string, string>
    {
        ["Database:Provider"] = options.Provider.ToString(),
        ["ConnectionStrings:Rectification"] = options.Connection,
        ["Demo:Seed"] = "false",
        ["Reminders:Enabled"] = "false",
        ["Benchmark:CountSqlCommands"] = "true",
        ["Benchmark:ExplainSql"] = "true",
        ["Evidence:Root"] = Path.Combine(Path.GetTempPath(), "rectification-bench-evidence"),
    });
    var plans = await ExplainBenchmark.RunAsync(app, options.Provider, options.Connection);
    Console.WriteLine($"{options.Provider}, {sizeText}\n");
    Console.Write(plans);
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

    public double Double(string name, double fallback) =>
        double.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

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
