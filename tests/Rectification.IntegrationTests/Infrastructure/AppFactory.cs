using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on its own fresh database (through the real migrations), with the demo data, and a fake clock
/// that starts at 10:00 China Standard Time on 1 December 2026.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private const string TestingEnvironment = "Testing";

    /// <summary>
    /// Migrating and seeding take most of an app's start-up, and give the same result every time (the seed reads
    /// the fake clock): it is done once per test run, and each app starts on a copy.
    /// </summary>
    private static readonly Lazy<(TestDatabase Database, string EvidenceRoot)> s_template = new(BuildTemplate);

    private readonly TestDatabase _database;
    private readonly bool _ownsData;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _environment;

    static AppFactory()
    {
        // Each app would watch its appsettings files, one inotify instance per app; a test run starts hundreds of
        // apps and reached the kernel's default of 128 per user ("The configured user limit (128) on the number of
        // inotify instances has been reached"). No test edits those files.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public AppFactory()
        : this(FromTemplate.Yes, new Dictionary<string, string?>())
    {
    }

    private enum FromTemplate
    {
        Yes,
        No,
    }

    /// <summary>An app on its own copy of the demo database and evidence.</summary>
    private AppFactory(FromTemplate fromTemplate, IReadOnlyDictionary<string, string?> settings, string environment = TestingEnvironment)
    {
        _settings = settings;
        _environment = environment;
        _ownsData = true;
        EvidenceRoot = Path.Combine(Path.GetTempPath(), "rectification-evidence-" + Guid.NewGuid().ToString("N"));
        if (fromTemplate == FromTemplate.Yes)
        {
            var (database, evidence) = s_template.Value;
            _database = TestDatabase.Create(database);
            CopyDirectory(evidence, EvidenceRoot);
        }
        else
        {
            _database = TestDatabase.Create();
        }
    }

    /// <summary>A second host on another's database and evidence store, which stay the other's.</summary>
    private AppFactory(AppFactory other)
    {
        _settings = other._settings;
        _environment = other._environment;
        _database = other._database;
        EvidenceRoot = other.EvidenceRoot;
        _ownsData = false;
    }

    /// <summary>This app's evidence store, removed with it (unless it is another app's).</summary>
    public string EvidenceRoot { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>This app's audit archives, digest folder and digest signing key, beside its evidence.</summary>
    public IReadOnlyDictionary<string, string> AuditSettings => new Dictionary<string, string>
    {
        ["Audit:ArchiveRoot"] = Path.Combine(EvidenceRoot, "audit-archive"),
        ["Audit:Digest:Folder"] = AuditDigestFolder,
        ["Audit:Digest:SigningKeyFile"] = Path.Combine(EvidenceRoot, "audit-digest-key.pem"),
    };

    public string AuditDigestFolder => Path.Combine(EvidenceRoot, "audit-digests");

    public DatabaseProvider Provider => _database.Provider;

    /// <summary>The app's database, for a second process (a command-line verb) to open.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>An app on its own fresh database with extra configuration (e.g. "Account:RequireTwoFactorForRoles:0").</summary>
    public static AppFactory WithSettings(IReadOnlyDictionary<string, string?> settings) =>
        new(FromTemplate.Yes, settings);

    /// <summary>
    /// An app in another hosting environment (Development, Production) than the tests' own, which is neither: with
    /// that environment's settings file and error handling.
    /// </summary>
    public static AppFactory InEnvironment(string environment) => new(FromTemplate.Yes, new Dictionary<string, string?>(), environment);

    /// <summary>
    /// A second app host on <paramref name="other"/>'s database, as a second instance behind a load balancer
    /// would be: same data and evidence store, its own process state and clock. Both stay <paramref name="other"/>'s.
    /// </summary>
    public static AppFactory OnDatabaseOf(AppFactory other) => new(other);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Rectification", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Evidence:Root", EvidenceRoot);
        foreach (var (key, value) in AuditSettings)
        {
            builder.UseSetting(key, value);
        }

        // Production has its key made by the operator; a test app makes its own (in the template, copied with the rest).
        builder.UseSetting("Audit:Digest:CreateKeyIfMissing", "true");
        // Tests run the reminder job and the outbox themselves, at the fake clock's moments.
        builder.UseSetting("Reminders:Enabled", "false");
        // Tests sign in dozens of users within a second, all from the test server's one address.
        builder.UseSetting("RateLimits:LoginPerMinute", "100000");
        // Keep test output readable (warnings and errors only) and log files out of the source tree.
        var level = Environment.GetEnvironmentVariable("RECTIFICATION_TEST_LOG_LEVEL") ?? "Warning";
        builder.UseSetting("Serilog:MinimumLevel:Default", level);
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", level);
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(Path.GetTempPath(), "rectification-tests", "log-.log"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Over HTTPS, as in production: the app's cookies are Secure and would not be sent over plain HTTP.</summary>
    public static readonly Uri BaseAddress = new("https://localhost");

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = BaseAddress });

    /// <summary>Signs in through the real login form and returns a client that carries the session cookie.</summary>
    public async Task<AppClient> LoginAsync(string userName, string password = Demo.Password)
    {
        var client = new AppClient(CreateBrowserlessClient());
        await client.LoginAsync(userName, password);
        return client;
    }

    public AppClient Anonymous() => new(CreateBrowserlessClient());

    /// <summary>A client that sends exactly the given Cookie header and keeps no cookies of its own: a copied cookie.</summary>
    public AppClient WithCookie(string cookieHeader)
    {
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress });
        http.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return new AppClient(http);
    }

    /// <summary>A database context that sees everything, for setting up and checking the data behind the pages.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<RectificationDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<RectificationDbContext>>();
        await using var db = new RectificationDbContext(options, new FixedScope(UserScope.System));
        return await work(db);
    }

    public Task WithDatabaseAsync(Func<RectificationDbContext, Task> work) =>
        WithDatabaseAsync(async db =>
        {
            await work(db);
            return true;
        });

    private static (TestDatabase Database, string EvidenceRoot) BuildTemplate()
    {
        var template = new AppFactory(FromTemplate.No, new Dictionary<string, string?>());
        _ = template.Services; // starts the app: migrations and demo data
        var result = (template._database, template.EvidenceRoot);
        template.StopKeepingData();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            result._database.Dispose();
            Directory.Delete(result.EvidenceRoot, recursive: true);
        };
        return result;
    }

    private bool _keepData;

    /// <summary>Stops the template's app but leaves its database and files for the copies.</summary>
    private void StopKeepingData()
    {
        _keepData = true;
        Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_keepData && _ownsData)
        {
            _database.Dispose();
            if (Directory.Exists(EvidenceRoot))
            {
                Directory.Delete(EvidenceRoot, recursive: true);
            }
        }
    }
}

public static class Demo
{
    public const string Password = Rectification.Core.Demo.DemoSeeder.Password;
}
