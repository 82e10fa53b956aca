using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Rectification.Core;
using Rectification.Core.Auditing;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.Web.Infrastructure;
using Serilog;

namespace Rectification.Web;

/// <summary>The web host's services and pipeline, kept out of Program.cs so tests and tools build the same app.</summary>
public static class WebSetup
{
    public static readonly CultureInfo[] SupportedCultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddRectificationWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSerilog(
            (provider, logger) => logger.ReadFrom.Configuration(configuration).ReadFrom.Services(provider),
            preserveStaticLogger: true);

        services.AddRectificationCore(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<HttpContextScope>();
        services.AddScoped<ICurrentScope>(provider => provider.GetRequiredService<HttpContextScope>());
        services.AddScoped<IAuditContext, HttpAuditContext>();

        services.AddRectificationAccounts();
        services.AddRectificationSecurity(builder.WebHost, configuration, builder.Environment);

        // Chinese text goes into pages as itself, not as &#x…; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedModelBindingMessages>();
        services.AddScoped<DisplayFormatter>();
        services.AddScoped<Features.Evidence.EvidenceUploadReader>();
        services.AddRectificationRateLimits(configuration);
        services.AddScoped<Features.Ledger.LedgerUploadReader>();
        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new AccountRequirementFilter());
                options.Filters.Add<AuditDeniedAccessFilter>();
                options.Filters.Add<MalformedParametersFilter>();
                options.ModelBinderProviders.Insert(0, new BooleanModelBinderProvider());
                options.ModelBinderProviders.Insert(0, new TextModelBinderProvider());
                // Added here, after the data-annotations provider that AddControllersWithViews configures first.
                options.ModelMetadataDetailsProviders.Add(new LocalizedValidationMessages());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddRazorOptions(options =>
            {
                // Feature folders: a feature's controller, view models and views sit side by side.
                options.ViewLocationFormats.Clear();
                options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            });

        services.AddRectificationForwardedHeaders(configuration);
        services.AddHealthChecks().AddDbContextCheck<RectificationDbContext>("database", tags: ["ready"]);
        if (SqlCommandCounter.IsEnabled(configuration))
        {
            SqlCommandCounter.AddTo(services);
        }

        if (SqlPlanRecorder.IsEnabled(configuration))
        {
            SqlPlanRecorder.AddTo(services);
        }

        return builder;
    }

    /// <summary>
    /// Behind a reverse proxy the connection comes from the proxy: X-Forwarded-For and X-Forwarded-Proto say who the
    /// client is and whether it used HTTPS. They are believed only from the loopback address (a proxy on the same
    /// host) and from the addresses in <c>ForwardedHeaders:KnownProxies</c> and networks in
    /// <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>), so a client cannot claim another address.
    /// </summary>
    public static IServiceCollection AddRectificationForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        // Parsed now, so that a wrong address stops start-up instead of the first request.
        var section = configuration.GetSection("ForwardedHeaders");
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => IPAddress.TryParse(p.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address."))
            .ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
                ? network
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (10.0.0.0/24)."))
            .ToList();
        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = limit;
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<HttpContextScope>().Override = UserScope.System;
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    public static WebApplication UseRectificationPipeline(this WebApplication app)
    {
        // First, so that everything after it (logs, audit, rate limits, cookies' Secure flag) sees the real client.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseRefusedMethods();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Home/Error");
            app.UseHsts();
        }

        app.UseCookiePolicy();

        if (SqlCommandCounter.IsEnabled(app.Configuration))
        {
            SqlCommandCounter.UseIn(app);
            BenchmarkReminders.MapIn(app);
        }

        if (SqlPlanRecorder.IsEnabled(app.Configuration))
        {
            SqlPlanRecorder.MapIn(app);
        }

        app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
        // The host's logger, not the static one: the static logger is only the start-up fallback (see Program.cs).
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseClientDisconnects();
        app.UseMalformedRequests();
        app.UseRouting();
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            // Chinese unless the user chose otherwise: the browser's language is deliberately not consulted.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        // After routing (policies are per endpoint) and after the status-code pages, which render the 429.
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}").WithStaticAssets();
        return app;
    }
}
