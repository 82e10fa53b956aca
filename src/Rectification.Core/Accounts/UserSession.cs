namespace Rectification.Core.Accounts;

/// <summary>
/// One sign-in, from the login to its end. The sign-in cookie names its session; a session that has ended (logout,
/// account disabled) or outlived the absolute limit no longer authenticates, whatever cookie presents it.
/// </summary>
public class UserSession
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public DateTime SignedInAt { get; set; }

    /// <summary>Set when the session was ended on purpose; null while it may still be used.</summary>
    public DateTime? EndedAt { get; set; }
}
