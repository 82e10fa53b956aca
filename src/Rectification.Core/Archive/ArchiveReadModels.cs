using Rectification.Core.Evidence;
using Rectification.Core.Findings;

namespace Rectification.Core.Archive;

/// <summary>An inspection whose archive the user may download, with what it holds for them.</summary>
public sealed record InspectionArchive(int InspectionId, string Title, string FileName, int? ReportId);

/// <summary>One line of manifest.csv: a file of the archive, and for stored files who uploaded it and its review.</summary>
internal sealed record ManifestRow(
    string Path, long Size, string Sha256, string? UploadedBy = null, DateTime? UploadedAt = null, string? Review = null, string? Check = null);

internal sealed record ArchiveFinding(
    int Id,
    string Title,
    string Category,
    int CategoryOrdinal,
    int Ordinal,
    FindingStatus Status,
    FindingKind Kind,
    string OwningUnit,
    string? Department,
    string? Leader,
    string? Person,
    DateOnly? Deadline,
    DateOnly? OriginalDeadline,
    string Description,
    string Summary,
    DateOnly? ClosedOn);

internal sealed record ArchiveMeasure(int FindingId, int Ordinal, string Description, string? Owner, DateOnly? Deadline, DateOnly? DoneDate);

internal sealed record ArchiveEvent(int FindingId, DateTime At, FindingEventKind Kind, string ActorName, string? Comment);

/// <summary>One stored file of a finding's evidence: a version of a piece of 佐证材料 not removed.</summary>
internal sealed record ArchiveEvidence(
    int FindingId,
    int ItemId,
    string Description,
    EvidenceReview Review,
    string? ReviewNote,
    int Number,
    int VersionCount,
    string FileName,
    long Length,
    string Sha256,
    string UploadedByName,
    DateTime UploadedAt);

internal sealed record ArchiveDocument(string MechanismTitle, string? DocumentNumber, string FileName, long Length, string Sha256, string UploadedByName, DateTime UploadedAt);
