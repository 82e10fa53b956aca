using System.ComponentModel.DataAnnotations;

namespace Rectification.Core.Visits;

/// <summary>A visit as the office enters it: the day, the units visited and the team.</summary>
public sealed class SiteVisitInput
{
    [Display(Name = "查验日期")]
    [Required(ErrorMessage = "请填写{0}")]
    public DateOnly? VisitedOn { get; set; }

    /// <summary>查验单位: units holding findings of the inspection.</summary>
    public List<int> UnitIds { get; set; } = [];

    /// <summary>查验组成员 with an account in the office.</summary>
    public List<string> MemberIds { get; set; } = [];

    /// <summary>Members without an account, their names separated by 、 or commas.</summary>
    [Display(Name = "其他成员")]
    public string? OtherMembers { get; set; }
}

/// <summary>What the visit found of one finding; no outcome means the finding was not checked.</summary>
public sealed class VisitResultInput
{
    public int FindingId { get; set; }

    public VisitOutcome? Outcome { get; set; }

    public string? Note { get; set; }
}
