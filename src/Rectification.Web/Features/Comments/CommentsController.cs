using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Reports;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Comments;

/// <summary>意见建议 the public sent on published reports: the inspection office's triage list.</summary>
[Authorize(Policies.PublishReports)]
public sealed class CommentsController(ReportCommentService comments, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    /// <summary>Of one report (reportId) or of every report the user handles; new ones first.</summary>
    public async Task<IActionResult> Index(int? reportId, ReportCommentStatus? status, int page = 1, CancellationToken cancellationToken = default)
    {
        var list = await comments.ListAsync(reportId, status, page, User, cancellationToken);
        return Refusal(list) ?? View(list.Value);
    }

    [HttpPost]
    public async Task<IActionResult> Handle(int id, string? response, int version, int? returnReportId, CancellationToken cancellationToken)
    {
        var result = await comments.HandleAsync(id, response, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["已记录处理情况。"]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction(nameof(Index), new { reportId = returnReportId });
    }
}
