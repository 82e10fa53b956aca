using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Archive;
using Rectification.Core.Auditing;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Counting;
using Rectification.Core.Dashboards;
using Rectification.Core.Data;
using Rectification.Core.Demo;
using Rectification.Core.Evidence;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Core.Findings.Bulk;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.Core.Mechanisms;
using Rectification.Core.Notifications;
using Rectification.Core.Notifications.GroupRobots;
using Rectification.Core.Reports;
using Rectification.Core.Time;
using Rectification.Core.Units;
using Rectification.Core.Urging;

namespace Rectification.Core;

public static class CoreServices
{
    /// <summary>Everything of Core a host needs: options, clock, database, business services and authorization.</summary>
    public static IServiceCollection AddRectificationCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.RequireTwoFactorForRoles.All(r => Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)), "Account:RequireTwoFactorForRoles names an unknown role.")
            .ValidateOnStart();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));
        services.Configure<TimeOptions>(configuration.GetSection(TimeOptions.Section));
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.Configure<EvidenceOptions>(configuration.GetSection(EvidenceOptions.Section));
        services.AddSmtpOptions(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BusinessClock>();
        services.AddRectificationDatabase(configuration);
        services.AddRectificationAuthorization();

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<UnitService>();
        services.AddSingleton<UnitDirectory>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<UserSessionService>();
        services.AddSingleton<PasswordExpiry>();
        services.AddScoped<InspectionService>();
        services.AddScoped<FindingQueries>();
        services.AddScoped<TallyQueries>();
        services.AddScoped<EditConflicts>();
        services.AddScoped<FindingPeople>();
        services.AddScoped<FindingEditor>();
        services.AddScoped<FindingWorkflowService>();
        services.AddScoped<BulkFindingService>();
        services.AddScoped<FollowUpService>();
        services.AddScoped<FollowUpQueries>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationService>();
        services.AddScoped<ExtensionService>();
        services.AddScoped<UrgeService>();
        services.AddScoped<DashboardService>();
        services.TryAddScoped<IAuditContext>(provider => new SystemAuditContext(provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<AuditArchiver>();
        services.AddScoped<SeparateAudit>();
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton(provider => new AuditStorage(
            provider.GetRequiredService<IOptions<AuditOptions>>().Value, provider.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddSingleton<AuditSigningKeys>();
        services.AddSingleton<AuditDigestLog>();
        services.AddScoped<AuditDigestWriter>();
        services.AddHostedService<AuditDigestService>();
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddScoped<ReminderJob>();
        services.AddScoped<MailOutbox>();
        services.Configure<GroupRobotOptions>(configuration.GetSection(GroupRobotOptions.Section));
        services.AddScoped<GroupRobotSender>();
        services.AddScoped<GroupRobotOutbox>();
        services.AddScoped<GroupRobotService>();
        // No redirects (they could lead anywhere) and no request logging (the address carries the robot's key).
        services.AddHttpClient(GroupRobotSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.Configure<AppLinkOptions>(configuration.GetSection(AppLinkOptions.Section));
        services.AddHostedService<ReminderService>();
        services.AddScoped<MechanismService>();
        services.AddScoped<Visits.SiteVisitService>();
        services.AddScoped<ReportService>();
        services.AddScoped<ReportCommentService>();
        services.AddScoped<PublicReportService>();
        services.AddScoped<LedgerExporter>();
        services.AddScoped<ArchiveService>();
        services.AddScoped<LedgerImporter>();
        services.AddSingleton<IEvidenceStore, FileSystemEvidenceStore>();
        services.AddHostedService<EvidenceSweeper>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }
}
