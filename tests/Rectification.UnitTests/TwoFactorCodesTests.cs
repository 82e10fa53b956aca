using Rectification.Core.Accounts;

namespace Rectification.UnitTests;

public sealed class TwoFactorCodesTests
{
    [Fact]
    public void Shows_the_key_in_groups_of_four() =>
        Assert.Equal("abcd efgh ijkl mnop qrst uvwx yz23 4567", TwoFactorCodes.FormatKey("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));

    [Theory]
    [InlineData("123 456", "123456")]
    [InlineData(" 123-456 ", "123456")]
    public void Reads_a_code_however_it_was_grouped(string typed, string code) =>
        Assert.Equal(code, TwoFactorCodes.Normalize(typed));

    [Fact]
    public void Reads_a_recovery_code_in_any_case_and_keeps_its_dash() =>
        Assert.Equal("BCD2F-GH3JK", TwoFactorCodes.NormalizeRecoveryCode(" bcd2f-gh3jk "));

    [Fact]
    public void The_authenticator_address_names_the_issuer_and_the_account() =>
        Assert.Equal(
            "otpauth://totp/%E5%B7%A1%E5%AF%9F:head.a?secret=ABCD&issuer=%E5%B7%A1%E5%AF%9F&digits=6",
            TwoFactorCodes.AuthenticatorUri("巡察", "head.a", "ABCD"));

    [Fact]
    public void Two_factor_is_required_only_for_the_configured_roles()
    {
        var options = new AccountOptions { RequireTwoFactorForRoles = [Roles.Admin, Roles.InspectionOffice] };

        Assert.True(options.RequiresTwoFactor([Roles.UnitHead, Roles.Admin]));
        Assert.False(options.RequiresTwoFactor([Roles.Leader, Roles.UnitStaff]));
        Assert.False(new AccountOptions().RequiresTwoFactor(Roles.All));
    }
}
