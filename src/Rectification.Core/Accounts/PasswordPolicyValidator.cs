using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;

namespace Rectification.Core.Accounts;

/// <summary>
/// The whole password policy, replacing Identity's validator whose per-class requirements ask for all four classes
/// rather than some of them: length, character classes, the user name, the lists of common passwords
/// (<see cref="CommonPasswords"/>) and the user's last <see cref="PasswordRules.RecentPasswordsRefused"/> passwords.
/// Identity runs it for every password it sets — the user's own change (also the forced one at first sign-in or on
/// expiry), an administrator's new account or reset, the first administrator — so no path can skip a rule.
/// </summary>
public sealed class PasswordPolicyValidator(IOptions<AccountOptions> options, RectificationDbContext db) : IPasswordValidator<AppUser>
{
    private static readonly AccountErrorDescriber s_fallback = new();

    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var policy = options.Value;
        var describer = manager.ErrorDescriber as AccountErrorDescriber ?? s_fallback;
        password ??= string.Empty;

        var errors = new List<IdentityError>();
        if (password.Length < policy.PasswordMinLength)
        {
            errors.Add(describer.PasswordTooShort(policy.PasswordMinLength));
        }

        if (PasswordRules.CharacterClasses(password) < policy.PasswordCharacterClasses)
        {
            errors.Add(describer.PasswordRequiresCharacterClasses(policy.PasswordCharacterClasses));
        }

        if (PasswordRules.ContainsUserName(password, user.UserName))
        {
            errors.Add(describer.PasswordContainsUserName());
        }

        if (CommonPasswords.Contains(password))
        {
            errors.Add(describer.PasswordTooCommon());
        }

        // Each comparison costs a hash (PBKDF2): only for a password that passes everything else.
        if (errors.Count == 0 && await WasRecentlyUsedAsync(manager, user, password))
        {
            errors.Add(describer.PasswordRecentlyUsed(PasswordRules.RecentPasswordsRefused));
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    /// <summary>
    /// Whether the password is the current one or one of the last recorded: the current hash counts even where the
    /// history has no entry for it (an account from before the history, or the demo's).
    /// </summary>
    private async Task<bool> WasRecentlyUsedAsync(UserManager<AppUser> manager, AppUser user, string password)
    {
        var hashes = new List<string>();
        if (user.PasswordHash is { } current)
        {
            hashes.Add(current);
        }

        // A user being created has no history yet (and no row to look it up by).
        if (db.Entry(user).State is not (EntityState.Detached or EntityState.Added))
        {
            hashes.AddRange(await db.PasswordHistory.AsNoTracking()
                .Where(h => h.UserId == user.Id)
                .OrderByDescending(h => h.Id)
                .Take(PasswordRules.RecentPasswordsRefused)
                .Select(h => h.PasswordHash)
                .ToListAsync());
        }

        return hashes.Distinct(StringComparer.Ordinal)
            .Any(hash => manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }
}
