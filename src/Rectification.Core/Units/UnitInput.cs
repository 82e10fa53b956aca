using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Units;

public sealed class UnitInput
{
    [Display(Name = "单位名称")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.UnitName, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Name { get; set; }

    [Display(Name = "单位编码")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.UnitCode, ErrorMessage = "{0}不能超过{1}个字")]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "{0}只能包含字母、数字、点、下划线和连字符")]
    public string? Code { get; set; }

    [Display(Name = "单位类型")]
    public OrgUnitKind Kind { get; set; } = OrgUnitKind.Department;

    [Display(Name = "上级单位")]
    public int? ParentId { get; set; }

    [Display(Name = "排序")]
    [Range(0, 9999, ErrorMessage = "{0}应在{1}到{2}之间")]
    public int SortOrder { get; set; }

    [Display(Name = "启用")]
    public bool IsActive { get; set; } = true;
}
