namespace Rectification.Core.Evidence;

/// <summary>A file received into the store's temporary area, hashed, not yet in place.</summary>
public sealed record PendingBlob(string Id, string Sha256, long Length);

/// <summary>The content of a file exceeded the size limit while it was being received.</summary>
public sealed class EvidenceTooLargeException(long limit) : Exception($"The file is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Where evidence files live. Content is addressed by its SHA-256, so identical files are stored once. A file is
/// received into a temporary area first and moved into place only when complete and accepted. The interface has
/// no way to delete stored content: once in place, a file stays.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Streams <paramref name="content"/> to a temporary file while hashing it, never holding it whole in memory.</summary>
    Task<PendingBlob> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Reads a received file back, e.g. to check what it really is.</summary>
    Stream OpenPending(PendingBlob blob);

    /// <summary>Moves a received file into place; if the same content is already stored, keeps that one.</summary>
    Task CommitAsync(PendingBlob blob, CancellationToken cancellationToken);

    /// <summary>Drops a received file that will not be kept. Safe to call more than once.</summary>
    void Discard(PendingBlob blob);

    /// <summary>Opens stored content for reading, or null when there is none under that hash.</summary>
    Stream? OpenRead(string sha256);

    /// <summary>Temporary files older than <paramref name="olderThan"/>; leftovers of interrupted uploads.</summary>
    IEnumerable<string> StaleTemporaryFiles(DateTime olderThan);

    /// <summary>The hashes of stored files last written before <paramref name="olderThan"/>.</summary>
    IEnumerable<string> StoredHashes(DateTime olderThan);

    void DeleteTemporary(string id);
}
