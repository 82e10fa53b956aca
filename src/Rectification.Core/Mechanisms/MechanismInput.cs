using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Mechanisms;

public sealed class MechanismInput
{
    [Display(Name = "文件名称")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.MechanismTitle, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Title { get; set; }

    [Display(Name = "文号")]
    [StringLength(Limits.DocumentNumber, ErrorMessage = "{0}不能超过{1}个字")]
    public string? DocumentNumber { get; set; }

    [Display(Name = "发文单位")]
    [Required(ErrorMessage = "请选择{0}")]
    public int? IssuingUnitId { get; set; }

    [Display(Name = "印发日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? IssueDate { get; set; }

    [Display(Name = "主要内容")]
    [StringLength(Limits.MechanismSummary, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Summary { get; set; }

    /// <summary>The findings of the same inspection the mechanism answers.</summary>
    [Display(Name = "对应问题")]
    public List<int> FindingIds { get; set; } = [];
}
