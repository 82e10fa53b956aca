namespace Rectification.Core.Accounts;

/// <summary>
/// One of a user's recent passwords, kept as the hash Identity's password hasher made of it (never the password),
/// so that a new password can be compared with the last <see cref="PasswordRules.RecentPasswordsRefused"/> (等保: no reuse of
/// recent passwords). <see cref="AppUserManager"/> adds one whenever a password is set, changed or reset.
/// </summary>
public class PasswordHistoryEntry
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>When this password was set (UTC).</summary>
    public DateTime SetAt { get; set; }
}
