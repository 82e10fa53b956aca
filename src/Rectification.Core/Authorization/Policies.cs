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

    public static IServiceCollection AddRectificationAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(ManageInspections, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice))
            .AddPolicy(ReviewFindings, p => p.RequireAuthenticatedUser().RequireRole(Roles.InspectionOffice))
            // Every page needs a signed-in user unless it says [AllowAnonymous].
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddSingleton<IAuthorizationHandler, FindingAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, InspectionAuthorizationHandler>();
        return services;
    }
}
