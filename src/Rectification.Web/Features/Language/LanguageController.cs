using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Rectification.Core.Accounts;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Language;

public sealed class LanguageController(UserManager<AppUser> users, DisplayFormatter format) : AppController(format)
{
    /// <summary>Remembers the chosen language in a cookie for a year; unknown languages fall back to Chinese.</summary>
    [HttpPost]
    [AllowAnonymous]
    public async Task<IActionResult> Set(string culture, string? returnUrl)
    {
        var chosen = WebSetup.SupportedCultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.SupportedCultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });

        // Remembered on the account too, so e-mails reach the user in the language they read.
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.Language != chosen.Name)
        {
            user.Language = chosen.Name;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
