using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Home;

public sealed class HomeController(FindingQueries findings, FollowUpQueries followUps, DisplayFormatter format) : AppController(format)
{
    /// <summary>The workbench: where the user's findings stand, each number a link to the matching list.</summary>
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var summary = await findings.SummarizeAsync(cancellationToken);
        var recent = await findings.ListAsync(new FindingFilter { Sort = FindingSort.Updated, Descending = true, PageSize = 8 }, cancellationToken);
        return View(new HomeViewModel(ScopeClaims.ToScope(User), summary, recent.Items, await followUps.CountAsync(cancellationToken)));
    }

    /// <summary>
    /// 关于本系统: the layout around a line of text, no data of its own (only the sign-in's session check). The load
    /// benchmark measures every page against it.
    /// </summary>
    public IActionResult About() => View();

    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error() => View();

    /// <summary>
    /// Friendly pages for 404, 403 and the like, re-executed by the status-code middleware. The code is read from
    /// the re-execution itself, not bound: the original request may have been an upload whose body is half read.
    /// Requested directly, only an error status (400–599) is answered with itself; any other number (999999999, -1,
    /// 200) is not a page here, and written as the status line it would break the response.
    /// </summary>
    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    [Route("/Home/Status/{code:int}")]
    public IActionResult Status()
    {
        var code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
            ?? (int.TryParse(RouteData.Values["code"] as string, out var routed) && routed is >= 400 and <= 599 ? routed : StatusCodes.Status404NotFound);
        Response.StatusCode = code;
        return View(code);
    }
}

public sealed record HomeViewModel(UserScope Scope, FindingSummary Summary, IReadOnlyList<FindingListItem> Recent, FollowUpCounts FollowUps);
