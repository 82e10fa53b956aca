using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;

namespace Rectification.Core.Authorization;

/// <summary>Every named policy of the application, and the roles behind it. Controllers name policies, never roles.</summary>
public static class Policies
{
    /// <summary>Users, units and roles.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>Creating inspections and logging findings.</summary>
    public const string ManageInspections = nameof(ManageInspections);

    /// <summary>The review queue (待审核): reviewing evidence and closing findings off.</summary>
    public const string ReviewFindings = nameof(ReviewFindings);

    /// <summary>Registering 长效机制: the inspection office, and unit heads for their units' documents.</summary>
    public const string RegisterMechanisms = nameof(RegisterMechanisms);

    /// <summary>Reading the public report's draft and exporting it: those who watch the whole inspection.</summary>
    public const string ReadReports = nameof(ReadReports);

    /// <summary>Drafting, publishing and unpublishing the public report, and handling the public's comments on it.</summary>
    public const string PublishReports = nameof(PublishReports);

    /// <summary>Reading on-site visits (现场查验): the inspection office records them, leaders and the administrator read them.</summary>
    public const string ReadSiteVisits = nameof(ReadSiteVisits);

    /// <summary>The audit trail's viewer: administrators, and the inspection office for its own scope.</summary>
    public const string ViewAudit = nameof(ViewAudit);

    /// <summary>A unit's 企业微信 / 钉钉 group robot; which unit is checked by <c>UserScope.ManagesGroupRobotOf</c>.</summary>
    public const string ManageGroupRobots = nameof(ManageGroupRobots);

    public static IServiceCollection AddRectificationAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(ManageInspections, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice))
            .AddPolicy(ViewAudit, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.InspectionOffice))
            .AddPolicy(ReviewFindings, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice))
            .AddPolicy(RegisterMechanisms, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice, Roles.UnitHead))
            .AddPolicy(ManageGroupRobots, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.InspectionOffice, Roles.UnitHead))
            .AddPolicy(ReadReports, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice, Roles.Admin, Roles.Leader))
            .AddPolicy(ReadSiteVisits, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice, Roles.Leader, Roles.Admin))
            .AddPolicy(PublishReports, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice, Roles.Admin))
            // Every page needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<IAuthorizationHandler, FindingAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, InspectionAuthorizationHandler>();
        return services;
    }
}
