using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Accounts;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Account;

public sealed class AccountController(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> userManager,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    [HttpGet]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl = null) => View(new LoginViewModel { ReturnUrl = returnUrl });

    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await signInManager.PasswordSignInAsync(model.UserName!.Trim(), model.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            // One message for a wrong password, an unknown name, a disabled or a locked account: the page never
            // tells an outsider which accounts exist.
            ModelState.AddModelError(string.Empty, localizer["登录失败:用户名或密码不正确,或账号已停用、已被临时锁定。"]);
            model.Password = null;
            return View(model);
        }

        var user = await userManager.FindByNameAsync(model.UserName.Trim());
        if (user is { MustChangePassword: true })
        {
            return RedirectToAction(nameof(ChangePassword));
        }

        return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl : Url.Action("Index", "Home")!);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public async Task<IActionResult> ChangePassword()
    {
        var user = await userManager.GetUserAsync(User);
        return View(new ChangePasswordViewModel { Required = user?.MustChangePassword == true });
    }

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordViewModel model)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        model.Required = user.MustChangePassword;
        if (!ModelState.IsValid)
        {
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
        await signInManager.RefreshSignInAsync(user);
        Flash(localizer["密码已修改。"]);
        return RedirectToAction("Index", "Home");
    }

    [HttpGet]
    [AllowAnonymous]
    public IActionResult AccessDenied() => StatusCode(StatusCodes.Status403Forbidden);
}
