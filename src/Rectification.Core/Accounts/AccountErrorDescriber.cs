using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Rectification.Core.Accounts;

/// <summary>Identity's errors plus the password policy's own; the web host's subclass puts them in the user's language.</summary>
public class AccountErrorDescriber : IdentityErrorDescriber
{
    public virtual IdentityError PasswordRequiresCharacterClasses(int classes) =>
        Describe(nameof(PasswordRequiresCharacterClasses), "密码须包含大写字母、小写字母、数字、符号四类中的至少{0}类。", classes);

    public virtual IdentityError PasswordContainsUserName() =>
        Describe(nameof(PasswordContainsUserName), "密码不能是用户名,也不能包含用户名。");

    public virtual IdentityError PasswordTooCommon() =>
        Describe(nameof(PasswordTooCommon), "该密码过于常见,容易被猜中,请换一个。");

    public virtual IdentityError PasswordRecentlyUsed(int count) =>
        Describe(nameof(PasswordRecentlyUsed), "新密码不能与最近{0}次使用过的密码相同。", count);

    /// <summary>An error whose description is the Chinese resource key with its arguments.</summary>
    protected virtual IdentityError Describe(string code, string key, params object?[] args) =>
        new() { Code = code, Description = string.Format(CultureInfo.InvariantCulture, key, args) };
}
