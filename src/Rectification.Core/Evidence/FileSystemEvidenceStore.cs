using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Rectification.Core.Evidence;

/// <summary>
/// Evidence on a file system (a local disk, or a share every instance mounts): <c>blobs/ab/cd/&lt;sha256&gt;</c>
/// for content and <c>tmp/</c> for uploads in progress, on the same volume so that moving into place is atomic.
/// </summary>
public sealed class FileSystemEvidenceStore : IEvidenceStore
{
    private const int BufferSize = 81920;

    private readonly string _blobs;
    private readonly string _temporary;

    public FileSystemEvidenceStore(IOptions<EvidenceOptions> options, IHostEnvironment environment)
    {
        var root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));
        _blobs = Path.Combine(root, "blobs");
        _temporary = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_temporary);
    }

    public async Task<PendingBlob> ReceiveAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var path = TemporaryPath(id);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long length = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > maxBytes)
                    {
                        throw new EvidenceTooLargeException(maxBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }

            return new PendingBlob(id, Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    public Stream OpenPending(PendingBlob blob) =>
        new FileStream(TemporaryPath(blob.Id), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);

    public Task CommitAsync(PendingBlob blob, CancellationToken cancellationToken)
    {
        var target = BlobPath(blob.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            // Same content already stored (content addressing): keep that copy, drop ours.
            Discard(blob);
            return Task.CompletedTask;
        }

        try
        {
            File.Move(TemporaryPath(blob.Id), target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another upload of the same content won the race; its copy is identical.
            Discard(blob);
        }

        return Task.CompletedTask;
    }

    public void Discard(PendingBlob blob) => File.Delete(TemporaryPath(blob.Id));

    public Stream? OpenRead(string sha256)
    {
        var path = BlobPath(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true) : null;
    }

    public IEnumerable<string> StaleTemporaryFiles(DateTime olderThan) =>
        Directory.EnumerateFiles(_temporary)
            .Where(f => File.GetLastWriteTimeUtc(f) < olderThan)
            .Select(Path.GetFileName)
            .OfType<string>();

    public IEnumerable<string> StoredHashes(DateTime olderThan) =>
        Directory.EnumerateFiles(_blobs, "*", SearchOption.AllDirectories)
            .Where(f => File.GetLastWriteTimeUtc(f) < olderThan)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(IsHash);

    public void DeleteTemporary(string id) => File.Delete(TemporaryPath(id));

    /// <summary>The temporary path of an id this store generated (hex only, so never a path outside the folder).</summary>
    private string TemporaryPath(string id) =>
        IsHex(id) ? Path.Combine(_temporary, id) : throw new ArgumentException("Not a temporary file id.", nameof(id));

    private string BlobPath(string sha256) =>
        IsHash(sha256)
            ? Path.Combine(_blobs, sha256[..2], sha256[2..4], sha256)
            : throw new ArgumentException("Not a SHA-256 hash.", nameof(sha256));

    private static bool IsHash(string value) => value.Length == 64 && IsHex(value);

    private static bool IsHex(string value) => value.Length > 0 && value.All(char.IsAsciiHexDigitLower);
}
