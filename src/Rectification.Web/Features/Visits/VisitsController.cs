using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Visits;
using Rectification.Web.Features.Evidence;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Visits;

/// <summary>现场查验: an inspection's visits, each visit's page with its results and photos, and its form.</summary>
[AuditTarget(typeof(SiteVisit))]
[AuditTarget(typeof(Inspection), "inspectionId")]
[AuditTarget(typeof(Finding), "findingId")]
public sealed class VisitsController(
    SiteVisitService visits,
    EvidenceUploadReader uploads,
    IOptions<EvidenceOptions> options,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    [HttpGet]
    [Authorize(Policies.ReadSiteVisits)]
    public async Task<IActionResult> Index(int inspectionId, CancellationToken cancellationToken)
    {
        var list = await visits.ListAsync(inspectionId, User, cancellationToken);
        return list is null ? NotFound() : View(list);
    }

    [HttpGet]
    [Authorize(Policies.ReadSiteVisits)]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await visits.GetDetailsAsync(id, User, cancellationToken);
        return details is null ? NotFound() : View(new VisitDetailsViewModel(details, options.Value.MaxFileBytes));
    }

    [HttpGet]
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Create(int inspectionId, CancellationToken cancellationToken)
    {
        var model = new VisitFormViewModel { InspectionId = inspectionId, Input = new SiteVisitInput { VisitedOn = Format.Today } };
        return await FormAsync(model, cancellationToken) ?? NotFound();
    }

    [HttpPost]
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Create(int inspectionId, [Bind(Prefix = "Input")] SiteVisitInput input, CancellationToken cancellationToken)
    {
        var model = new VisitFormViewModel { InspectionId = inspectionId, Input = input };
        if (!ModelState.IsValid)
        {
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        var result = await visits.CreateAsync(inspectionId, input, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        Flash(localizer["现场查验已登记。请逐个问题记录查验结果。"]);
        return RedirectToAction(nameof(Details), new { id = result.Value });
    }

    [HttpGet]
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var data = await visits.GetForEditAsync(id, User, cancellationToken);
        if (Refusal(data) is { } refusal)
        {
            return refusal;
        }

        var (inspectionId, input, version) = data.Value;
        return await FormAsync(new VisitFormViewModel { Id = id, InspectionId = inspectionId, Version = version, Input = input }, cancellationToken) ?? NotFound();
    }

    [HttpPost]
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Edit(int id, int version, [Bind(Prefix = "Input")] SiteVisitInput input, CancellationToken cancellationToken)
    {
        var current = await visits.GetForEditAsync(id, User, cancellationToken);
        if (Refusal(current) is { } refusal)
        {
            return refusal;
        }

        var model = new VisitFormViewModel { Id = id, InspectionId = current.Value.InspectionId, Version = version, Input = input };
        if (!ModelState.IsValid)
        {
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        var result = await visits.UpdateAsync(id, input, version, User, cancellationToken);
        if (Refusal(result) is { } denied)
        {
            return denied;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            await ShowConflictAsync(result, model, async () =>
                await visits.GetForEditAsync(id, User, cancellationToken) is { Succeeded: true, Value: var saved } ? (saved.Input, saved.Version) : null);
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        Flash(localizer["现场查验已保存。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>到位 / 不到位 and a note for each finding on the visit's page, saved together.</summary>
    [HttpPost]
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Results(int id, int version, List<VisitResultInput> results, CancellationToken cancellationToken)
    {
        var result = await visits.RecordResultsAsync(id, results, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["查验结果已保存。"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        return await RefusedAsync(id, result, cancellationToken);
    }

    /// <summary>Photos of one finding, streamed into the evidence store like any evidence (token checked first).</summary>
    [HttpPost]
    [Authorize(Policies.ReviewFindings)]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> Photos(int id, int findingId, CancellationToken cancellationToken)
    {
        UploadRequest request;
        try
        {
            request = await uploads.ReadAsync(HttpContext, cancellationToken);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }

        OperationResult result;
        if (request.Error is { } error)
        {
            visits.Discard(request.Files);
            result = OperationResult.Invalid(error.Message, "Files", error.Args);
        }
        else
        {
            result = await visits.AddPhotosAsync(id, findingId, request.Files, User, cancellationToken);
        }

        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["现场查验照片已上传。"]);
            return RedirectToAction(nameof(Details), null, new { id }, "finding-" + findingId.ToString(CultureInfo.InvariantCulture));
        }

        return await RefusedAsync(id, result, cancellationToken);
    }

    /// <summary>退回整改: a finding the visit found 不到位 goes back to its unit with the visit's note as the reason.</summary>
    [HttpPost]
    [Authorize(Policies.ReviewFindings)]
    public async Task<IActionResult> Return(int id, int findingId, int version, CancellationToken cancellationToken)
    {
        var result = await visits.ReturnAsync(id, findingId, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["已退回整改。"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        return await RefusedAsync(id, result, cancellationToken);
    }

    /// <summary>The visit's page again, with why the change was refused: 422, or 409 when someone saved first.</summary>
    private async Task<IActionResult> RefusedAsync(int id, OperationResult result, CancellationToken cancellationToken)
    {
        var details = await visits.GetDetailsAsync(id, User, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        // On the page's summary: the forms it answers (results, each finding's photos) have no field of their own to show it by.
        ModelState.AddModelError(string.Empty, Format.Message(result));
        Response.StatusCode = result.Status == OperationStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Details), new VisitDetailsViewModel(details, options.Value.MaxFileBytes));
    }

    /// <summary>The form with its choices; null when the user may not record visits of the inspection.</summary>
    private async Task<IActionResult?> FormAsync(VisitFormViewModel model, CancellationToken cancellationToken)
    {
        model.Options = await visits.GetFormOptionsAsync(model.InspectionId, User, cancellationToken);
        return model.Options is null ? null : View("Form", model);
    }
}
