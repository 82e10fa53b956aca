using System.Globalization;
using System.Security.Claims;

namespace Rectification.Core.Scoping;

/// <summary>
/// The claims a signed-in user's cookie carries about their scope. Every request checks them against the account
/// (Web's SessionCookieEvents): a change of unit or roles renews the security stamp and ends the session; any other
/// change of the account (<see cref="UserVersion"/>) or a password that has expired since refreshes them.
/// </summary>
public static class ScopeClaims
{
    public const string UnitId = "rect:unit";
    public const string UnitPath = "rect:unitpath";
    public const string DisplayName = "rect:name";

    /// <summary>The account's concurrency stamp when the claims were made: Identity renews it on every change of the account.</summary>
    public const string UserVersion = "rect:version";

    /// <summary>
    /// Present while the user must replace their password before anything else; its value says why
    /// (<see cref="PasswordSetByAdministrator"/> or <see cref="PasswordExpired"/>).
    /// </summary>
    public const string MustChangePassword = "rect:mustchange";

    public const string PasswordSetByAdministrator = "admin";

    public const string PasswordExpired = "expired";

    /// <summary>Present while the user's role requires two-factor authentication and they have not set it up.</summary>
    public const string MustSetUpTwoFactor = "rect:setup2fa";

    public static UserScope ToScope(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return UserScope.Anonymous;
        }

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var unitId = principal.FindFirstValue(UnitId);
        var unitPath = principal.FindFirstValue(UnitPath);
        if (userId is null || unitId is null || unitPath is null)
        {
            return UserScope.Anonymous;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
        var name = principal.FindFirstValue(DisplayName) ?? principal.Identity.Name ?? userId;
        return UserScope.ForUser(userId, name, int.Parse(unitId, CultureInfo.InvariantCulture), unitPath, roles);
    }
}
