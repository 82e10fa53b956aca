using Microsoft.Extensions.Options;

namespace Rectification.Core.Accounts;

/// <summary>When a password must be replaced: a fixed number of days after it was last set.</summary>
public sealed class PasswordExpiry(TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>
    /// The moment the password expires, or null when passwords never do. Accounts from before the date was kept
    /// count from their creation.
    /// </summary>
    public DateTime? ExpiresAt(AppUser user) => options.Value.PasswordExpiryDays <= 0
        ? null
        : (user.PasswordChangedAt ?? user.CreatedAt).AddDays(options.Value.PasswordExpiryDays);

    public bool IsExpired(AppUser user) => ExpiresAt(user) is { } at && at <= time.GetUtcNow().UtcDateTime;
}
