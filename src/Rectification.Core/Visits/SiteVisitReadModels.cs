using Rectification.Core.Evidence;
using Rectification.Core.Findings;

namespace Rectification.Core.Visits;

/// <summary>An inspection's visits, newest first.</summary>
public sealed record SiteVisitList(int InspectionId, string InspectionTitle, IReadOnlyList<SiteVisitListItem> Visits, bool CanRecord);

public sealed record SiteVisitListItem(int Id, DateOnly VisitedOn, string Team, int Units, int Checked, int InPlace)
{
    public int NotInPlace => Checked - InPlace;
}

/// <summary>A visit's page: its units, and under each the unit's findings with what the visit found and its photos.</summary>
public sealed record SiteVisitDetails(
    int Id,
    int InspectionId,
    string InspectionTitle,
    DateOnly VisitedOn,
    string Team,
    int Version,
    IReadOnlyList<VisitedUnit> Units,
    bool CanRecord);

public sealed record VisitedUnit(int Id, string Name, IReadOnlyList<VisitedFinding> Findings);

public sealed record VisitedFinding(
    int Id,
    int CategoryOrdinal,
    int Ordinal,
    string Title,
    FindingStatus Status,
    int Version,
    VisitOutcome? Outcome,
    string? Note,
    IReadOnlyList<VisitPhoto> Photos)
{
    /// <summary>Found 不到位 while waiting for close-off: the office can send it back to the unit from the visit.</summary>
    public bool CanBeReturned => Outcome == VisitOutcome.NotInPlace && FindingWorkflow.CanApply(FindingAction.Return, Status);
}

public sealed record VisitPhoto(int VersionId, string FileName, EvidenceFileType FileType);

/// <summary>The form's choices: the inspection's units that hold findings, and the office's people.</summary>
public sealed record SiteVisitFormOptions(
    int InspectionId, string InspectionTitle, IReadOnlyList<(int Id, string Name)> Units, IReadOnlyList<(string Id, string Name)> People);

/// <summary>What one visit found of a finding, for the finding's page and its close-off form.</summary>
public sealed record FindingVisitResult(int VisitId, DateOnly VisitedOn, string Team, VisitOutcome Outcome, string? Note, bool ClosedOffByIt, bool CanOpenVisit);

/// <summary>One visit as the report counts it (逐单位、逐问题).</summary>
public sealed record VisitTally(DateOnly VisitedOn, int Units, int Checked, int InPlace);
