using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Scoping;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Account;

public sealed class AccountController(
    AppSignInManager signInManager,
    UserManager<AppUser> userManager,
    UserSessionService sessions,
    IOptions<AccountOptions> accountOptions,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    /// <summary>
    /// One message for a wrong password, an unknown name, a disabled or a locked account: the page never tells an
    /// outsider which accounts exist or what state they are in.
    /// </summary>
    public const string LoginRefused = "登录失败:用户名或密码不正确,或账号已停用、已被临时锁定。";

    public const string SecondStepRefused = "验证失败:验证码不正确,或账号已停用、已被临时锁定。";

    /// <summary>A right authenticator code used a second time (each works once): wait for the app's next one.</summary>
    public const string CodeAlreadyUsed = "验证失败:该验证码已使用过,每个验证码只能使用一次。请等身份验证器显示新的验证码后再输入。";

    [HttpGet]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl = null) => View(new LoginViewModel { ReturnUrl = returnUrl });

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Login)]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        // A sign-in from a browser that is still signed in replaces that session rather than leaving it open.
        await EndCurrentSessionAsync();

        // The outcome tells the cases apart for the record; the page shows them all alike.
        var outcome = await signInManager.SignInWithPasswordAsync(model.UserName!.Trim(), model.Password!);
        switch (outcome)
        {
            case LoginOutcome.SignedIn:
                // A password to change or an authenticator to set up comes first (AccountRequirementFilter).
                return LocalRedirect(SafeReturnUrl(model.ReturnUrl));
            case LoginOutcome.RequiresTwoFactor:
                return RedirectToAction(nameof(LoginWithCode), new { returnUrl = model.ReturnUrl });
            default:
                ModelState.AddModelError(string.Empty, localizer[LoginRefused]);
                model.Password = null;
                return View(model);
        }
    }

    /// <summary>The second step: a code from the authenticator app.</summary>
    [HttpGet]
    [AllowAnonymous]
    public Task<IActionResult> LoginWithCode(string? returnUrl = null) => SecondStepPageAsync(returnUrl);

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Login)]
    public Task<IActionResult> LoginWithCode(SecondStepViewModel model) =>
        SecondStepAsync(model, nameof(LoginWithCode), () => signInManager.SignInWithAuthenticatorCodeAsync(model.Code!));

    /// <summary>The second step with a recovery code, for a user without their phone.</summary>
    [HttpGet]
    [AllowAnonymous]
    public Task<IActionResult> LoginWithRecoveryCode(string? returnUrl = null) => SecondStepPageAsync(returnUrl);

    [HttpPost]
    [AllowAnonymous]
    [EnableRateLimiting(RateLimits.Login)]
    public Task<IActionResult> LoginWithRecoveryCode(SecondStepViewModel model) =>
        SecondStepAsync(model, nameof(LoginWithRecoveryCode), () => signInManager.SignInWithRecoveryCodeAsync(model.Code!));

    /// <summary>Ends this session on the server, so the cookie it used is worthless even if it was copied.</summary>
    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await EndCurrentSessionAsync();
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(NewChangePasswordModel(new ChangePasswordViewModel()));

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordViewModel model)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        NewChangePasswordModel(model);
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        if (model.NewPassword == model.CurrentPassword)
        {
            ModelState.AddModelError(nameof(model.NewPassword), localizer["新密码不能与当前密码相同。"]);
            return View(model);
        }

        var result = await userManager.ChangePasswordAsync(user, model.CurrentPassword!, model.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(
                    error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(model.CurrentPassword) : nameof(model.NewPassword),
                    error.Description);
            }

            return View(model);
        }

        user.MustChangePassword = false;
        await userManager.UpdateAsync(user);
        // The change renewed the security stamp: other sessions end at their next check, this one carries on.
        await signInManager.RefreshSignInAsync(user);
        Flash(localizer["密码已修改。"]);
        return RedirectToAction("Index", "Home");
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult AccessDenied() => StatusCode(StatusCodes.Status403Forbidden);

    private async Task EndCurrentSessionAsync()
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (current.Succeeded && SessionCookieEvents.SessionId(current.Properties) is { } sessionId)
        {
            await sessions.EndAsync(sessionId);
        }
    }

    /// <summary>A second-step page (the action's own view), or back to the login when no first step is pending.</summary>
    private async Task<IActionResult> SecondStepPageAsync(string? returnUrl) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login), new { returnUrl })
            : View(new SecondStepViewModel { ReturnUrl = returnUrl });

    private async Task<IActionResult> SecondStepAsync(SecondStepViewModel model, string view, Func<Task<LoginOutcome>> signIn)
    {
        if (!ModelState.IsValid)
        {
            return View(view, model);
        }

        switch (await signIn())
        {
            case LoginOutcome.SignedIn:
                return LocalRedirect(SafeReturnUrl(model.ReturnUrl));
            case LoginOutcome.NoPendingSignIn:
                return RedirectToAction(nameof(Login), new { returnUrl = model.ReturnUrl });
            case LoginOutcome.CodeAlreadyUsed:
                ModelState.AddModelError(string.Empty, localizer[CodeAlreadyUsed]);
                model.Code = null;
                return View(view, model);
            default:
                ModelState.AddModelError(string.Empty, localizer[SecondStepRefused]);
                model.Code = null;
                return View(view, model);
        }
    }

    private ChangePasswordViewModel NewChangePasswordModel(ChangePasswordViewModel model)
    {
        model.Reason = User.FindFirst(ScopeClaims.MustChangePassword)?.Value;
        model.MinLength = accountOptions.Value.PasswordMinLength;
        model.CharacterClasses = accountOptions.Value.PasswordCharacterClasses;
        return model;
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action("Index", "Home")!;
}
