using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Inspections;
using Rectification.Core.Reports;
using Rectification.Core.Text;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Reports;

/// <summary>
/// The public report (整改情况通报) behind the scenes: the draft, its editing, regenerating section 二 from the
/// ledger, publishing and the .docx. Leaders read it; the inspection office and the administrator change it.
/// </summary>
[Authorize(Policies.ReadReports)]
[AuditTarget(typeof(PublicReport))]
[AuditTarget(typeof(Inspection), "inspectionId")]
public sealed class ReportsController(ReportService reports, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Generates the inspection's draft from its ledger (or opens the one it has).</summary>
    [HttpPost]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Create(int inspectionId, CancellationToken cancellationToken)
    {
        var result = await reports.CreateDraftAsync(inspectionId, User, cancellationToken);
        return Refusal(result) ?? RedirectToAction(nameof(Details), new { id = result.Value });
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await reports.GetDetailsAsync(id, User, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var data = await reports.GetForEditAsync(id, User, cancellationToken);
        if (Refusal(data) is { } refusal)
        {
            return refusal;
        }

        var (input, version, inspectionId, inspectionTitle) = data.Value;
        return View(new ReportFormViewModel { Id = id, InspectionId = inspectionId, InspectionTitle = inspectionTitle, Version = version, Input = input });
    }

    [HttpPost]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Edit(int id, int version, [Bind(Prefix = "Input")] ReportInput input, CancellationToken cancellationToken)
    {
        var current = await reports.GetForEditAsync(id, User, cancellationToken);
        if (Refusal(current) is { } refusal)
        {
            return refusal;
        }

        var model = new ReportFormViewModel
        {
            Id = id,
            InspectionId = current.Value.InspectionId,
            InspectionTitle = current.Value.InspectionTitle,
            Version = version,
            Input = input,
        };
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await reports.UpdateAsync(id, input, version, User, cancellationToken);
        if (Refusal(result) is { } denied)
        {
            return denied;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            await ShowConflictAsync(result, model, async () =>
                await reports.GetForEditAsync(id, User, cancellationToken) is { Succeeded: true, Value: var saved } ? (saved.Input, saved.Version) : null);
            return View(model);
        }

        Flash(localizer["通报草稿已保存。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>What regenerating section 二 from the ledger would change, before anything is saved.</summary>
    [HttpGet]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Regenerate(int id, CancellationToken cancellationToken)
    {
        var preview = await reports.PreviewRegenerationAsync(id, User, cancellationToken);
        return Refusal(preview) ?? View(new RegenerateViewModel(preview.Value!));
    }

    [HttpPost]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Regenerate(int id, string? hash, int version, CancellationToken cancellationToken)
    {
        var result = await reports.AcceptRegenerationAsync(id, hash, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer["已按问题台账重新生成第二部分。"]);
            return RedirectToAction(nameof(Details), new { id });
        }

        // Show the comparison as it stands now, with why nothing was saved.
        var preview = await reports.PreviewRegenerationAsync(id, User, cancellationToken);
        if (Refusal(preview) is { } gone)
        {
            return gone;
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return View(new RegenerateViewModel(preview.Value!, Format.Message(result)));
    }

    [HttpPost]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Publish(int id, int version, CancellationToken cancellationToken) =>
        Outcome(await reports.PublishAsync(id, version, User, cancellationToken), id, "通报已发布,公众无需登录即可查看。");

    [HttpPost]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> Unpublish(int id, int version, CancellationToken cancellationToken) =>
        Outcome(await reports.UnpublishAsync(id, version, User, cancellationToken), id, "通报已撤回,公众已无法查看。");

    /// <summary>Adds to section 一 the sentence the recorded on-site visits give.</summary>
    [HttpPost]
    [Authorize(Policies.PublishReports)]
    public async Task<IActionResult> InsertSiteVisits(int id, int version, CancellationToken cancellationToken) =>
        Outcome(await reports.InsertSiteVisitsAsync(id, version, User, cancellationToken), id, "已在第一部分末尾插入现场查验情况,可在编辑草稿中调整位置和文字。");

    /// <summary>The draft as a .docx in the layout of official documents (GB/T 9704).</summary>
    [HttpGet]
    public async Task<IActionResult> Docx(int id, CancellationToken cancellationToken)
    {
        var document = await reports.ComposeAsync(id, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }

        // Tens of kilobytes: written to memory, then sent with its length.
        var buffer = new MemoryStream();
        ReportDocxWriter.Write(document, buffer);
        buffer.Position = 0;
        return File(buffer, DocxType, FileName(document.Title));
    }

    private IActionResult Outcome(OperationResult result, int id, string success)
    {
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            Flash(localizer[success]);
        }
        else
        {
            FlashError(Format.Message(result));
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    private static string FileName(string title) => NameText.ForFile(title, "report", int.MaxValue) + ".docx";
}
