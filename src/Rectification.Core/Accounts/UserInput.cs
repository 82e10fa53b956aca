using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Accounts;

public class UserInput
{
    [Display(Name = "姓名")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.PersonName, ErrorMessage = "{0}不能超过{1}个字")]
    public string? DisplayName { get; set; }

    [Display(Name = "职务")]
    [StringLength(Limits.PersonTitle, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Title { get; set; }

    [Display(Name = "所属单位")]
    [Required(ErrorMessage = "请选择{0}")]
    public int? UnitId { get; set; }

    [Display(Name = "电子邮箱")]
    [EmailAddress(ErrorMessage = "{0}格式不正确")]
    [StringLength(Limits.Email, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Email { get; set; }

    [Display(Name = "角色")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "启用")]
    public bool IsActive { get; set; } = true;
}

public sealed class NewUserInput : UserInput
{
    [Display(Name = "用户名")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.UserName, ErrorMessage = "{0}不能超过{1}个字")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "{0}只能包含字母、数字、点、下划线和连字符")]
    public string? UserName { get; set; }

    [Display(Name = "初始密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}
