using Microsoft.AspNetCore.Diagnostics;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// A request whose client went away (a closed tab, a proxy's timeout, a load test's end) stops at its next awaited
/// query with a cancellation: that is not a server error. It ends as 499 (nginx's status for it), which the request
/// log writes as an information line, not as an error with a stack trace that would bury the real ones.
/// </summary>
public static class ClientDisconnects
{
    public const int ClientClosedRequest = 499;

    public static IApplicationBuilder UseClientDisconnects(this IApplicationBuilder app) => app.Use(InvokeAsync);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            context.Response.StatusCode = ClientClosedRequest;
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false; // nobody is there to read the page
            }
        }
    }
}
