namespace Rectification.Web.Infrastructure;

/// <summary>
/// A request the server cannot read — a malformed upload (<see cref="MultipartForm"/>), a body over its limit — is the
/// client's error: it ends with the status the exception carries (400, 413) and the status page in the user's
/// language, in every environment. Without this only the Development error page knows the status; the Production
/// exception handler turned such a request into a 500 and an error in the log.
/// </summary>
public static class MalformedRequests
{
    public static IApplicationBuilder UseMalformedRequests(this IApplicationBuilder app) => app.Use(InvokeAsync);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MalformedRequests))
                .LogInformation("Malformed request answered {StatusCode}: {Reason}", exception.StatusCode, exception.Message);
            context.Response.Clear();
            context.Response.StatusCode = exception.StatusCode;
        }
    }
}
