using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Rectification.Core.Accounts;

namespace Rectification.Web.Infrastructure;

/// <summary>Identity's password and account errors in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : AccountErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "操作失败,请稍后重试。");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "账号信息已被他人修改,请刷新后重试。");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "密码不正确。");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "链接已失效,请重新操作。");

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "用户名“{0}”无效。", userName);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "用户名“{0}”已被使用。", userName);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "电子邮箱“{0}”格式不正确。", email);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "电子邮箱“{0}”已被使用。", email);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "密码至少需要{0}个字符。", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), "密码至少需要包含{0}个不同的字符。", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "密码必须包含至少一个符号(如 #、@、!)。");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "密码必须包含至少一个数字。");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "密码必须包含至少一个小写字母。");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "密码必须包含至少一个大写字母。");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "用户已拥有角色“{0}”。", role);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "用户没有角色“{0}”。", role);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "该账号未启用锁定。");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "该账号已设置密码。");

    protected override IdentityError Describe(string code, string key, params object?[] args) =>
        new() { Code = code, Description = localizer[key, args!] };

    private IdentityError Error(string code, string key, params object?[] args) => Describe(code, key, args);
}
