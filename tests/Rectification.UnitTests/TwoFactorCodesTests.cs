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

    /// <summary>RFC 6238 appendix B (SHA-1, secret "12345678901234567890"), whose 8-digit codes end in these six.</summary>
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    [InlineData(20000000000L, "353130")]
    public void Computes_the_rfc_6238_codes(long unixSeconds, string code)
    {
        var step = TwoFactorCodes.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(code, TwoFactorCodes.Code("12345678901234567890"u8.ToArray(), step));
    }

    [Fact]
    public void Reads_a_key_as_the_setup_page_shows_it() =>
        Assert.Equal("12345678901234567890"u8.ToArray(), TwoFactorCodes.FromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));

    [Theory]
    [InlineData("123456", true)]
    [InlineData("012345", true)]
    [InlineData("12345", false)]
    [InlineData("0123456", false)]
    [InlineData("12345a", false)]
    [InlineData("١٢٣٤٥٦", false)]
    public void A_code_is_six_ascii_digits(string code, bool valid) =>
        Assert.Equal(valid, TwoFactorCodes.IsCode(code));

    [Fact]
    public void Two_factor_is_required_only_for_the_configured_roles()
    {
        var options = new AccountOptions { RequireTwoFactorForRoles = [Roles.Admin, Roles.InspectionOffice] };

        Assert.True(options.RequiresTwoFactor([Roles.UnitHead, Roles.Admin]));
        Assert.False(options.RequiresTwoFactor([Roles.Leader, Roles.UnitStaff]));
        Assert.False(new AccountOptions().RequiresTwoFactor(Roles.All));
    }
}
