using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Rectification.Core.Accounts;

/// <summary>
/// Sign-in with the app's rules: a disabled account cannot sign in (disabling also ends its sessions), an unknown
/// name costs the same password hashing as a known one, and lockout counts failed authenticator and recovery codes
/// as it counts failed passwords.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly AppUser s_nobody = new() { DisplayName = string.Empty };
    private static string? s_nobodysHash;

    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    /// <summary>The first step: user name and password, counting failures towards lockout.</summary>
    public async Task<LoginOutcome> SignInWithPasswordAsync(string userName, string password)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            // Answering faster for a name that does not exist would tell an outsider which names do.
            s_nobodysHash ??= UserManager.PasswordHasher.HashPassword(s_nobody, Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(s_nobody, s_nobodysHash, password);
            return LoginOutcome.UnknownUser;
        }

        var result = await PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result switch
        {
            { Succeeded: true } => LoginOutcome.SignedIn,
            { RequiresTwoFactor: true } => LoginOutcome.RequiresTwoFactor,
            { IsLockedOut: true } => LoginOutcome.LockedOut,
            { IsNotAllowed: true } => LoginOutcome.Disabled,
            _ => LoginOutcome.WrongPassword,
        };
    }

    /// <summary>The second step with a code from the authenticator app.</summary>
    public Task<LoginOutcome> SignInWithAuthenticatorCodeAsync(string code) =>
        SecondStepAsync(user => UserManager.VerifyTwoFactorTokenAsync(user, Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Normalize(code)));

    /// <summary>The second step with one of the recovery codes; each works once.</summary>
    public Task<LoginOutcome> SignInWithRecoveryCodeAsync(string code) =>
        SecondStepAsync(async user => (await UserManager.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactorCodes.NormalizeRecoveryCode(code))).Succeeded);

    /// <summary>
    /// Identity's own second step does not count a wrong recovery code towards lockout nor refuse a locked-out
    /// account's recovery code; both steps here go through the same checks.
    /// </summary>
    private async Task<LoginOutcome> SecondStepAsync(Func<AppUser, Task<bool>> verify)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LoginOutcome.NoPendingSignIn;
        }

        if (!await CanSignInAsync(user))
        {
            return LoginOutcome.Disabled;
        }

        if (await IsLockedOut(user))
        {
            return LoginOutcome.LockedOut;
        }

        if (!await verify(user))
        {
            await UserManager.AccessFailedAsync(user);
            return await IsLockedOut(user) ? LoginOutcome.LockedOut : LoginOutcome.WrongCode;
        }

        await UserManager.ResetAccessFailedCountAsync(user);
        // Ends the pending second step (its own cookie) and signs in with "amr" = "mfa", as Identity's own does.
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new("amr", "mfa")]);
        return LoginOutcome.SignedIn;
    }
}
