using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.Core.Findings.Bulk;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Findings;

/// <summary>
/// 批量处理 from the findings list: one POST, then back to the list with the same filter (post/redirect/get), showing
/// how many were changed or, when nothing was, each refused finding and why.
/// </summary>
[AuditTarget(typeof(Finding), "Ids")]
[Authorize(Policies.ManageInspections)]
public sealed class BulkController(BulkFindingService bulk, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    [HttpPost]
    public async Task<IActionResult> Apply(BulkRequest request, CancellationToken cancellationToken)
    {
        var outcome = await bulk.ApplyAsync(request, User, cancellationToken);
        if (outcome.Problem is { } problem)
        {
            FlashError(Format.Message(problem));
        }
        else if (outcome.Refusals.Count > 0)
        {
            FlashError(localizer["未做任何更改:以下{0}个问题不能{1},请处理后重试,或取消勾选它们。", outcome.Refusals.Count, ActionName(outcome.Action)]);
            TempData[BulkRefusalView.Key] = BulkRefusalView.Write(outcome.Refusals.Select(Describe));
        }
        else
        {
            Flash(outcome.Action switch
            {
                BulkAction.Assign => localizer["已交办{0}个问题。", outcome.Changed],
                BulkAction.SetDeadline => localizer["已为{0}个问题设定整改时限。", outcome.Changed],
                _ => localizer["已督办{0}个问题。", outcome.Changed],
            });
        }

        // Back to the list the user acted from, on the page they were on.
        var list = FindingFilterRoutes.Values(request.Filter.Normalised());
        if (request.Filter.Page > 1)
        {
            list["Page"] = request.Filter.Page;
        }

        return RedirectToAction(nameof(FindingsController.Index), "Findings", list);
    }

    private BulkRefusalView Describe(BulkRefusal refusal) => new(
        refusal.Ordinal is { } ordinal
            ? DisplayFormatter.CategoryNumber(refusal.CategoryOrdinal ?? 0) + DisplayFormatter.FindingNumber(ordinal)
            : "#" + refusal.FindingId.ToString(CultureInfo.InvariantCulture),
        refusal.Title,
        refusal.Reason.Status switch
        {
            OperationStatus.NotFound => localizer["问题不存在或不在您的管理范围内。"],
            OperationStatus.Forbidden => localizer["您无权对该问题执行此操作。"],
            _ => Format.Message(refusal.Reason),
        });

    private string ActionName(BulkAction action) => action switch
    {
        BulkAction.Assign => localizer["交办"],
        BulkAction.SetDeadline => localizer["设定整改时限"],
        _ => localizer["督办"],
    };
}

/// <summary>A refused finding as the list shows it after a bulk action, carried across the redirect in TempData.</summary>
public sealed record BulkRefusalView(string Number, string? Title, string Reason)
{
    public const string Key = "BulkRefusals";

    public static string Write(IEnumerable<BulkRefusalView> refusals) => JsonSerializer.Serialize(refusals.ToList());

    public static IReadOnlyList<BulkRefusalView> Read(string json) => JsonSerializer.Deserialize<List<BulkRefusalView>>(json) ?? [];
}
