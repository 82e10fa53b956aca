namespace Rectification.Core.Accounts;

/// <summary>The password policy's rules, as plain functions of the password and the user name.</summary>
public static class PasswordRules
{
    /// <summary>
    /// A user name shorter than this only has to differ from the password; a longer one must not appear in it.
    /// Forbidding a one- or two-letter name inside passwords would refuse many unrelated passwords.
    /// </summary>
    public const int ShortestUserNameToSearch = 3;

    /// <summary>
    /// A new password may not be any of the user's last this many (the current one included), whether the user or
    /// an administrator set them (等保 2.0 practice; <see cref="PasswordHistoryEntry"/>).
    /// </summary>
    public const int RecentPasswordsRefused = 5;

    /// <summary>Upper-case ASCII letters, lower-case ASCII letters, digits, and everything else (symbols, spaces, 汉字).</summary>
    public static int CharacterClasses(string password)
    {
        bool upper = false, lower = false, digit = false, other = false;
        foreach (var c in password)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper = true;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else
            {
                other = true;
            }
        }

        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    /// <summary>
    /// True when the password is the user name or contains it, ignoring case: "Admin@2024" for admin is the
    /// first guess anyone makes, so containing the name counts as much as equalling it.
    /// </summary>
    public static bool ContainsUserName(string password, string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return false;
        }

        return userName.Length >= ShortestUserNameToSearch
            ? password.Contains(userName, StringComparison.OrdinalIgnoreCase)
            : string.Equals(password, userName, StringComparison.OrdinalIgnoreCase);
    }
}
