using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Inspections;

public sealed class InspectionInput
{
    [Display(Name = "巡察名称")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.InspectionTitle, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Title { get; set; }

    [Display(Name = "巡察组")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.TeamName, ErrorMessage = "{0}不能超过{1}个字")]
    public string? TeamName { get; set; }

    [Display(Name = "巡察组简称")]
    [StringLength(Limits.TeamShortName, ErrorMessage = "{0}不能超过{1}个字")]
    public string? TeamShortName { get; set; }

    [Display(Name = "被巡察单位")]
    [Required(ErrorMessage = "请选择{0}")]
    public int? InspectedUnitId { get; set; }

    [Display(Name = "被巡察党组织")]
    [StringLength(Limits.PartyOrganisation, ErrorMessage = "{0}不能超过{1}个字")]
    public string? PartyOrganisation { get; set; }

    [Display(Name = "党组织全称")]
    [StringLength(Limits.PartyOrganisation, ErrorMessage = "{0}不能超过{1}个字")]
    public string? PartyOrganisationFullName { get; set; }

    [Display(Name = "整改第一责任人")]
    public string? FirstResponsibleUserId { get; set; }

    [Display(Name = "巡察开始日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? InspectionStart { get; set; }

    [Display(Name = "巡察结束日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? InspectionEnd { get; set; }

    [Display(Name = "反馈日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? FeedbackDate { get; set; }

    /// <summary>Left empty, it is three months after the feedback, the usual rectification period.</summary>
    [Display(Name = "整改期限")]
    public DateOnly? RectificationDueDate { get; set; }

    [Display(Name = "状态")]
    public InspectionStatus Status { get; set; } = InspectionStatus.Rectifying;

    public List<CategoryInput> Categories { get; set; } = [];
}

public sealed class CategoryInput
{
    /// <summary>Zero for a new category.</summary>
    public int Id { get; set; }

    [Display(Name = "问题类别")]
    [StringLength(Limits.CategoryName, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Name { get; set; }

    public bool Remove { get; set; }
}
