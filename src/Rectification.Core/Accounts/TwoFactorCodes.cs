using System.Text;

namespace Rectification.Core.Accounts;

/// <summary>How authenticator keys and codes are shown to people and read back from them.</summary>
public static class TwoFactorCodes
{
    public const int RecoveryCodeCount = 10;

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
