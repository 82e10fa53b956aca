namespace Rectification.Core.Evidence;

public sealed record EvidenceVersionView(
    int Id, int Number, string FileName, EvidenceFileType FileType, long Length, DateTime UploadedAt, string UploadedByName)
{
    public bool CanPreview => EvidenceFileTypes.CanPreviewInline(FileType);
}

public sealed record EvidenceItemView(
    int Id,
    string Description,
    DateOnly EvidenceDate,
    int? MeasureOrdinal,
    EvidenceReview Review,
    string? ReviewNote,
    string? ReviewedByName,
    DateTime? ReviewedAt,
    bool IsDeleted,
    string? DeleteReason,
    DateTime? DeletedAt,
    IReadOnlyList<EvidenceVersionView> Versions)
{
    /// <summary>The newest version: what a reviewer judges and a download gives by default.</summary>
    public EvidenceVersionView Current => Versions[0];
}

/// <summary>What the upload page needs to know about the finding (and the item getting a new version).</summary>
public sealed record EvidenceUploadContext(
    int FindingId,
    string FindingTitle,
    IReadOnlyList<(int Id, int Ordinal, string Description)> Measures,
    int? ReplacesItemId,
    string? ReplacesDescription,
    int? FollowUpId = null);

/// <summary>A file the upload received into the store, with the name it had on the uploader's computer.</summary>
public sealed record ReceivedFile(string FileName, PendingBlob Blob);

public enum EvidenceOpenStatus
{
    Ok,
    NotFound,

    /// <summary>The stored content no longer matches its hash: it was altered on disk and is not served.</summary>
    Tampered,
}

public sealed record EvidenceContent(EvidenceOpenStatus Status, Stream? Content = null, string? FileName = null, EvidenceFileType FileType = default)
{
    public string ContentType => EvidenceFileTypes.ContentType(FileType);
}

/// <summary>A stored file as a record describes it: which record (for the log), where, how long, and how to serve it.</summary>
public sealed record StoredFile(string Record, int RecordId, string Sha256, long Length, string FileName, EvidenceFileType FileType);

/// <summary>One version with what its preview page shows around it.</summary>
public sealed record EvidenceVersionDetails(int FindingId, string FindingTitle, string Description, EvidenceVersionView Version);

/// <summary>An item as its delete page shows it; <see cref="Reason"/> keeps what the user typed after a refusal.</summary>
public sealed record EvidenceItemRef(int ItemId, int FindingId, string Description, string? Reason = null);
