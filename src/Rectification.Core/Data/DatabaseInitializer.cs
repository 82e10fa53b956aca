using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Counting;
using Rectification.Core.Demo;
using Rectification.Core.Findings;
using Rectification.Core.Time;
using Rectification.Core.Units;

namespace Rectification.Core.Data;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo county, accounts and inspection into an empty database.</summary>
    public bool Seed { get; set; }
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>When set and the database has no accounts, an administrator is created with this password.</summary>
    public string? AdminPassword { get; set; }

    public string AdminUserName { get; set; } = "admin";

    public string RootUnitName { get; set; } = "本级单位";

    public string RootUnitCode { get; set; } = "ROOT";
}

/// <summary>Brings the database up to date at start-up: migrations, then demo data or the first administrator.</summary>
public sealed partial class DatabaseInitializer(
    RectificationDbContext db,
    IOptions<DatabaseOptions> database,
    IOptions<DemoOptions> demo,
    IOptions<BootstrapOptions> bootstrap,
    DemoSeeder seeder,
    UserManager<AppUser> userManager,
    BusinessClock clock,
    IOptions<DeadlineOptions> deadlines,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers read on while a write commits, and a write waits only for another write.
            // The mode is stored in the database file, so this changes it once (and is a no-op afterwards).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (database.Value.MigrateOnStartup)
        {
            // EF Core takes a database lock while migrating, so several instances can start together.
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            // SQLite plans joins from table statistics it only has once analysed; without them the findings list and
            // the dashboard pick a status index over the unit one and read every open finding. This analyses what needs
            // it (cheap when the statistics are current), as SQLite recommends for long-lived databases.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }

        await CountingSetup.EnsureCurrentAsync(db, deadlines.Value, logger, cancellationToken);

        if (demo.Value.Seed)
        {
            await seeder.SeedAsync(cancellationToken);
        }
        else if (bootstrap.Value.AdminPassword is { Length: > 0 } password)
        {
            await CreateFirstAdministratorAsync(password, cancellationToken);
        }
    }

    private async Task CreateFirstAdministratorAsync(string password, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var options = bootstrap.Value;
        var root = await db.Units.OrderBy(u => u.Path).FirstOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            root = new OrgUnit { Name = options.RootUnitName, Code = options.RootUnitCode, Kind = OrgUnitKind.PartyCommittee };
            db.Units.Add(root);
            await db.SaveChangesAsync(cancellationToken);
            root.Path = UnitPath.Root(root.Id);
            root.Depth = UnitPath.DepthOf(root.Path);
            await db.SaveChangesAsync(cancellationToken);
        }

        var admin = new AppUser
        {
            UserName = options.AdminUserName,
            DisplayName = "系统管理员",
            UnitId = root.Id,
            CreatedAt = clock.UtcNow,
            MustChangePassword = true,
        };
        var created = await userManager.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "Bootstrap:AdminPassword was refused: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await userManager.AddToRoleAsync(admin, Roles.Admin);
        LogAdministratorCreated(logger, options.AdminUserName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator account {UserName}; it must change its password at first sign-in")]
    private static partial void LogAdministratorCreated(ILogger logger, string userName);
}
