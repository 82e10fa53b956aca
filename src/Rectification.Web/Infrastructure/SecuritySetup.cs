using Microsoft.AspNetCore.Http.Features;

namespace Rectification.Web.Infrastructure;

/// <summary>Request size limits, cookie flags and HSTS (<c>Security:*</c> settings).</summary>
public sealed class SecurityOptions
{
    /// <summary>The largest request body outside the evidence and ledger uploads, which set their own limits.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Cookies carry the <c>Secure</c> flag (sent over HTTPS only). On by default outside Development; turn it off
    /// only for a test host on plain HTTP loopback.
    /// </summary>
    public bool SecureCookies { get; set; } = true;

    /// <summary>How long browsers remember to use HTTPS only (Strict-Transport-Security), outside Development.</summary>
    public int HstsDays { get; set; } = 365;
}

public static class SecuritySetup
{
    public static IServiceCollection AddRectificationSecurity(
        this IServiceCollection services, IWebHostBuilder webHost, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var security = configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();

        // Every request body is limited; the upload readers raise the limit for their own requests only.
        webHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = security.MaxRequestBodyBytes);
        services.Configure<FormOptions>(form =>
        {
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, security.MaxRequestBodyBytes);
            form.ValueCountLimit = 2048;
        });

        // Applies to every cookie the app sets: sign-in, antiforgery, language.
        services.Configure<CookiePolicyOptions>(cookies =>
        {
            cookies.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            cookies.MinimumSameSitePolicy = SameSiteMode.Lax;
            cookies.Secure = security.SecureCookies && !environment.IsDevelopment() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(security.HstsDays);
            hsts.IncludeSubDomains = false;
        });
        return services;
    }
}
