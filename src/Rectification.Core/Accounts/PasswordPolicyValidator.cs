using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Rectification.Core.Accounts;

/// <summary>
/// The whole password policy (length, character classes, user name), replacing Identity's validator whose
/// per-class requirements ask for all four classes rather than some of them.
/// </summary>
public sealed class PasswordPolicyValidator(IOptions<AccountOptions> options) : IPasswordValidator<AppUser>
{
    private static readonly AccountErrorDescriber s_fallback = new();

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
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

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
