using Rectification.Core.Accounts;
using Rectification.Core.Evidence;

namespace Rectification.Core.Mechanisms;

/// <summary>
/// One uploaded file of a mechanism's document, kept in the evidence store (content-addressed, checked by content on
/// the way in and by hash on the way out) exactly like an <see cref="EvidenceVersion"/>.
/// </summary>
public class MechanismDocument
{
    public int Id { get; set; }

    public int MechanismId { get; set; }

    public Mechanism? Mechanism { get; set; }

    /// <summary>1 for the first upload, then 2, 3…</summary>
    public int Number { get; set; }

    /// <summary>The name the file had on the uploader's computer, for display and download only.</summary>
    public required string FileName { get; set; }

    public EvidenceFileType FileType { get; set; }

    public long Length { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content: its address in the store and its integrity check.</summary>
    public required string Sha256 { get; set; }

    public DateTime UploadedAt { get; set; }

    public string? UploadedById { get; set; }

    public AppUser? UploadedBy { get; set; }

    public required string UploadedByName { get; set; }
}
