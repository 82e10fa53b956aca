using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;
using Rectification.Core.Accounts;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.TwoFactor;

/// <summary>
/// The user's own two-factor authentication with an authenticator app (TOTP): set up with a shared key shown as
/// text and as a QR code drawn by the app itself, confirmed with a first code, with ten recovery codes shown once.
/// Turning it off, resetting the key and new recovery codes need the password again.
/// </summary>
public sealed class TwoFactorController(
    AppSignInManager signInManager,
    UserManager<AppUser> userManager,
    IOptions<AccountOptions> accountOptions,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    [HttpGet]
    public async Task<IActionResult> Index()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(new TwoFactorStatusViewModel
        {
            Enabled = user.TwoFactorEnabled,
            RecoveryCodesLeft = user.TwoFactorEnabled ? await userManager.CountRecoveryCodesAsync(user) : 0,
            Required = await IsRequiredAsync(user),
        });
    }

    [HttpGet]
    public async Task<IActionResult> Setup()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        return View(await SetupModelAsync(user, new TwoFactorSetupViewModel()));
    }

    [HttpPost]
    public async Task<IActionResult> Setup(TwoFactorSetupViewModel model)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        if (!ModelState.IsValid)
        {
            return View(await SetupModelAsync(user, model));
        }

        var code = TwoFactorCodes.Normalize(model.Code!);
        if (!await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(model.Code), localizer["验证码不正确,请核对手机时间后输入应用中当前显示的验证码。"]);
            model.Code = null;
            return View(await SetupModelAsync(user, model));
        }

        await userManager.SetTwoFactorEnabledAsync(user, true);
        var codes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount);
        // Enabling renewed the security stamp and lifts the set-up requirement: refresh this session's cookie.
        await signInManager.RefreshSignInAsync(user);
        return View(nameof(RecoveryCodes), new RecoveryCodesViewModel { Codes = [.. codes ?? []] });
    }

    /// <summary>The QR code of the key being set up, as a PNG drawn here: the key never leaves for another service.</summary>
    [HttpGet]
    public async Task<IActionResult> QrCode()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null || user.TwoFactorEnabled || await userManager.GetAuthenticatorKeyAsync(user) is not { Length: > 0 } key)
        {
            return NotFound();
        }

        var uri = TwoFactorCodes.AuthenticatorUri(accountOptions.Value.AuthenticatorIssuer, user.UserName!, key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        Response.Headers.CacheControl = "no-store";
        return File(png, "image/png");
    }

    [HttpPost]
    public async Task<IActionResult> RecoveryCodes(PasswordConfirmationViewModel model)
    {
        var user = await ConfirmedUserAsync(model);
        if (user is null)
        {
            return RedirectToAction(nameof(Index));
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Setup));
        }

        var codes = await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount);
        return View(new RecoveryCodesViewModel { Codes = [.. codes ?? []] });
    }

    /// <summary>A new key: the old app entry stops working, and the new one must be confirmed like the first.</summary>
    [HttpPost]
    public async Task<IActionResult> Reset(PasswordConfirmationViewModel model)
    {
        var user = await ConfirmedUserAsync(model);
        if (user is null)
        {
            return RedirectToAction(nameof(Index));
        }

        await userManager.SetTwoFactorEnabledAsync(user, false);
        await userManager.ResetAuthenticatorKeyAsync(user);
        await signInManager.RefreshSignInAsync(user);
        return RedirectToAction(nameof(Setup));
    }

    [HttpPost]
    public async Task<IActionResult> Disable(PasswordConfirmationViewModel model)
    {
        var user = await ConfirmedUserAsync(model);
        if (user is null)
        {
            return RedirectToAction(nameof(Index));
        }

        if (await IsRequiredAsync(user))
        {
            FlashError(localizer["您的角色要求启用两步验证,不能停用。"]);
            return RedirectToAction(nameof(Index));
        }

        await userManager.SetTwoFactorEnabledAsync(user, false);
        await signInManager.RefreshSignInAsync(user);
        Flash(localizer["两步验证已停用。"]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The signed-in user when the password typed again is theirs (failures count towards lockout), else null.</summary>
    private async Task<AppUser?> ConfirmedUserAsync(PasswordConfirmationViewModel model)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null || string.IsNullOrEmpty(model.Password)
            || !(await signInManager.CheckPasswordSignInAsync(user, model.Password, lockoutOnFailure: true)).Succeeded)
        {
            FlashError(localizer["密码不正确。"]);
            return null;
        }

        return user;
    }

    private async Task<bool> IsRequiredAsync(AppUser user) => accountOptions.Value.RequiresTwoFactor(await userManager.GetRolesAsync(user));

    private async Task<TwoFactorSetupViewModel> SetupModelAsync(AppUser user, TwoFactorSetupViewModel model)
    {
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user);
            // A new key renews the security stamp; keep this session valid.
            await signInManager.RefreshSignInAsync(user);
        }

        model.SharedKey = TwoFactorCodes.FormatKey(key!);
        model.Required = await IsRequiredAsync(user);
        return model;
    }
}
