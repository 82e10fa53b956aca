using Microsoft.Extensions.Options;

namespace Rectification.Core.Accounts;

/// <summary>When a password must be replaced: a fixed number of days after it was last set.</summary>
public sealed class PasswordExpiry(TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>
    /// The moment the password expires, or null when passwords never do. Accounts from before the date was kept
    /// count from their creation.
    /// </summary>
    public DateTime? ExpiresAt(AppUser user) => ExpiresAt(user.PasswordChangedAt, user.CreatedAt);

    public bool IsExpired(AppUser user) => IsExpired(user.PasswordChangedAt, user.CreatedAt);

    /// <summary>Whether a password set at <paramref name="changedAt"/> (or never, on an account created at <paramref name="createdAt"/>) has expired.</summary>
    public bool IsExpired(DateTime? changedAt, DateTime createdAt) => ExpiresAt(changedAt, createdAt) is { } at && at <= time.GetUtcNow().UtcDateTime;

    private DateTime? ExpiresAt(DateTime? changedAt, DateTime createdAt) => options.Value.PasswordExpiryDays <= 0
        ? null
        : (changedAt ?? createdAt).AddDays(options.Value.PasswordExpiryDays);
}
