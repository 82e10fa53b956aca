using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Data;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="UserSessionService"/>): a new sign-in starts one,
/// and every request checks that it is still open and younger than the absolute limit before Identity's
/// security-stamp check (once a minute) refreshes the user's claims. The idle timeout is the cookie's own sliding
/// expiry.
/// </summary>
public sealed class SessionCookieEvents(UserSessionService sessions) : CookieAuthenticationEvents
{
    private const string SessionItem = ".rect.session";

    public static Guid? SessionId(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SessionItem, out var value) == true && Guid.TryParse(value, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public override async Task SigningIn(CookieSigningInContext context)
    {
        // A refresh of the same sign-in (after a password change or 2FA set-up) keeps its session, and with it the
        // absolute limit counted from the real sign-in; only a new sign-in starts a new one.
        if (SessionId(context.Properties) is null && context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var id = await sessions.StartAsync(userId, context.HttpContext.RequestAborted);
            context.Properties.Items[SessionItem] = id.ToString();
        }
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || SessionId(context.Properties) is not { } id
            || !await sessions.IsActiveAsync(id, userId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        // Identity puts this on the options' events; the events type replaces those, so it is called here.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>A role that may not do something gets a plain 403 page, not a redirect to another page.</summary>
    /// <remarks>The refusal is recorded in the audit trail.</remarks>
    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var db = context.HttpContext.RequestServices.GetRequiredService<RectificationDbContext>();
        db.Audit(AuditActions.AccessDenied, "Policy", null, AuditOutcome.Denied,
            new { status = 403, path = context.Request.Path.Value, method = context.Request.Method });
        await db.SaveChangesAsync(context.HttpContext.RequestAborted);
    }
}
