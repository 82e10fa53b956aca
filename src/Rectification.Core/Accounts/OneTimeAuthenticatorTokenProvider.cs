using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>What checking an authenticator code found.</summary>
public enum AuthenticatorCodeCheck
{
    Accepted,

    /// <summary>No code of the key within the accepted window matches (or the account has no key).</summary>
    Wrong,

    /// <summary>
    /// The code is right, but a code for its time step or a later one was already accepted: a second use of the
    /// same code, whoever presents it.
    /// </summary>
    AlreadyUsed,
}

/// <summary>
/// Identity's authenticator (TOTP) provider with each code usable once (OWASP ASVS 2.8.4). Identity's own accepts
/// the same code again for as long as it is valid, so a code seen over someone's shoulder or taken by a phishing
/// page still signs in a second session. Here the user's row keeps the last time step a code was accepted for
/// (<see cref="AppUser.LastTotpStep"/>), and a code counts only for a later step. One conditional UPDATE claims the
/// step (… WHERE LastTotpStep &lt; @step) and its row count decides: of two requests with the same code at the same
/// moment, the database lets exactly one through, on every provider.
/// <para>
/// Registered under Identity's authenticator provider name (<see cref="TokenOptions.DefaultAuthenticatorProvider"/>),
/// so every check through <see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/> goes through it: the set-up
/// confirmation as well as the second sign-in step, which calls <see cref="CheckAsync"/> for the reason of a refusal.
/// Codes follow the machine's clock (the phone's app shows real time, not the app's business clock), with
/// Identity's tolerance of two steps either way for a phone whose clock is off.
/// </para>
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(RectificationDbContext db) : AuthenticatorTokenProvider<AppUser>
{
    /// <summary>How many steps before and after the current one are accepted (Identity's window: ±2 steps of 30 s).</summary>
    public const int StepsEitherWay = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user) =>
        await CheckAsync(manager, user, token) == AuthenticatorCodeCheck.Accepted;

    /// <summary>
    /// Checks a code (digits only: <see cref="TwoFactorCodes.Normalize"/>) and, when it is right and unused, uses it up.
    /// </summary>
    public async Task<AuthenticatorCodeCheck> CheckAsync(UserManager<AppUser> manager, AppUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || code is null || !TwoFactorCodes.IsCode(code))
        {
            return AuthenticatorCodeCheck.Wrong;
        }

        var secret = TwoFactorCodes.FromBase32(key);
        var typed = Encoding.ASCII.GetBytes(code);
        var now = TwoFactorCodes.TimeStep(TimeProvider.System.GetUtcNow());
        var matched = false;
        // Earliest first: a step that is claimed closes every step before it, so the earliest match keeps the most.
        for (var step = now - StepsEitherWay; step <= now + StepsEitherWay; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TwoFactorCodes.Code(secret, step)), typed))
            {
                continue;
            }

            matched = true;
            if (await ClaimAsync(user, step))
            {
                return AuthenticatorCodeCheck.Accepted;
            }
        }

        return matched ? AuthenticatorCodeCheck.AlreadyUsed : AuthenticatorCodeCheck.Wrong;
    }

    /// <summary>
    /// Records <paramref name="step"/> as the last one used when no code for it or a later step was accepted before;
    /// false when one was. The database decides in one statement, never a read followed by a write.
    /// </summary>
    private async Task<bool> ClaimAsync(AppUser user, long step)
    {
        var claimed = await db.Users
            .Where(u => u.Id == user.Id && u.LastTotpStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, step));
        if (claimed == 0)
        {
            return false;
        }

        SetTracked(db, user, step);
        return true;
    }

    /// <summary>
    /// Brings the tracked copy of the user in line with a value written by a statement of its own, without marking it
    /// changed: the column is never part of Identity's saves of the user (see AppUserConfiguration).
    /// </summary>
    internal static void SetTracked(RectificationDbContext db, AppUser user, long step)
    {
        var entry = db.Entry(user);
        if (entry.State == EntityState.Detached)
        {
            user.LastTotpStep = step;
            return;
        }

        var property = entry.Property(u => u.LastTotpStep);
        property.CurrentValue = step;
        property.OriginalValue = step;
        property.IsModified = false;
    }
}
