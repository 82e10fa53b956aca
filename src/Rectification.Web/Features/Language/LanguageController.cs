using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Language;

public sealed class LanguageController(DisplayFormatter format) : AppController(format)
{
    /// <summary>Remembers the chosen language in a cookie for a year; unknown languages fall back to Chinese.</summary>
    [HttpPost]
    [AllowAnonymous]
    public IActionResult Set(string culture, string? returnUrl)
    {
        var chosen = WebSetup.SupportedCultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.SupportedCultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
