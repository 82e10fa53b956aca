using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Rectification.Core.Accounts;

/// <summary>
/// How authenticator keys and codes are shown to people and read back from them, and the codes themselves
/// (RFC 6238 TOTP as authenticator apps compute it: HMAC-SHA1 of the 30-second time step, six digits).
/// </summary>
public static class TwoFactorCodes
{
    public const int RecoveryCodeCount = 10;

    /// <summary>An authenticator app shows a new code every this many seconds (RFC 6238's default step).</summary>
    public const int TimeStepSeconds = 30;

    public const int CodeDigits = 6;

    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The time step a moment falls in: whole steps since the Unix epoch.</summary>
    public static long TimeStep(DateTimeOffset at) => at.ToUnixTimeSeconds() / TimeStepSeconds;

    /// <summary>The six-digit code of a key for a time step (RFC 4226's dynamic truncation), with its leading zeros.</summary>
    public static string Code(byte[] key, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether a normalised code has the shape of one: exactly six ASCII digits.</summary>
    public static bool IsCode(string code) => code.Length == CodeDigits && code.All(char.IsAsciiDigit);

    /// <summary>The key's bytes from its base32 text (RFC 4648; any case, spaces and padding ignored).</summary>
    public static byte[] FromBase32(string text)
    {
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("The authenticator key is not base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    /// <summary>An authenticator code as the app shows it ("123 456") or as typed: digits only.</summary>
    public static string Normalize(string code) =>
        new([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-')]);

    /// <summary>Recovery codes are stored as printed (XXXXX-XXXXX, upper case); people type them in any case.</summary>
    public static string NormalizeRecoveryCode(string code) =>
        new string([.. code.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();

    /// <summary>The shared key in groups of four, lower case, as authenticator apps expect it typed.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The otpauth:// address a QR code carries (Google Authenticator's key-URI format).</summary>
    public static string AuthenticatorUri(string issuer, string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
}
