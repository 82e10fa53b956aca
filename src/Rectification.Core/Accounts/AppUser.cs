using Microsoft.AspNetCore.Identity;
using Rectification.Core.Units;

namespace Rectification.Core.Accounts;

public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>职务, e.g. 党组书记、局长.</summary>
    public string? Title { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Set for accounts whose password an administrator chose; cleared by the user's own change.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the password was last set, changed or reset (UTC); expiry counts from it.</summary>
    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>
    /// The last time step (<see cref="TwoFactorCodes.TimeStep"/>) for which an authenticator code was accepted; 0 before
    /// the first. A code for this step or an earlier one is refused: each code works once. Written only by its own
    /// conditional UPDATE (<see cref="OneTimeAuthenticatorTokenProvider"/>), never by a save of the whole user.
    /// </summary>
    public long LastTotpStep { get; set; }

    /// <summary>The language the user last chose (zh-CN or en): e-mails are written in it.</summary>
    public string Language { get; set; } = "zh-CN";
}
