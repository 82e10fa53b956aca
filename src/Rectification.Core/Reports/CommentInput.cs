using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Reports;

/// <summary>意见建议 as the public form sends it.</summary>
public sealed class CommentInput
{
    [Display(Name = "姓名")]
    [StringLength(Limits.CommentName, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Name { get; set; }

    [Display(Name = "联系电话")]
    [StringLength(Limits.CommentPhone, ErrorMessage = "{0}不能超过{1}个字")]
    [RegularExpression(@"^[0-9+\-() ]*$", ErrorMessage = "{0}只能包含数字、空格和+-()")]
    public string? Phone { get; set; }

    [Display(Name = "意见建议")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.CommentContent, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Content { get; set; }

    /// <summary>
    /// The honeypot: a field people never see (hidden by the stylesheet) and robots fill in. A comment with it
    /// filled in is thanked for like any other and dropped.
    /// </summary>
    public string? Website { get; set; }
}
