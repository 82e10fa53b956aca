using System.Security.Cryptography;

namespace Rectification.Core.Auditing;

/// <summary>
/// The keys of the digests: an ECDSA P-256 private key in a PEM file outside the database signs them; verification
/// needs only public keys (that key's own, and those of earlier keys in the public keys folder), so an auditor can
/// check digests without being able to make them. A key is named by the first 16 hex digits of the SHA-256 of its
/// public key (SubjectPublicKeyInfo), which every digest carries.
/// </summary>
public sealed class AuditSigningKeys(AuditStorage storage)
{
    private readonly Lock _lock = new();
    private string? _signingPem;
    private string? _signingKeyId;

    /// <summary>The signing key's id, loading (in development, creating) the key file on first use.</summary>
    public string SigningKeyId
    {
        get
        {
            EnsureSigningKey();
            return _signingKeyId!;
        }
    }

    public byte[] Sign(byte[] data)
    {
        EnsureSigningKey();
        using var key = ECDsa.Create();
        key.ImportFromPem(_signingPem);
        return key.SignData(data, HashAlgorithmName.SHA256);
    }

    /// <summary>
    /// Every public key verification trusts, by id, read afresh on each call so that a key dropped into the public
    /// keys folder counts without a restart. The caller disposes them.
    /// </summary>
    public Dictionary<string, ECDsa> OpenTrustedKeys()
    {
        var files = new List<string>();
        if (storage.SigningKeyFile is { } signing && File.Exists(signing))
        {
            files.Add(signing);
        }

        if (storage.PublicKeysFolder is { } folder && Directory.Exists(folder))
        {
            files.AddRange(Directory.EnumerateFiles(folder, "*.pem").Order(StringComparer.Ordinal));
        }

        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(file));
            }
            catch (ArgumentException exception)
            {
                key.Dispose();
                throw new InvalidOperationException($"{file} holds no ECDSA key in PEM form.", exception);
            }

            if (!keys.TryAdd(KeyIdOf(key), key))
            {
                key.Dispose();
            }
        }

        return keys;
    }

    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>
    /// Writes a new P-256 key: the private key to <paramref name="file"/> (readable by its owner only, on Unix) and the
    /// public key to <paramref name="file"/>.pub for verifiers. Never overwrites. Returns the key's id.
    /// </summary>
    public static string CreateKeyFile(string file)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(file, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(file + ".pub", key.ExportSubjectPublicKeyInfoPem());
        return KeyIdOf(key);
    }

    private void EnsureSigningKey()
    {
        lock (_lock)
        {
            if (_signingPem is not null)
            {
                return;
            }

            var file = storage.SigningKeyFile ?? throw new InvalidOperationException(
                "Audit:Digest:SigningKeyFile is not set. The audit chain's digests are signed with a key kept outside the "
                + "database: create one with `dotnet Rectification.Web.dll audit new-key /etc/rectification/audit-key/signing.pem` "
                + "and set Audit__Digest__SigningKeyFile to its path (see docs/operations.md).");
            if (!File.Exists(file))
            {
                if (!storage.CreateKeyIfMissing)
                {
                    throw new InvalidOperationException(
                        $"Audit:Digest:SigningKeyFile {file} does not exist. Create it with `dotnet Rectification.Web.dll audit new-key {file}` "
                        + "or point the setting at the deployment's key (see docs/operations.md).");
                }

                try
                {
                    CreateKeyFile(file);
                }
                catch (IOException) when (File.Exists(file))
                {
                    // Another process sharing the file created it first: use theirs.
                }
            }

            using var key = ECDsa.Create();
            var pem = File.ReadAllText(file);
            try
            {
                key.ImportFromPem(pem);
                _signingKeyId = KeyIdOf(key);
                key.SignData([0], HashAlgorithmName.SHA256);
            }
            catch (Exception exception) when (exception is ArgumentException or CryptographicException)
            {
                throw new InvalidOperationException($"Audit:Digest:SigningKeyFile {file} holds no ECDSA private key in PEM form.", exception);
            }

            _signingPem = pem;
        }
    }
}
