using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Evidence;

public sealed class EvidenceUploadInput
{
    [Display(Name = "材料说明")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.EvidenceDescription, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Description { get; set; }

    [Display(Name = "材料日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? EvidenceDate { get; set; }

    [Display(Name = "对应整改措施")]
    public int? MeasureId { get; set; }

    /// <summary>Set when the upload answers a 回头看 of a closed long-term finding.</summary>
    public int? FollowUpId { get; set; }

    /// <summary>Set when the upload is a new version of an existing item.</summary>
    public int? ReplacesItemId { get; set; }
}
