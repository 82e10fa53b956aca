using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Findings;

/// <summary>What the inspection office enters for a finding. Messages and names are resource keys.</summary>
public sealed class FindingInput
{
    [Display(Name = "问题类别")]
    [Required(ErrorMessage = "请选择{0}")]
    public int? CategoryId { get; set; }

    [Display(Name = "问题标题")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.FindingTitle, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Title { get; set; }

    [Display(Name = "问题描述")]
    [StringLength(Limits.FindingDescription, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Description { get; set; }

    [Display(Name = "责任单位")]
    [Required(ErrorMessage = "请选择{0}")]
    public int? OwningUnitId { get; set; }

    [Display(Name = "责任领导")]
    public string? ResponsibleLeaderId { get; set; }

    [Display(Name = "责任科室")]
    public int? ResponsibleDepartmentId { get; set; }

    [Display(Name = "具体责任人")]
    public string? ResponsiblePersonId { get; set; }

    [Display(Name = "整改时限")]
    public DateOnly? Deadline { get; set; }

    [Display(Name = "整改类型")]
    public FindingKind Kind { get; set; } = FindingKind.ByDeadline;
}

/// <summary>What the owning unit records as it works: the measures and the 落实情况 paragraph.</summary>
public sealed class ProgressInput
{
    [Display(Name = "整改进展(落实情况)")]
    [StringLength(Limits.FindingSummary, ErrorMessage = "{0}不能超过{1}个字")]
    public string? RectificationSummary { get; set; }

    public List<MeasureInput> Measures { get; set; } = [];
}

public sealed class MeasureInput
{
    /// <summary>Zero for a new measure.</summary>
    public int Id { get; set; }

    [Display(Name = "整改措施")]
    [StringLength(Limits.MeasureDescription, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Description { get; set; }

    [Display(Name = "措施责任人")]
    public string? OwnerId { get; set; }

    [Display(Name = "措施时限")]
    public DateOnly? Deadline { get; set; }

    [Display(Name = "完成日期")]
    public DateOnly? DoneDate { get; set; }

    /// <summary>Ticked to remove an existing measure.</summary>
    public bool Remove { get; set; }
}
