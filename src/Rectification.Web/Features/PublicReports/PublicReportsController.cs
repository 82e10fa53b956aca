using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Rectification.Core.Reports;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.PublicReports;

/// <summary>
/// The public side, without login: the list of published reports, each report at its stable address, and the form
/// for 意见建议 under it (antiforgery-checked like every form, rate-limited per client, with a honeypot field).
/// An unpublished or unknown report answers 404 on every route.
/// </summary>
[AllowAnonymous]
[Route("Public/Reports")]
public sealed class PublicReportsController(PublicReportService reports, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    [HttpGet("")]
    [EnableRateLimiting(RateLimits.PublicPages)]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        View(await reports.ListAsync(page, cancellationToken));

    [HttpGet("{slug}")]
    [EnableRateLimiting(RateLimits.PublicPages)]
    public async Task<IActionResult> Report(string slug, CancellationToken cancellationToken)
    {
        var report = await reports.GetAsync(slug, cancellationToken);
        return report is null ? NotFound() : View(new PublicReportViewModel(report, new CommentInput()));
    }

    [HttpPost("{slug}/Comments")]
    [EnableRateLimiting(RateLimits.PublicComments)]
    public async Task<IActionResult> Comment(string slug, [Bind(Prefix = "Comment")] CommentInput input, CancellationToken cancellationToken)
    {
        var report = await reports.GetAsync(slug, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        // A robot that filled in the hidden field is thanked like anyone else; the service drops its comment.
        if (ModelState.IsValid || !string.IsNullOrEmpty(input.Website))
        {
            var result = await reports.AddCommentAsync(slug, input, cancellationToken);
            if (Refusal(result) is { } refusal)
            {
                return refusal;
            }

            if (result.Succeeded)
            {
                Flash(localizer["感谢您的意见建议,我们会认真研究处理。"]);
                return Redirect(Url.Action(nameof(Report), new { slug }) + "#comment");
            }

            AddToModelState(result, "Comment.");
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Report), new PublicReportViewModel(report, input));
    }
}

public sealed record PublicReportViewModel(PublishedReportView Report, CommentInput Comment);
