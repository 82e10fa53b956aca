using System.Security.Cryptography;

namespace Rectification.Core.Auditing;

/// <summary>
/// The digest folder: appends this instance's signed digests to its own file and reads every instance's back,
/// each line's signature checked. The folder is meant to be writable by the app only by appending (see
/// docs/operations.md), and nothing in the database says what it holds.
/// </summary>
public sealed class AuditDigestLog(AuditStorage storage, AuditSigningKeys keys, TimeProvider time)
{
    /// <summary>The last digest this process wrote, if any.</summary>
    public AuditDigest? LastWritten { get; private set; }

    /// <summary>Signs the head as it stands and appends it to this instance's file.</summary>
    public AuditDigest Append(AuditChainHead head)
    {
        var unsigned = new AuditDigest(
            AuditDigest.FormatName, storage.Instance, head.LastSequence, head.LastHash, head.ArchivedThroughSequence, head.ArchivedThroughHash,
            AuditHasher.Truncate(time.GetUtcNow().UtcDateTime), keys.SigningKeyId, string.Empty);
        var digest = unsigned with { Signature = Convert.ToBase64String(keys.Sign(unsigned.SignedBytes())) };
        Directory.CreateDirectory(storage.DigestFolder);
        AppendOnlyFile.AppendLine(storage.DigestFile, digest.ToJsonLine());
        LastWritten = digest;
        return digest;
    }

    /// <summary>Every line of every instance's digest file, in file and line order; empty when the folder is missing.</summary>
    public List<AuditDigestLine> ReadAll()
    {
        var lines = new List<AuditDigestLine>();
        if (!Directory.Exists(storage.DigestFolder))
        {
            return lines;
        }

        var trusted = keys.OpenTrustedKeys();
        try
        {
            foreach (var file in Directory.EnumerateFiles(storage.DigestFolder, AuditStorage.DigestFilePrefix + "*.jsonl").Order(StringComparer.Ordinal))
            {
                var number = 0;
                foreach (var text in AppendOnlyFile.ReadLines(file))
                {
                    number++;
                    if (text.Length > 0)
                    {
                        lines.Add(Check(file, number, text, trusted));
                    }
                }
            }
        }
        finally
        {
            foreach (var key in trusted.Values)
            {
                key.Dispose();
            }
        }

        return lines;
    }

    private static AuditDigestLine Check(string file, int number, string text, Dictionary<string, ECDsa> trusted)
    {
        var digest = AuditDigest.Parse(text);
        if (digest is null)
        {
            return new AuditDigestLine(file, number, null, AuditDigestFault.Malformed);
        }

        if (!trusted.TryGetValue(digest.KeyId, out var key))
        {
            return new AuditDigestLine(file, number, digest, AuditDigestFault.UnknownKey);
        }

        var signature = new byte[key.GetMaxSignatureSize(DSASignatureFormat.IeeeP1363FixedFieldConcatenation)];
        var valid = Convert.TryFromBase64String(digest.Signature, signature, out var length)
            && key.VerifyData(digest.SignedBytes(), signature.AsSpan(0, length), HashAlgorithmName.SHA256);
        return new AuditDigestLine(file, number, digest, valid ? null : AuditDigestFault.BadSignature);
    }
}
