namespace Rectification.Core.Findings;

public sealed record FindingListItem(
    int Id,
    int InspectionId,
    string InspectionTitle,
    int CategoryOrdinal,
    string CategoryName,
    int Ordinal,
    string Title,
    string OwningUnitName,
    string? ResponsibleLeaderName,
    string? ResponsiblePersonName,
    DateOnly? Deadline,
    FindingKind Kind,
    FindingStatus Status,
    DateTime UpdatedAt,
    LightBand Band,
    DateOnly? WarningFrom,
    DateOnly? OriginalDeadline)
{
    public Light Light { get; init; }

    public LightFacts Facts => new(Band, Deadline, WarningFrom);
}

public sealed record MeasureItem(int Id, int Ordinal, string Description, string? OwnerId, string? OwnerName, DateOnly? Deadline, DateOnly? DoneDate);

public sealed record FindingEventItem(
    long Id,
    FindingEventKind Kind,
    FindingStatus? FromStatus,
    FindingStatus? ToStatus,
    string ActorName,
    DateTime At,
    string? Comment,
    IReadOnlyList<FieldChange> Changes);

public sealed record FindingDetails(
    int Id,
    int InspectionId,
    string InspectionTitle,
    int CategoryId,
    int CategoryOrdinal,
    string CategoryName,
    int Ordinal,
    string Title,
    string Description,
    int OwningUnitId,
    string OwningUnitName,
    string? ResponsibleLeaderName,
    string? ResponsibleLeaderTitle,
    string? ResponsibleDepartmentName,
    string? ResponsiblePersonName,
    string? ResponsiblePersonTitle,
    DateOnly? Deadline,
    FindingKind Kind,
    FindingStatus Status,
    string RectificationSummary,
    DateTime? ClosedAt,
    string? ClosedByName,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version,
    IReadOnlyList<MeasureItem> Measures,
    IReadOnlyList<FindingEventItem> Events,
    DateTime? SubmittedAt,
    string? SubmittedByName,
    VerificationMethod? VerificationMethod,
    DateOnly? VerifiedOn,
    DateOnly? FollowUpDate,
    LightBand Band,
    DateOnly? WarningFrom,
    DateOnly? OriginalDeadline)
{
    public IReadOnlyList<Evidence.EvidenceItemView> Evidence { get; init; } = [];

    public bool CanHandleEvidence { get; init; }

    public IReadOnlyList<Extensions.ExtensionView> Extensions { get; init; } = [];

    public IReadOnlyList<Urging.UrgeItem> Urges { get; init; } = [];

    public bool CanRequestExtension { get; init; }

    public bool CanDecideExtension { get; init; }

    public bool CanUrge { get; init; }

    public bool CanReviewEvidence { get; init; }

    public Light Light { get; init; }

    public LightFacts Facts => new(Band, Deadline, WarningFrom);

    /// <summary>What the current user may do now, given their role and the status.</summary>
    public IReadOnlyList<FindingAction> AvailableActions { get; init; } = [];

    public bool CanEdit { get; init; }

    public bool CanUpdateProgress { get; init; }
}

public sealed record FindingSummary(IReadOnlyDictionary<FindingStatus, int> ByStatus, IReadOnlyDictionary<Light, int> ByLight)
{
    public int Total => ByStatus.Values.Sum();

    public int Count(FindingStatus status) => ByStatus.GetValueOrDefault(status);

    public int Count(Light light) => ByLight.GetValueOrDefault(light);
}

public sealed record FindingEditData(
    int Id, int InspectionId, string InspectionTitle, DateOnly FeedbackDate, FindingStatus Status, int Version, FindingInput Input);

public sealed record FindingProgressData(int Id, string Title, FindingStatus Status, int Version, ProgressInput Input);

/// <summary>A finding waiting for review (待审核), with what was submitted.</summary>
public sealed record ReviewQueueItem(
    int Id,
    string Title,
    string InspectionTitle,
    string OwningUnitName,
    DateTime? SubmittedAt,
    string? SubmittedByName,
    DateOnly? Deadline,
    FindingKind Kind,
    IReadOnlyList<ReviewQueueEvidence> Evidence);

public sealed record ReviewQueueEvidence(int VersionId, string Description, string FileName, Evidence.EvidenceReview Review);
