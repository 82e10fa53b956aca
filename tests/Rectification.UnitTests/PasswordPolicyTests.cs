using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Accounts;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.UnitTests;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("abcdefgh", 1)]
    [InlineData("ABCDEFGH", 1)]
    [InlineData("12345678", 1)]
    [InlineData("#!@ $%^&", 1)]
    [InlineData("abcdEFGH", 2)]
    [InlineData("abcd1234", 2)]
    [InlineData("abcd#123", 3)]
    [InlineData("ABCD#123", 3)]
    [InlineData("Abcd1234", 3)]
    [InlineData("Abcd#123", 4)]
    [InlineData("整改abcd12", 3)]
    public void Counts_character_classes(string password, int classes) =>
        Assert.Equal(classes, PasswordRules.CharacterClasses(password));

    [Theory]
    [InlineData("head.a", "head.a", true)]
    [InlineData("HEAD.A", "head.a", true)]
    [InlineData("My-Head.A-2026", "head.a", true)]
    [InlineData("Admin@2024", "admin", true)]
    [InlineData("Rectify#2023", "head.a", false)]
    [InlineData("Li#123456", "li", false)]
    [InlineData("LI", "li", true)]
    [InlineData("Rectify#2023", null, false)]
    public void Refuses_the_user_name_inside_the_password(string password, string? userName, bool contains) =>
        Assert.Equal(contains, PasswordRules.ContainsUserName(password, userName));

    [Theory]
    [InlineData("Rectify#2023")]
    [InlineData("kept-secret-42")]
    [InlineData("KEPT SECRET 42")]
    public async Task Accepts_a_password_of_eight_characters_from_three_classes(string password) =>
        Assert.True((await ValidateAsync("head.a", password)).Succeeded);

    [Theory]
    [InlineData("Ab#1234", nameof(IdentityErrorDescriber.PasswordTooShort))]
    [InlineData("lowercase2026", nameof(AccountErrorDescriber.PasswordRequiresCharacterClasses))]
    [InlineData("xHEAD.Ax1", nameof(AccountErrorDescriber.PasswordContainsUserName))]
    public async Task Refuses_with_the_rule_that_failed(string password, string code)
    {
        var result = await ValidateAsync("head.a", password);

        Assert.Equal([code], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task Messages_are_chinese_resource_keys_with_the_configured_numbers()
    {
        var result = await ValidateAsync("admin", "admin", new AccountOptions { PasswordMinLength = 10, PasswordCharacterClasses = 4 });

        Assert.Equal(
            ["密码至少需要10个字符。", "密码须包含大写字母、小写字母、数字、符号四类中的至少4类。", "密码不能是用户名,也不能包含用户名。", "该密码过于常见,容易被猜中,请换一个。"],
            result.Errors.Select(e => e.Description));
    }

    /// <summary>From SecLists' 10,000 (in another case than listed) and from the list of common Chinese passwords.</summary>
    [Theory]
    [InlineData("TrustNo1")]
    [InlineData("Qwerty123")]
    [InlineData("Woaini1314")]
    [InlineData("WOAINI@1314")]
    [InlineData("Qq123456")]
    [InlineData("Wang@123456")]
    [InlineData("Admin@2024")]
    public async Task Refuses_a_common_password_whatever_its_case(string password)
    {
        var result = await ValidateAsync("head.a", password);

        Assert.Equal([nameof(AccountErrorDescriber.PasswordTooCommon)], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Ships_the_ten_thousand_and_the_chinese_additions()
    {
        Assert.InRange(CommonPasswords.Count, 10_500, 12_000);
        Assert.True(CommonPasswords.Contains("123456"));
        Assert.True(CommonPasswords.Contains("a123456"));
        Assert.True(CommonPasswords.Contains("woaini1314"));
        Assert.True(CommonPasswords.Contains("qq123456"));
        Assert.True(CommonPasswords.Contains("5201314"));
        Assert.True(CommonPasswords.Contains("1QAZ2WSX"));
        Assert.False(CommonPasswords.Contains("Rectify#2023"));
        Assert.False(CommonPasswords.Contains(string.Empty));
    }

    private static async Task<IdentityResult> ValidateAsync(string userName, string password, AccountOptions? options = null)
    {
        var context = new RectificationDbContext(
            new DbContextOptionsBuilder<RectificationDbContext>().UseSqlite("Data Source=:memory:").Options, new FixedScope(UserScope.System));
        // A new user: no stored history, so the validator never queries (the in-memory database has no tables).
        var validator = new PasswordPolicyValidator(Options.Create(options ?? new AccountOptions()), context);
        using var manager = new UserManager<AppUser>(
            new UserStore<AppUser, IdentityRole, RectificationDbContext>(context), null!, null!, null!, null!, null!, new ChineseKeysDescriber(), null!, null!);
        return await validator.ValidateAsync(manager, new AppUser { UserName = userName, DisplayName = userName }, password);
    }

    /// <summary>Identity's own length message in Chinese, as the web host's describer gives it; the rest is the policy's.</summary>
    private sealed class ChineseKeysDescriber : AccountErrorDescriber
    {
        public override IdentityError PasswordTooShort(int length) => Describe(nameof(PasswordTooShort), "密码至少需要{0}个字符。", length);
    }
}
