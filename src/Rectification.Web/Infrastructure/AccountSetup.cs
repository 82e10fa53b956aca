using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Data;

namespace Rectification.Web.Infrastructure;

/// <summary>Identity, the sign-in cookie, sessions and data protection, configured from <see cref="AccountOptions"/>.</summary>
public static class AccountSetup
{
    /// <summary>Fixed so that every instance (and every release) reads the others' cookies and tokens.</summary>
    public const string DataProtectionApplicationName = "Rectification";

    public static IServiceCollection AddRectificationAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>()
            .AddEntityFrameworkStores<RectificationDbContext>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider under its own name: each code works once.
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddUserManager<AppUserManager>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        // The policy validator is the whole password policy; Identity's own would demand every character class.
        services.Replace(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, PasswordPolicyValidator>());
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accountOptions) =>
        {
            var account = accountOptions.Value;
            identity.User.RequireUniqueEmail = false;
            identity.Password.RequiredLength = account.PasswordMinLength;
            identity.Lockout.MaxFailedAccessAttempts = account.LockoutMaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = account.LockoutDuration;
            identity.Lockout.AllowedForNewUsers = true;
        });

        services.AddScoped<SessionCookieEvents>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "Rectification.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.SlidingExpiration = true;
            options.EventsType = typeof(SessionCookieEvents);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AccountOptions>>((cookie, account) => cookie.ExpireTimeSpan = account.Value.IdleTimeout);

        // Session lifetimes follow the app's TimeProvider (the tests' fake clock), not the machine's clock.
        services.AddOptions<SecurityStampValidatorOptions>().PostConfigure<TimeProvider>((options, time) => options.TimeProvider = time);
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).PostConfigure<TimeProvider>((options, time) => options.TimeProvider = time);
        }

        // Keys in the database: restarts and every instance on the same database keep accepting each other's cookies.
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<RectificationDbContext>();
        return services;
    }
}
