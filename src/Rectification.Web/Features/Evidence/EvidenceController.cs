using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Rectification.Core.Common;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Evidence;

[AuditTarget(typeof(EvidenceItem))]
[AuditTarget(typeof(Finding), "findingId")]
[AuditTarget(typeof(EvidenceItem), "replaces")]
[AuditTarget(typeof(FollowUp), "followUp")]
public sealed class EvidenceController(
    EvidenceService evidence,
    EvidenceUploadReader uploads,
    IOptions<EvidenceOptions> options,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    [HttpGet]
    public async Task<IActionResult> Upload(int findingId, int? replaces, int? followUp, CancellationToken cancellationToken)
    {
        var context = await evidence.GetUploadContextAsync(findingId, replaces, User, cancellationToken, followUp);
        return Refusal(context) ?? (IActionResult?)RefusedForStatus(context, findingId)
            ?? View(UploadModel(context.Value!, new EvidenceUploadInput { ReplacesItemId = replaces, FollowUpId = followUp, EvidenceDate = Format.Today }));
    }

    /// <summary>
    /// Streams the upload section by section into the store; the antiforgery token is checked by the reader before
    /// the first file, since letting MVC check it would read the whole body into a buffer first.
    /// </summary>
    [HttpPost]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> Upload(int findingId, CancellationToken cancellationToken)
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

        var input = new EvidenceUploadInput();
        var fields = new FormValueProvider(BindingSource.Form, new FormCollection(request.Fields.ToDictionary(f => f.Key, f => new StringValues(f.Value))), CultureInfo.CurrentCulture);
        var bound = await TryUpdateModelAsync(input, "Input", fields);
        // A field cut short is refused next to it, unless its own rule (a length limit) already says why.
        foreach (var name in request.TruncatedFields.Where(name => ModelState[name] is not { Errors.Count: > 0 }))
        {
            ModelState.AddModelError(name, localizer["内容过长,最多{0}个字。", MultipartForm.MaxFieldLength]);
            bound = false;
        }

        if (request.Error is { } error)
        {
            ModelState.AddModelError("Input.Files", localizer[error.Message, error.Args]);
        }

        OperationResult result = OperationResult.Invalid("请检查填写的内容。");
        if (bound && request.Error is null)
        {
            result = await evidence.AddAsync(findingId, input, request.Files, User, cancellationToken);
        }
        else
        {
            evidence.Discard(request.Files);
        }

        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["佐证材料已上传。"]);
            return RedirectToAction("Details", "Findings", new { id = findingId }, input.FollowUpId is null ? "evidence" : "follow-ups");
        }

        if (bound && request.Error is null)
        {
            AddToModelState(result, "Input.");
        }

        var context = await evidence.GetUploadContextAsync(findingId, input.ReplacesItemId, User, cancellationToken, input.FollowUpId);
        var gone = Refusal(context) ?? RefusedForStatus(context, findingId);
        if (gone is not null)
        {
            return gone;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(UploadModel(context.Value!, input));
    }

    /// <summary>The file as an attachment, after its hash has been checked.</summary>
    [HttpGet]
    [AuditTarget(typeof(EvidenceVersion))]
    public Task<IActionResult> Download(int id, CancellationToken cancellationToken) => ServeAsync(id, inline: false, cancellationToken);

    /// <summary>The file for the preview page: PDF and images only, shown in the browser.</summary>
    [HttpGet]
    [AuditTarget(typeof(EvidenceVersion))]
    public Task<IActionResult> Inline(int id, CancellationToken cancellationToken) => ServeAsync(id, inline: true, cancellationToken);

    [HttpGet]
    [AuditTarget(typeof(EvidenceVersion))]
    public async Task<IActionResult> Preview(int id, CancellationToken cancellationToken)
    {
        var version = await evidence.GetVersionAsync(id, cancellationToken);
        return version is null || !version.Version.CanPreview ? NotFound() : View(version);
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var item = await evidence.GetItemAsync(id, cancellationToken);
        return item is null ? NotFound() : View(item);
    }

    [HttpPost]
    public async Task<IActionResult> Delete(int id, string? reason, CancellationToken cancellationToken)
    {
        var item = await evidence.GetItemAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var result = await evidence.DeleteAsync(id, reason, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(item with { Reason = reason });
        }

        Flash(localizer["佐证材料已删除(文件仍保留在历史记录中)。"]);
        return RedirectToAction("Details", "Findings", new { id = item.FindingId }, "evidence");
    }

    /// <summary>通过 / 不通过 on one item; the finding's version guards against two reviewers at once.</summary>
    [HttpPost]
    public async Task<IActionResult> Review(int id, string decision, string? note, int version, CancellationToken cancellationToken)
    {
        var item = await evidence.GetItemAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var result = await evidence.ReviewAsync(id, decision == "accept", note, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["已记录审核意见。"]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction("Details", "Findings", new { id = item.FindingId }, "evidence");
    }

    private async Task<IActionResult> ServeAsync(int id, bool inline, CancellationToken cancellationToken)
    {
        var content = await evidence.OpenAsync(id, preview: inline, cancellationToken);
        switch (content.Status)
        {
            case EvidenceOpenStatus.NotFound:
                return NotFound();
            case EvidenceOpenStatus.Tampered:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return View("Tampered");
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (!inline)
        {
            return File(content.Content!, content.ContentType, content.FileName, enableRangeProcessing: true);
        }

        if (!EvidenceFileTypes.CanPreviewInline(content.FileType))
        {
            await content.Content!.DisposeAsync();
            return NotFound();
        }

        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(content.FileName);
        Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        SecurityHeaders.AllowSameOriginFraming(Response);
        return File(content.Content!, content.ContentType, enableRangeProcessing: true);
    }

    private EvidenceUploadViewModel UploadModel(EvidenceUploadContext context, EvidenceUploadInput input) => new()
    {
        Context = context,
        Input = input,
        Measures = context.Measures
            .Select(m => new SelectListItem($"{m.Ordinal}. {m.Description}", m.Id.ToString(CultureInfo.InvariantCulture)))
            .ToList(),
        MaxFileBytes = options.Value.MaxFileBytes,
        MaxFiles = options.Value.MaxFilesPerUpload,
    };

    /// <summary>A finding that no longer takes evidence (closed, under review): back to it, saying why.</summary>
    private RedirectToActionResult? RefusedForStatus(OperationResult result, int findingId)
    {
        if (result.Status != OperationStatus.Invalid)
        {
            return null;
        }

        FlashError(Format.Message(result));
        return RedirectToAction("Details", "Findings", new { id = findingId });
    }
}
