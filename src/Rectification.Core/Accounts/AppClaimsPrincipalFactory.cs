using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.Core.Accounts;

/// <summary>
/// Puts the user's unit and its path into the sign-in cookie (the scope every query is filtered by), and what the
/// user must do before anything else. It runs at sign-in, and again on the request that finds the account changed or
/// the password expired since (<see cref="ScopeClaims.UserVersion"/>, <see cref="UserSessionService.CheckAsync"/>).
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    IOptions<AccountOptions> accountOptions,
    PasswordExpiry passwordExpiry,
    RectificationDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var unitPath = await db.Units.Where(u => u.Id == user.UnitId).Select(u => u.Path).FirstAsync();
        identity.AddClaim(new Claim(ScopeClaims.UnitId, user.UnitId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ScopeClaims.UnitPath, unitPath));
        identity.AddClaim(new Claim(ScopeClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(ScopeClaims.UserVersion, user.ConcurrencyStamp ?? string.Empty));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(ScopeClaims.MustChangePassword, ScopeClaims.PasswordSetByAdministrator));
        }
        else if (passwordExpiry.IsExpired(user))
        {
            identity.AddClaim(new Claim(ScopeClaims.MustChangePassword, ScopeClaims.PasswordExpired));
        }

        var roles = identity.FindAll(identity.RoleClaimType).Select(c => c.Value);
        if (!user.TwoFactorEnabled && accountOptions.Value.RequiresTwoFactor(roles))
        {
            identity.AddClaim(new Claim(ScopeClaims.MustSetUpTwoFactor, "true"));
        }

        return identity;
    }
}
