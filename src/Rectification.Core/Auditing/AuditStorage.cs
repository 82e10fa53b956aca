using System.Text.RegularExpressions;

namespace Rectification.Core.Auditing;

/// <summary>
/// The audit trail's places outside the database — archives, digests, keys — resolved once against the content
/// root, so the archiver, the digest writer and the verifier read the same paths.
/// </summary>
public sealed partial class AuditStorage
{
    public AuditStorage(AuditOptions options, string contentRoot)
    {
        ArchiveFolder = Resolve(contentRoot, options.ArchiveRoot)!;
        DigestFolder = Resolve(contentRoot, options.Digest.Folder)!;
        SigningKeyFile = Resolve(contentRoot, options.Digest.SigningKeyFile);
        CreateKeyIfMissing = options.Digest.CreateKeyIfMissing;
        PublicKeysFolder = Resolve(contentRoot, options.Digest.PublicKeysFolder);
        Instance = InstanceFrom(options.Digest.InstanceName);
    }

    public string ArchiveFolder { get; }

    public string DigestFolder { get; }

    public string? SigningKeyFile { get; }

    public bool CreateKeyIfMissing { get; }

    public string? PublicKeysFolder { get; }

    /// <summary>This instance's name: it names the instance's digest file and is signed into every digest.</summary>
    public string Instance { get; }

    /// <summary>One file per instance, so two hosts on a shared folder never write the same file.</summary>
    public string DigestFile => Path.Combine(DigestFolder, DigestFilePrefix + Instance + ".jsonl");

    public const string DigestFilePrefix = "audit-digests-";

    /// <summary>The configured name, which must be safe in a file name; else the machine's name, made safe.</summary>
    public static string InstanceFrom(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return SafeName().IsMatch(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"Audit:Digest:InstanceName '{configured}' may hold only letters, digits, '.', '_' and '-' (at most 64).");
        }

        var machine = UnsafeCharacter().Replace(Environment.MachineName.ToLowerInvariant(), "-");
        return machine.Length is > 0 and <= 64 ? machine : "instance";
    }

    private static string? Resolve(string contentRoot, string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(Path.Combine(contentRoot, path));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("[^a-z0-9._-]")]
    private static partial Regex UnsafeCharacter();
}
