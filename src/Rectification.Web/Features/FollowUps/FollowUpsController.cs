using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.FollowUps;

/// <summary>回头看: the list of follow-ups in scope, the unit's answer, and the office's accepting or reopening.</summary>
[AuditTarget(typeof(FollowUp))]
public sealed class FollowUpsController(
    FollowUpService followUps, FollowUpQueries queries, IStringLocalizer<SharedResource> localizer, DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(FollowUpShow show = FollowUpShow.Open, int page = 1, CancellationToken cancellationToken = default) =>
        View(new FollowUpIndexViewModel(await queries.ListAsync(show, page, cancellationToken), show, await queries.CountAsync(cancellationToken)));

    [HttpPost]
    public async Task<IActionResult> Answer(int id, int version, string? note, CancellationToken cancellationToken) =>
        await AfterAsync(id, await followUps.AnswerAsync(id, note, version, User, cancellationToken), "回头看情况已反馈,等待巡察办审核。");

    [HttpPost]
    public async Task<IActionResult> Accept(int id, int version, string? comment, CancellationToken cancellationToken) =>
        await AfterAsync(id, await followUps.AcceptAsync(id, comment, version, User, cancellationToken), "回头看已通过。");

    [HttpPost]
    public async Task<IActionResult> Reopen(int id, int version, string? comment, CancellationToken cancellationToken) =>
        await AfterAsync(id, await followUps.ReopenAsync(id, comment, version, User, cancellationToken), "问题已重新打开,责任单位继续整改。");

    /// <summary>Back to the finding's follow-up panel, with what happened or why not (a refusal out of scope is a 404).</summary>
    private async Task<IActionResult> AfterAsync(int id, OperationResult result, string done)
    {
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (await queries.FindingOfAsync(id) is not { } findingId)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Flash(localizer[done]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction("Details", "Findings", new { id = findingId }, "follow-ups");
    }
}

public sealed record FollowUpIndexViewModel(PagedList<FollowUpRow> List, FollowUpShow Show, FollowUpCounts Counts);
