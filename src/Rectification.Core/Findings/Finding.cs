using Rectification.Core.Accounts;
using Rectification.Core.Common;
using Rectification.Core.Inspections;
using Rectification.Core.Units;

namespace Rectification.Core.Findings;

/// <summary>One 反馈问题 of an inspection, with who answers for it and how far its rectification has got.</summary>
public class Finding : IVersioned
{
    public int Id { get; set; }

    public int InspectionId { get; set; }

    public Inspection? Inspection { get; set; }

    public int CategoryId { get; set; }

    public FindingCategory? Category { get; set; }

    /// <summary>Position within the category, from 1; drives 一是、二是… in the report.</summary>
    public int Ordinal { get; set; }

    /// <summary>
    /// The category's position (<see cref="FindingCategory.Ordinal"/>), kept with the finding so the ledger's order —
    /// inspection, category, finding — is one index of this table. Derived (<see cref="Data.DerivedColumns"/>).
    /// </summary>
    public int CategoryOrdinal { get; set; }

    public required string Title { get; set; }

    /// <summary>问题描述.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>责任单位: whose finding this is; decides who sees it.</summary>
    public int OwningUnitId { get; set; }

    public OrgUnit? OwningUnit { get; set; }

    /// <summary>责任领导.</summary>
    public string? ResponsibleLeaderId { get; set; }

    public AppUser? ResponsibleLeader { get; set; }

    /// <summary>责任科室.</summary>
    public int? ResponsibleDepartmentId { get; set; }

    public OrgUnit? ResponsibleDepartment { get; set; }

    /// <summary>具体责任人.</summary>
    public string? ResponsiblePersonId { get; set; }

    public AppUser? ResponsiblePerson { get; set; }

    /// <summary>整改时限, a calendar date in China Standard Time.</summary>
    public DateOnly? Deadline { get; set; }

    /// <summary>The deadline when the finding was assigned; <see cref="Deadline"/> moves with approved extensions.</summary>
    public DateOnly? OriginalDeadline { get; set; }

    /// <summary>The day it was handed to its unit (交办): its time runs from here.</summary>
    public DateOnly? AssignedOn { get; set; }

    public FindingKind Kind { get; set; } = FindingKind.ByDeadline;

    public FindingStatus Status { get; set; } = FindingStatus.Draft;

    /// <summary>落实情况: the paragraph the public report uses for this finding.</summary>
    public string RectificationSummary { get; set; } = string.Empty;

    /// <summary>When and by whom the finding was last submitted for close-off (申请销号); orders the review queue.</summary>
    public DateTime? SubmittedAt { get; set; }

    public string? SubmittedById { get; set; }

    public AppUser? SubmittedBy { get; set; }

    /// <summary>How the close-off was verified: on the documents or on site (现场查验).</summary>
    public VerificationMethod? VerificationMethod { get; set; }

    /// <summary>The day of the on-site check, when there was one.</summary>
    public DateOnly? VerifiedOn { get; set; }

    /// <summary>The on-site visit (现场查验) that found the finding 整改到位, when it was closed off by on-site check.</summary>
    public int? SiteVisitId { get; set; }

    public Visits.SiteVisit? SiteVisit { get; set; }

    /// <summary>
    /// A long-term (长期坚持) finding closes with the date its first follow-up (回头看) is due; afterwards, the date the
    /// next open one is due (<see cref="FollowUps"/>), null once its schedule has ended.
    /// </summary>
    public DateOnly? FollowUpDate { get; set; }

    /// <summary>How often a closed long-term finding is looked at again; set at close-off.</summary>
    public FollowUpInterval? FollowUpEvery { get; set; }

    /// <summary>The last day a follow-up may fall due; none after it. Null: for as long as it stays closed.</summary>
    public DateOnly? FollowUpUntil { get; set; }

    /// <summary>
    /// The earliest deadline of a measure not yet done, kept with the finding so its light can count it
    /// (<see cref="LightRules.WarningFrom"/>) without reading the measures. Derived (<see cref="Data.DerivedColumns"/>).
    /// </summary>
    public DateOnly? MeasuresDueBy { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The business date (China Standard Time) of <see cref="ClosedAt"/>: closed on time or late.</summary>
    public DateOnly? ClosedOn { get; set; }

    public string? ClosedById { get; set; }

    public AppUser? ClosedBy { get; set; }

    /// <summary>
    /// The owning unit's path (<see cref="OrgUnit.Path"/>), kept with the finding so that "within a unit's subtree" is a
    /// range of this one column, which indexes serve without a join. Derived: set by the context whenever the owner
    /// changes, and rewritten with the unit's when a unit moves (see <see cref="Data.DerivedColumns"/>).
    /// </summary>
    public string OwningUnitPath { get; set; } = string.Empty;

    /// <summary>The part of the light that does not change with the day (<see cref="LightRules.BandOf"/>). Derived.</summary>
    public LightBand Band { get; set; }

    /// <summary>The first day a dated open finding shows yellow (<see cref="LightRules.WarningFrom"/>). Derived.</summary>
    public DateOnly? WarningFrom { get; set; }

    /// <summary>Days from the start of its time to close-off, for a closed finding. Derived.</summary>
    public int? DaysToClose { get; set; }

    public List<Measure> Measures { get; } = [];

    public List<FindingEvent> Events { get; } = [];

    public List<FollowUp> FollowUps { get; } = [];

    public List<Evidence.EvidenceItem> Evidence { get; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
