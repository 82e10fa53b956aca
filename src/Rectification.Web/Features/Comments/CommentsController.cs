using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Reports;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Comments;

/// <summary>意见建议 the public sent on published reports: the inspection office's triage list.</summary>
[Authorize(Policies.PublishReports)]
[AuditTarget(typeof(ReportComment))]
[AuditTarget(typeof(PublicReport), "reportId")]
[AuditTarget(typeof(PublicReport), "returnReportId")]
public sealed class CommentsController(ReportCommentService comments, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    /// <summary>What the user typed into a comment that someone else handled first, shown back to them.</summary>
    public const string UnsentResponse = nameof(UnsentResponse);

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

        if (result.Status == OperationStatus.Conflict)
        {
            // Someone handled it first: 409 with the list as it is now, who handled it and when, and the user's words.
            var list = await comments.ListAsync(returnReportId, null, 1, User, cancellationToken);
            if (Refusal(list) is { } gone)
            {
                return gone;
            }

            AddToModelState(result);
            ViewData[UnsentResponse] = response;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(nameof(Index), list.Value);
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
