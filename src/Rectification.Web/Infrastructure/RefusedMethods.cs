namespace Rectification.Web.Infrastructure;

/// <summary>
/// TRACE (and its old twin TRACK) echo a request back, cookies and all, and no page of this application needs them:
/// 405 for every path, before routing can match an action that accepts any method.
/// </summary>
public static class RefusedMethods
{
    public static IApplicationBuilder UseRefusedMethods(this IApplicationBuilder app) => app.Use(InvokeAsync);

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsTrace(context.Request.Method) && !string.Equals(context.Request.Method, "TRACK", StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD, POST";
        return Task.CompletedTask;
    }
}
