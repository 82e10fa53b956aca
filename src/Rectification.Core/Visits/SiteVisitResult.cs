using Rectification.Core.Findings;

namespace Rectification.Core.Visits;

/// <summary>整改到位 or 不到位: what the visit found of one finding (逐问题).</summary>
public enum VisitOutcome
{
    /// <summary>整改到位.</summary>
    InPlace = 1,

    /// <summary>整改不到位.</summary>
    NotInPlace = 2,
}

/// <summary>The visit's result for one finding of a visited unit, with a note; its photos are the finding's evidence.</summary>
public class SiteVisitResult
{
    public int Id { get; set; }

    public int SiteVisitId { get; set; }

    public SiteVisit? SiteVisit { get; set; }

    public int FindingId { get; set; }

    public Finding? Finding { get; set; }

    public VisitOutcome Outcome { get; set; }

    public string? Note { get; set; }
}
