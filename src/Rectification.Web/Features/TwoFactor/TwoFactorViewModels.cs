using System.ComponentModel.DataAnnotations;

namespace Rectification.Web.Features.TwoFactor;

public sealed class TwoFactorStatusViewModel
{
    public bool Enabled { get; init; }

    public int RecoveryCodesLeft { get; init; }

    /// <summary>The user's role requires two-factor authentication, so it cannot be turned off.</summary>
    public bool Required { get; init; }
}

public sealed class TwoFactorSetupViewModel
{
    [Display(Name = "验证码")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(20, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Code { get; set; }

    /// <summary>The key in groups of four, for typing into the app when the QR code cannot be scanned.</summary>
    public string SharedKey { get; set; } = string.Empty;

    public bool Required { get; set; }
}

public sealed class RecoveryCodesViewModel
{
    public IReadOnlyList<string> Codes { get; init; } = [];
}

public sealed class PasswordConfirmationViewModel
{
    [Display(Name = "当前密码")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}
