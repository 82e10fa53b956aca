using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Rectification.Core.Scoping;
using Rectification.Web.Features.Account;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// A user whose password an administrator set may do nothing but change it (and sign out) until they have.
/// </summary>
public sealed class PasswordChangeRequiredFilter : IActionFilter
{
    private static readonly string s_controller = nameof(AccountController).Replace("Controller", string.Empty, StringComparison.Ordinal);

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (!context.HttpContext.User.HasClaim(c => c.Type == ScopeClaims.MustChangePassword))
        {
            return;
        }

        var values = context.RouteData.Values;
        var exempt = values["controller"] as string == s_controller
            && values["action"] is nameof(AccountController.ChangePassword) or nameof(AccountController.Logout);
        if (!exempt)
        {
            context.Result = new RedirectToActionResult(nameof(AccountController.ChangePassword), s_controller, null);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
