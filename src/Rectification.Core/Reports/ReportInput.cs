using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Reports;

/// <summary>The draft as its edit form holds it. Each section is one paragraph per line.</summary>
public sealed class ReportInput
{
    [Display(Name = "标题")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.ReportTitle, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Title { get; set; }

    [Display(Name = "开头段落")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.ReportOpening, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Opening { get; set; }

    [Display(Name = "一、整改工作进展情况")]
    [StringLength(Limits.ReportSection, ErrorMessage = "{0}不能超过{1}个字")]
    public string? ProgressSection { get; set; }

    [Display(Name = "二、反馈意见整改落实情况")]
    [StringLength(Limits.ReportSection, ErrorMessage = "{0}不能超过{1}个字")]
    public string? FeedbackSection { get; set; }

    [Display(Name = "三、今后整改工作打算")]
    [StringLength(Limits.ReportSection, ErrorMessage = "{0}不能超过{1}个字")]
    public string? PlansSection { get; set; }

    [Display(Name = "联系电话")]
    [StringLength(Limits.ReportPhone, ErrorMessage = "{0}不能超过{1}个字")]
    public string? ContactPhone { get; set; }

    [Display(Name = "电子邮箱")]
    [StringLength(Limits.ReportEmail, ErrorMessage = "{0}不能超过{1}个字")]
    [EmailAddress(ErrorMessage = "{0}的格式不正确")]
    public string? ContactEmail { get; set; }

    [Display(Name = "落款")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.ReportSignature, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Signature { get; set; }

    [Display(Name = "成文日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? ReportDate { get; set; }
}
