using Rectification.Core.Accounts;

namespace Rectification.Core.Evidence;

/// <summary>One uploaded file of an evidence item. The content is stored once per SHA-256 (content-addressed).</summary>
public class EvidenceVersion
{
    public int Id { get; set; }

    public int EvidenceItemId { get; set; }

    public EvidenceItem? EvidenceItem { get; set; }

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
