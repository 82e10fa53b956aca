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

    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public AppFactory()
        : this(TestDatabase.Create(), ownsDatabase: true, new Dictionary<string, string?>())
    {
    }

    private AppFactory(TestDatabase database, bool ownsDatabase, IReadOnlyDictionary<string, string?> settings)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        _settings = settings;
    }

    /// <summary>This app's own evidence store, removed with it.</summary>
    public string EvidenceRoot { get; } = Path.Combine(Path.GetTempPath(), "rectification-evidence-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    public DatabaseProvider Provider => _database.Provider;

    /// <summary>An app on its own fresh database with extra configuration (e.g. "Account:RequireTwoFactorForRoles:0").</summary>
    public static AppFactory WithSettings(IReadOnlyDictionary<string, string?> settings) =>
        new(TestDatabase.Create(), ownsDatabase: true, settings);

    /// <summary>
    /// A second app host on <paramref name="other"/>'s database, as a second instance behind a load balancer
    /// would be: same data, its own process state and clock. The database stays <paramref name="other"/>'s.
    /// </summary>
    public static AppFactory OnDatabaseOf(AppFactory other) => new(other._database, ownsDatabase: false, other._settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Rectification", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Evidence:Root", EvidenceRoot);
        // Tests run the reminder job and the outbox themselves, at the fake clock's moments.
        builder.UseSetting("Reminders:Enabled", "false");
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

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

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
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_ownsDatabase)
            {
                _database.Dispose();
            }

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
