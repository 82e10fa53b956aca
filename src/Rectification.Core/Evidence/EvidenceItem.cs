using Rectification.Core.Accounts;
using Rectification.Core.Findings;

namespace Rectification.Core.Evidence;

public enum EvidenceReview
{
    /// <summary>待审核: new, or a new version since the last review.</summary>
    Pending = 0,

    /// <summary>通过.</summary>
    Accepted = 1,

    /// <summary>不通过: the unit must replace or remove it.</summary>
    Rejected = 2,
}

/// <summary>
/// One piece of 佐证材料 on a finding (or on one of its measures). Its file lives in <see cref="Versions"/>: a new
/// upload adds a version and keeps the old ones. Deleting only marks it deleted; no file is ever removed.
/// </summary>
public class EvidenceItem
{
    public int Id { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    public int? MeasureId { get; set; }

    public Measure? Measure { get; set; }

    /// <summary>The 回头看 this evidence answers, when it was uploaded for one (after close-off).</summary>
    public int? FollowUpId { get; set; }

    public FollowUp? FollowUp { get; set; }

    public required string Description { get; set; }

    /// <summary>Set on the photos taken during an on-site visit (现场查验), which the inspection office uploads itself.</summary>
    public int? SiteVisitId { get; set; }

    public Visits.SiteVisit? SiteVisit { get; set; }

    /// <summary>The date the evidence refers to (a meeting, a document's issue date), not the upload date.</summary>
    public DateOnly EvidenceDate { get; set; }

    public List<EvidenceVersion> Versions { get; } = [];

    public EvidenceReview Review { get; set; }

    public string? ReviewNote { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? ReviewedById { get; set; }

    public AppUser? ReviewedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedById { get; set; }

    public bool IsDeleted { get; set; }

    public DateTime? DeletedAt { get; set; }

    public string? DeletedById { get; set; }

    public string? DeleteReason { get; set; }
}
