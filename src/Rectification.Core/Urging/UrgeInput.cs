using System.ComponentModel.DataAnnotations;
using Rectification.Core.Common;

namespace Rectification.Core.Urging;

public sealed class UrgeInput
{
    [Display(Name = "督办意见")]
    [Required(ErrorMessage = "请填写{0}")]
    [StringLength(Limits.UrgeMessage, ErrorMessage = "{0}不能超过{1}个字")]
    public string? Message { get; set; }

    [Display(Name = "要求完成日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? ExpectedBy { get; set; }
}

public sealed record UrgeItem(
    int Id,
    int UnitId,
    string UnitName,
    string UnitPath,
    int? FindingId,
    string? FindingTitle,
    string Message,
    DateOnly ExpectedBy,
    string CreatedByName,
    DateTime CreatedAt,
    string? AcknowledgedByName,
    DateTime? AcknowledgedAt)
{
    public bool CanAcknowledge { get; init; }
}
