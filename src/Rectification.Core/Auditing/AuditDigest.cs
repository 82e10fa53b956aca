using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rectification.Core.Auditing;

/// <summary>
/// One signed statement about the chain, written outside the database: "at <see cref="At"/> the chain ended at
/// <see cref="Sequence"/> with <see cref="Hash"/>, and entries through <see cref="ArchivedThroughSequence"/> had been
/// archived". One JSON line in a digest file (docs/adr/0005-audit-digests.md).
/// </summary>
public sealed record AuditDigest(
    string Format,
    string Instance,
    long Sequence,
    string Hash,
    long ArchivedThroughSequence,
    string ArchivedThroughHash,
    DateTime At,
    string KeyId,
    string Signature)
{
    public const string FormatName = "rectification-audit-digest-v1";

    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// What the signature covers: every other field in a fixed order, separated by a character none of them can hold
    /// (U+001F), the time as UTC milliseconds. Independent of how the JSON line happens to be written.
    /// </summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('\u001f',
        Format, Instance, Sequence.ToString(CultureInfo.InvariantCulture), Hash,
        ArchivedThroughSequence.ToString(CultureInfo.InvariantCulture), ArchivedThroughHash,
        (At.Kind == DateTimeKind.Local ? At.ToUniversalTime() : DateTime.SpecifyKind(At, DateTimeKind.Utc))
            .ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        KeyId));

    public string ToJsonLine() => JsonSerializer.Serialize(this, s_json);

    /// <summary>The digest on a line, or null when the line is not one (whatever its signature).</summary>
    public static AuditDigest? Parse(string line)
    {
        AuditDigest? digest;
        try
        {
            digest = JsonSerializer.Deserialize<AuditDigest>(line, s_json);
        }
        catch (JsonException)
        {
            return null;
        }

        return digest is { Format: FormatName, Instance.Length: > 0, KeyId.Length: > 0, Signature.Length: > 0 }
            && digest.Sequence >= 0 && digest.ArchivedThroughSequence >= 0 && digest.ArchivedThroughSequence <= digest.Sequence
            && IsHash(digest.Hash) && IsHash(digest.ArchivedThroughHash)
            ? digest
            : null;
    }

    private static bool IsHash(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);
}

/// <summary>Why a line of a digest file does not count as a digest.</summary>
public enum AuditDigestFault
{
    /// <summary>Not a digest at all: edited, cut short or written by something else.</summary>
    Malformed,

    /// <summary>Signed by a key that verification does not trust (not the signing key, not in the public keys folder).</summary>
    UnknownKey,

    /// <summary>The signature does not match the line's content: the line was edited.</summary>
    BadSignature,
}

/// <summary>One line of a digest file, as read back: the digest, or why it is not one.</summary>
public sealed record AuditDigestLine(string File, int Line, AuditDigest? Digest, AuditDigestFault? Fault);
