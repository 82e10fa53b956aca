using Rectification.Benchmarks;

// Benchmarks of the running app. run.sh builds the app in Release and calls these verbs.
//   evidence --app <Rectification.Web.dll> [--size-mb 100]
//   ledger --app <Rectification.Web.dll>
var options = Options.Parse(args);
switch (options.Verb)
{
    case "evidence":
        await RunEvidenceAsync(options);
        break;
    case "ledger":
        await RunLedgerAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: evidence --app <Rectification.Web.dll> [--size-mb 100] | ledger --app <Rectification.Web.dll>");
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

internal sealed record Options(string Verb, string App, int SizeMegabytes)
{
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
            int.Parse(Value("--size-mb", "100"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
