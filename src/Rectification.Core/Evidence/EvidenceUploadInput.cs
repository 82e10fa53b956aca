using System.ComponentModel.DataAnnotations;
using Rectification.Core.Data.Configurations;

namespace Rectification.Core.Evidence;

public sealed class EvidenceUploadInput
{
    [Display(Name = "材料说明")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(EvidenceItemConfiguration.DescriptionLength, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Description { get; set; }

    [Display(Name = "材料日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? EvidenceDate { get; set; }

    [Display(Name = "对应整改措施")]
    public int? MeasureId { get; set; }

    /// <summary>Set when the upload is a new version of an existing item.</summary>
    public int? ReplacesItemId { get; set; }
}
