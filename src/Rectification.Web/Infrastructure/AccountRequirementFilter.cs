using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Rectification.Core.Scoping;
using Rectification.Web.Features.Account;
using Rectification.Web.Features.Language;
using Rectification.Web.Features.TwoFactor;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// A user who must first change their password (set by an administrator, or expired) or set up two-factor
/// authentication (their role requires it) may do nothing else until they have: every other page redirects there.
/// The password comes first; signing out and switching the language are always allowed.
/// </summary>
public sealed class AccountRequirementFilter : IActionFilter
{
    private static readonly string s_account = ControllerName(nameof(AccountController));
    private static readonly string s_twoFactor = ControllerName(nameof(TwoFactorController));
    private static readonly string s_language = ControllerName(nameof(LanguageController));

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var user = context.HttpContext.User;
        var controller = context.RouteData.Values["controller"] as string;
        var action = context.RouteData.Values["action"] as string;
        if ((controller == s_account && action == nameof(AccountController.Logout)) || controller == s_language)
        {
            return;
        }

        if (user.HasClaim(c => c.Type == ScopeClaims.MustChangePassword))
        {
            if (!(controller == s_account && action == nameof(AccountController.ChangePassword)))
            {
                context.Result = new RedirectToActionResult(nameof(AccountController.ChangePassword), s_account, null);
            }
        }
        else if (user.HasClaim(c => c.Type == ScopeClaims.MustSetUpTwoFactor))
        {
            if (!(controller == s_twoFactor && action is nameof(TwoFactorController.Setup) or nameof(TwoFactorController.QrCode)))
            {
                context.Result = new RedirectToActionResult(nameof(TwoFactorController.Setup), s_twoFactor, null);
            }
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    private static string ControllerName(string typeName) => typeName.Replace("Controller", string.Empty, StringComparison.Ordinal);
}
