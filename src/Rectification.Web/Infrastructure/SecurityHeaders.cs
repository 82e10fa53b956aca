namespace Rectification.Web.Infrastructure;

/// <summary>
/// The response headers every page and file carries. The content security policy allows scripts, styles, fonts
/// and connections from this site only — no inline script or style anywhere, so an injected tag does nothing — and
/// no framing at all, except of an evidence file by the app's own preview page (<see cref="AllowSameOriginFraming"/>).
/// </summary>
public static class SecurityHeaders
{
    private const string Sources =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'self'; frame-src 'self'; base-uri 'self'; form-action 'self'; ";

    public const string ContentSecurityPolicy = Sources + "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>Lets this site's own pages frame the response (the PDF shown inside the evidence preview page).</summary>
    public static void AllowSameOriginFraming(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Sources + "frame-ancestors 'self'";
        response.Headers.XFrameOptions = "SAMEORIGIN";
    }
}
