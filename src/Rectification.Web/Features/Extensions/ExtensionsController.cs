using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Extensions;
using Rectification.Core.Findings;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Extensions;

/// <summary>延期申请: requests from the finding's page, decisions from the finding's page or the pending list.</summary>
[AuditTarget(typeof(DeadlineExtension))]
[AuditTarget(typeof(Finding), "findingId")]
public sealed class ExtensionsController(ExtensionService extensions, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await extensions.PendingAsync(cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Apply(int findingId, int version, DateOnly? requestedDeadline, string? reason, CancellationToken cancellationToken)
    {
        var result = await extensions.RequestAsync(findingId, requestedDeadline, reason, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["延期申请已提交,等待巡察办审批。"]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction("Details", "Findings", new { id = findingId }, "extensions");
    }

    [HttpPost]
    public async Task<IActionResult> Decide(int id, int findingId, string decision, string? note, CancellationToken cancellationToken)
    {
        var result = await extensions.DecideAsync(id, findingId, decision == "approve", note, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["已处理延期申请。"]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction("Details", "Findings", new { id = findingId }, "extensions");
    }
}
