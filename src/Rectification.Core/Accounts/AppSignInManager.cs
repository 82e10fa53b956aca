using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>
/// Sign-in with the app's rules: a disabled account cannot sign in (disabling also ends its sessions), an unknown
/// name costs the same password hashing as a known one, and lockout counts failed authenticator and recovery codes
/// as it counts failed passwords. An authenticator code works once (<see cref="OneTimeAuthenticatorTokenProvider"/>).
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    OneTimeAuthenticatorTokenProvider authenticator,
    RectificationDbContext db)
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
            return await RecordAsync(null, userName, LoginOutcome.UnknownUser, lockedBefore: false);
        }

        var lockedBefore = await UserManager.IsLockedOutAsync(user);
        var result = await PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var outcome = result switch
        {
            { Succeeded: true } => LoginOutcome.SignedIn,
            { RequiresTwoFactor: true } => LoginOutcome.RequiresTwoFactor,
            { IsLockedOut: true } => LoginOutcome.LockedOut,
            { IsNotAllowed: true } => LoginOutcome.Disabled,
            _ => LoginOutcome.WrongPassword,
        };
        return await RecordAsync(user, userName, outcome, lockedBefore);
    }

    /// <summary>Signs out, recording it in the audit trail for the user who was signed in.</summary>
    public override async Task SignOutAsync()
    {
        if (Context.User.Identity?.IsAuthenticated == true && await UserManager.GetUserAsync(Context.User) is { } user)
        {
            await AuditAsync(user, user.UserName ?? string.Empty, Auditing.AuditActions.Logout, Auditing.AuditOutcome.Success, null);
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// Records a sign-in attempt: success, each kind of failure (the record tells them apart; the page does not),
    /// and the failure that locked the account as a lockout of its own.
    /// </summary>
    private async Task<LoginOutcome> RecordAsync(AppUser? user, string typedName, LoginOutcome outcome, bool lockedBefore)
    {
        var (action, result) = outcome switch
        {
            LoginOutcome.SignedIn => (Auditing.AuditActions.Login, Auditing.AuditOutcome.Success),
            LoginOutcome.RequiresTwoFactor => (Auditing.AuditActions.Login, Auditing.AuditOutcome.Pending),
            LoginOutcome.LockedOut when !lockedBefore => (Auditing.AuditActions.Lockout, Auditing.AuditOutcome.Failure),
            _ => (Auditing.AuditActions.LoginFailed, Auditing.AuditOutcome.Failure),
        };
        await AuditAsync(user, typedName, action, result, new { outcome = outcome.ToString() });
        return outcome;
    }

    private async Task AuditAsync(AppUser? user, string typedName, string action, Auditing.AuditOutcome outcome, object? details)
    {
        var name = user is null ? typedName : $"{user.UserName}({user.DisplayName})";
        var unitPath = user is null ? null
            : await db.Units.IgnoreQueryFilters().Where(u => u.Id == user.UnitId).Select(u => u.Path).FirstOrDefaultAsync(Context.RequestAborted);
        db.AuditAccount(action, name.Length > 100 ? name[..100] : name, user?.Id, unitPath, outcome, details);
        await db.SaveChangesAsync(Context.RequestAborted);
    }

    /// <summary>
    /// The second step with a code from the authenticator app. A code already used (by this session or any other) is
    /// refused as <see cref="LoginOutcome.CodeAlreadyUsed"/>, and counts towards lockout like a wrong one.
    /// </summary>
    public Task<LoginOutcome> SignInWithAuthenticatorCodeAsync(string code) =>
        SecondStepAsync(async user => await authenticator.CheckAsync(UserManager, user, TwoFactorCodes.Normalize(code)) switch
        {
            AuthenticatorCodeCheck.Accepted => null,
            AuthenticatorCodeCheck.AlreadyUsed => LoginOutcome.CodeAlreadyUsed,
            _ => LoginOutcome.WrongCode,
        });

    /// <summary>
    /// The second step with one of the recovery codes; each works once. Identity removes the code and saves the user
    /// under its concurrency stamp: of two sign-ins with the same code at once, the second save fails and refuses.
    /// </summary>
    public Task<LoginOutcome> SignInWithRecoveryCodeAsync(string code) =>
        SecondStepAsync(async user => (await UserManager.RedeemTwoFactorRecoveryCodeAsync(user, TwoFactorCodes.NormalizeRecoveryCode(code))).Succeeded
            ? null
            : LoginOutcome.WrongCode);

    /// <summary>
    /// Identity's own second step does not count a wrong recovery code towards lockout nor refuse a locked-out
    /// account's recovery code; both steps here go through the same checks.
    /// </summary>
    /// <param name="verify">Null when the code is accepted (and used up), else why it was refused.</param>
    private async Task<LoginOutcome> SecondStepAsync(Func<AppUser, Task<LoginOutcome?>> verify)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return LoginOutcome.NoPendingSignIn;
        }

        var typedName = user.UserName ?? string.Empty;
        if (!await CanSignInAsync(user))
        {
            return await RecordAsync(user, typedName, LoginOutcome.Disabled, lockedBefore: false);
        }

        if (await IsLockedOut(user))
        {
            return await RecordAsync(user, typedName, LoginOutcome.LockedOut, lockedBefore: true);
        }

        if (await verify(user) is { } refused)
        {
            await UserManager.AccessFailedAsync(user);
            return await RecordAsync(user, typedName, await IsLockedOut(user) ? LoginOutcome.LockedOut : refused, lockedBefore: false);
        }

        await UserManager.ResetAccessFailedCountAsync(user);
        // Ends the pending second step (its own cookie) and signs in with "amr" = "mfa", as Identity's own does.
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent: false, [new("amr", "mfa")]);
        return await RecordAsync(user, typedName, LoginOutcome.SignedIn, lockedBefore: false);
    }
}
