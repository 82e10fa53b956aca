using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Evidence;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Web.Features.Evidence;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Mechanisms;

/// <summary>长效机制: an inspection's register, each mechanism's page, its form and its document.</summary>
[AuditTarget(typeof(Mechanism))]
[AuditTarget(typeof(Inspection), "inspectionId")]
public sealed class MechanismsController(
    MechanismService mechanisms,
    UnitService units,
    EvidenceUploadReader uploads,
    IOptions<EvidenceOptions> options,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(int inspectionId, CancellationToken cancellationToken)
    {
        var list = await mechanisms.ListAsync(inspectionId, User, cancellationToken);
        return list is null ? NotFound() : View(list);
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await mechanisms.GetDetailsAsync(id, User, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Policies.RegisterMechanisms)]
    public async Task<IActionResult> Create(int inspectionId, CancellationToken cancellationToken)
    {
        var model = new MechanismFormViewModel { InspectionId = inspectionId, Input = new MechanismInput { IssueDate = Format.Today } };
        return await FormAsync(model, cancellationToken) ?? NotFound();
    }

    [HttpPost]
    [Authorize(Policies.RegisterMechanisms)]
    public async Task<IActionResult> Create(int inspectionId, [Bind(Prefix = "Input")] MechanismInput input, CancellationToken cancellationToken)
    {
        var model = new MechanismFormViewModel { InspectionId = inspectionId, Input = input };
        if (!ModelState.IsValid)
        {
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        var result = await mechanisms.CreateAsync(inspectionId, input, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        Flash(localizer["长效机制已登记。请上传印发的文件。"]);
        return RedirectToAction(nameof(Upload), new { id = result.Value });
    }

    [HttpGet]
    [Authorize(Policies.RegisterMechanisms)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var data = await mechanisms.GetForEditAsync(id, User, cancellationToken);
        if (Refusal(data) is { } refusal)
        {
            return refusal;
        }

        var (inspectionId, input, version) = data.Value;
        var model = new MechanismFormViewModel { Id = id, InspectionId = inspectionId, Version = version, Input = input };
        return await FormAsync(model, cancellationToken) ?? NotFound();
    }

    [HttpPost]
    [Authorize(Policies.RegisterMechanisms)]
    public async Task<IActionResult> Edit(int id, int version, [Bind(Prefix = "Input")] MechanismInput input, CancellationToken cancellationToken)
    {
        var current = await mechanisms.GetForEditAsync(id, User, cancellationToken);
        if (Refusal(current) is { } refusal)
        {
            return refusal;
        }

        var model = new MechanismFormViewModel { Id = id, InspectionId = current.Value.InspectionId, Version = version, Input = input };
        if (!ModelState.IsValid)
        {
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        var result = await mechanisms.UpdateAsync(id, input, version, User, cancellationToken);
        if (Refusal(result) is { } denied)
        {
            return denied;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            await ShowConflictAsync(result, model, async () =>
                await mechanisms.GetForEditAsync(id, User, cancellationToken) is { Succeeded: true, Value: var saved } ? (saved.Input, saved.Version) : null);
            return await FormAsync(model, cancellationToken) ?? NotFound();
        }

        Flash(localizer["长效机制已保存。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Policies.RegisterMechanisms)]
    public async Task<IActionResult> Upload(int id, CancellationToken cancellationToken)
    {
        var context = await mechanisms.GetUploadContextAsync(id, User, cancellationToken);
        return Refusal(context) ?? View(UploadModel(context.Value));
    }

    /// <summary>Streams the document into the evidence store, the way evidence uploads do (token checked first).</summary>
    [HttpPost]
    [ActionName(nameof(Upload))]
    [Authorize(Policies.RegisterMechanisms)]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> UploadPost(int id, CancellationToken cancellationToken)
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
            ModelState.AddModelError("Files", localizer[error.Message, error.Args]);
            result = OperationResult.Invalid("请检查填写的内容。");
        }
        else
        {
            result = await mechanisms.AddDocumentAsync(id, request.Files, User, cancellationToken);
            if (Refusal(result) is { } refusal)
            {
                return refusal;
            }

            if (result.Succeeded)
            {
                Flash(localizer["文件已上传。"]);
                return RedirectToAction(nameof(Details), new { id });
            }

            AddToModelState(result);
        }

        var context = await mechanisms.GetUploadContextAsync(id, User, cancellationToken);
        if (Refusal(context) is { } gone)
        {
            return gone;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(UploadModel(context.Value));
    }

    /// <summary>A version of the document as an attachment, after its hash has been checked.</summary>
    [HttpGet]
    [AuditTarget(typeof(MechanismDocument))]
    public async Task<IActionResult> Download(int id, CancellationToken cancellationToken)
    {
        var content = await mechanisms.OpenDocumentAsync(id, cancellationToken);
        switch (content.Status)
        {
            case EvidenceOpenStatus.NotFound:
                return NotFound();
            case EvidenceOpenStatus.Tampered:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("~/Features/Evidence/Tampered.cshtml");
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(content.Content!, content.ContentType, content.FileName, enableRangeProcessing: true);
    }

    /// <summary>The form with its pickers; null when the inspection is not visible to the user.</summary>
    private async Task<IActionResult?> FormAsync(MechanismFormViewModel model, CancellationToken cancellationToken)
    {
        var context = await mechanisms.GetFormContextAsync(model.InspectionId, cancellationToken);
        if (context is null)
        {
            return null;
        }

        var unitOptions = await units.GetOptionsAsync(ScopeClaims.ToScope(User), cancellationToken);
        model.InspectionTitle = context.InspectionTitle;
        model.Findings = context.Findings;
        model.Units = SelectListItems.ForUnits(unitOptions);
        return View("Form", model);
    }

    private MechanismUploadViewModel UploadModel((int Id, string Title) mechanism) => new(mechanism.Id, mechanism.Title, options.Value.MaxFileBytes);
}
