using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Scoping;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// Ties the sign-in cookie to a server-side session (<see cref="UserSessionService"/>): a new sign-in starts one,
/// and every request checks that it is still open, younger than the absolute limit and of the account as it is now
/// (<see cref="ValidatePrincipal"/>). The idle timeout is the cookie's own sliding expiry.
/// </summary>
public sealed class SessionCookieEvents(UserSessionService sessions, IOptions<IdentityOptions> identityOptions) : CookieAuthenticationEvents
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

    /// <summary>
    /// One query per request (<see cref="UserSessionService.CheckAsync"/>) does what Identity's security-stamp check
    /// did once a minute with several: a closed or expired session, or a renewed security stamp (new unit, roles, a
    /// disabled account, a new password elsewhere), ends the sign-in; an account changed in another way, or a password
    /// that has expired since, gets its claims made again.
    /// </summary>
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var check = userId is not null && SessionId(context.Properties) is { } id
            ? await sessions.CheckAsync(id, userId, context.HttpContext.RequestAborted)
            : null;
        var stampClaim = identityOptions.Value.ClaimsIdentity.SecurityStampClaimType;
        if (principal is null || check is null || check.SecurityStamp is null || principal.FindFirstValue(stampClaim) != check.SecurityStamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        if (principal.FindFirstValue(ScopeClaims.UserVersion) != check.Version
            || principal.HasClaim(c => c.Type == ScopeClaims.MustChangePassword) != check.MustChangePassword)
        {
            await RefreshAsync(context, userId!);
        }
    }

    /// <summary>The claims made again from the account, as at sign-in; the cookie is renewed with them.</summary>
    private static async Task RefreshAsync(CookieValidatePrincipalContext context, string userId)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await signIn.UserManager.FindByIdAsync(userId) is not { } user || !await signIn.CanSignInAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
        context.ShouldRenew = true;
    }

    /// <summary>A role that may not do something gets a plain 403 page, not a redirect to another page.</summary>
    /// <remarks>The refusal is recorded in the audit trail.</remarks>
    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.HttpContext.RequestServices.GetRequiredService<SeparateAudit>().RecordAsync(AuditActions.AccessDenied, "Policy", null,
            AuditOutcome.Denied, new { status = 403, path = context.Request.Path.Value, method = context.Request.Method }, context.HttpContext.RequestAborted);
    }
}
