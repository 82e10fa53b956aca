using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// What an authenticator app does, written from RFC 6238 (TOTP: HMAC-SHA1, 30-second steps, 6 digits) and RFC 4648
/// (base32), independently of Identity, whose implementation is internal.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The code an app shows for the key as the setup page displays it (groups of four, any case).</summary>
    public static string Code(string displayedKey, DateTimeOffset at) =>
        Code(FromBase32(displayedKey), at.ToUnixTimeSeconds() / 30, digits: 6);

    public static string Code(byte[] key, long timeStep, int digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    public static byte[] FromBase32(string text)
    {
        var clean = new string([.. text.ToUpperInvariant().Where(c => c is not (' ' or '=' or '-'))]);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not base32.");
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
}
