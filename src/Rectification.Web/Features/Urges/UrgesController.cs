using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Findings;
using Rectification.Core.Units;
using Rectification.Core.Urging;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Urges;

/// <summary>督办: the list of urges in scope, urging a unit, and acknowledging (签收).</summary>
[AuditTarget(typeof(Urge))]
[AuditTarget(typeof(Finding), "findingId")]
[AuditTarget(typeof(OrgUnit), "unitId")]
public sealed class UrgesController(UrgeService urges, IStringLocalizer<SharedResource> localizer, DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(bool openOnly = false, int page = 1, CancellationToken cancellationToken = default) =>
        View(new UrgeIndexViewModel(await urges.ListAsync(openOnly, page, User, cancellationToken), openOnly));

    [HttpGet]
    public async Task<IActionResult> Create(int? unitId, int? findingId, CancellationToken cancellationToken) =>
        Refusal(await urges.CheckTargetAsync(unitId, findingId, User, cancellationToken))
        ?? View(new UrgeFormViewModel { UnitId = unitId, FindingId = findingId, Input = new UrgeInput { ExpectedBy = Format.Today.AddDays(7) } });

    [HttpPost]
    public async Task<IActionResult> Create(int? unitId, int? findingId, [Bind(Prefix = "Input")] UrgeInput input, CancellationToken cancellationToken)
    {
        // Out of scope (404) or not a role that urges (403) before the form is read, as the GET answers.
        if (Refusal(await urges.CheckTargetAsync(unitId, findingId, User, cancellationToken)) is { } refused)
        {
            return refused;
        }

        var model = new UrgeFormViewModel { UnitId = unitId, FindingId = findingId, Input = input };
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = findingId is { } finding
            ? await urges.UrgeFindingAsync(finding, input, User, cancellationToken)
            : await urges.UrgeUnitAsync(unitId ?? 0, input, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View(model);
        }

        Flash(localizer["督办已发出,责任单位将收到通知。"]);
        return findingId is { } id ? RedirectToAction("Details", "Findings", new { id }) : RedirectToAction(nameof(Index));
    }

    [HttpPost]
    public async Task<IActionResult> Acknowledge(int id, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await urges.AcknowledgeAsync(id, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        Flash(localizer["已签收。"]);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Action(nameof(Index))!);
    }
}

public sealed record UrgeIndexViewModel(Rectification.Core.Common.PagedList<UrgeItem> Urges, bool OpenOnly);

public sealed class UrgeFormViewModel
{
    public int? UnitId { get; set; }

    public int? FindingId { get; set; }

    public UrgeInput Input { get; set; } = new();
}
