using System.ComponentModel.DataAnnotations;

namespace Rectification.Core.Accounts;

/// <summary>
/// Password, lockout, session and two-factor rules, bound from the "Account" section in one place
/// (<see cref="CoreServices"/>) and applied to Identity and the sign-in cookie by the web host.
/// </summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    [Range(6, 128)]
    public int PasswordMinLength { get; set; } = 8;

    /// <summary>How many of the four classes (upper case, lower case, digit, any other character) a password needs.</summary>
    [Range(1, 4)]
    public int PasswordCharacterClasses { get; set; } = 3;

    /// <summary>Days after the last password change at which the user must choose a new one; 0 never expires.</summary>
    [Range(0, 3650)]
    public int PasswordExpiryDays { get; set; } = 90;

    [Range(1, 100)]
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 30;

    /// <summary>A session without a request for this long ends (sliding).</summary>
    [Range(1, 1440)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    [Range(1, 168)]
    public int AbsoluteTimeoutHours { get; set; } = 12;

    /// <summary>Roles whose users must set up an authenticator app before they can use the system.</summary>
    public List<string> RequireTwoFactorForRoles { get; set; } = [];

    /// <summary>The name an authenticator app shows next to the account.</summary>
    [Required]
    public string AuthenticatorIssuer { get; set; } = "Rectification";

    public TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AbsoluteTimeout => TimeSpan.FromHours(AbsoluteTimeoutHours);

    public bool RequiresTwoFactor(IEnumerable<string> roles) =>
        roles.Any(role => RequireTwoFactorForRoles.Contains(role, StringComparer.OrdinalIgnoreCase));
}
