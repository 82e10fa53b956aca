using System.ComponentModel.DataAnnotations;

namespace Rectification.Web.Features.Account;

public sealed class LoginViewModel
{
    [Display(Name = "用户名")]
    [Required(ErrorMessage = "请填写{0}")]
    public string? UserName { get; set; }

    [Display(Name = "密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordViewModel
{
    [Display(Name = "当前密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [Display(Name = "新密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [Display(Name = "确认新密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "两次输入的新密码不一致")]
    public string? ConfirmPassword { get; set; }

    /// <summary>Why the password must be changed before anything else (a ScopeClaims value), or null.</summary>
    public string? Reason { get; set; }

    public int MinLength { get; set; }

    public int CharacterClasses { get; set; }
}

public sealed class SecondStepViewModel
{
    [Display(Name = "验证码")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(20, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}
