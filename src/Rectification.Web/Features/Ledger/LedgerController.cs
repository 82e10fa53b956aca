using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Rectification.Core.Authorization;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger;
using Rectification.Core.Ledger.Word;
using Rectification.Web.Features.Evidence;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Ledger;

/// <summary>The 整改台账 as a spreadsheet: export of the findings list, and import of findings into an inspection.</summary>
[AuditTarget(typeof(LedgerImport))]
[AuditTarget(typeof(Inspection), "inspectionId")]
public sealed class LedgerController(
    LedgerExporter exporter,
    LedgerImporter importer,
    LedgerUploadReader uploads,
    DisplayFormatter format) : AppController(format)
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The findings list with its filters (the same query string), in the user's scope, as .xlsx or .csv. The file
    /// is written to a temporary file first: the .xlsx writer needs to seek, and a failure half-way gives an error
    /// page instead of a truncated download.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Export(string? format, FindingFilter filter, CancellationToken cancellationToken)
    {
        LedgerFormat? ledgerFormat = format?.ToLowerInvariant() switch
        {
            null or "xlsx" => LedgerFormat.Xlsx,
            "csv" => LedgerFormat.Csv,
            _ => null,
        };
        if (ledgerFormat is not { } chosen)
        {
            return NotFound();
        }

        var file = TemporaryFile();
        try
        {
            await exporter.WriteAsync(filter, chosen, file, cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(file, LedgerExporter.ContentType(chosen), exporter.FileName(chosen));
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Template(int inspectionId, CancellationToken cancellationToken)
    {
        var target = await importer.GetTargetAsync(inspectionId, User, cancellationToken);
        if (Refusal(target) is { } refusal)
        {
            return refusal;
        }

        var file = TemporaryFile();
        LedgerTemplate.Write(file, target.Value!);
        file.Position = 0;
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(file, XlsxContentType, LedgerTemplate.FileName);
    }

    /// <summary>A sample feedback document (.docx) that the import recognises, to try it or to compare with one's own.</summary>
    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public IActionResult Sample()
    {
        var file = TemporaryFile();
        FeedbackSample.Write(file);
        file.Position = 0;
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return File(file, FeedbackSample.ContentType, FeedbackSample.FileName);
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Import(int inspectionId, CancellationToken cancellationToken)
    {
        var target = await importer.GetTargetAsync(inspectionId, User, cancellationToken);
        return Refusal(target) ?? View(new LedgerUploadViewModel { Target = target.Value! });
    }

    /// <summary>Reads the upload as a stream (see <see cref="LedgerUploadReader"/>), checks it, and shows the preview.</summary>
    [HttpPost]
    [ActionName(nameof(Import))]
    [Authorize(Policies.ManageInspections)]
    [IgnoreAntiforgeryToken]
    [DisableFormValueModelBinding]
    public async Task<IActionResult> Upload(int inspectionId, CancellationToken cancellationToken)
    {
        // Refused before the body is read when the user may not import into this inspection.
        var target = await importer.GetTargetAsync(inspectionId, User, cancellationToken);
        if (Refusal(target) is { } refusal)
        {
            return refusal;
        }

        LedgerUpload upload;
        try
        {
            upload = await uploads.ReadAsync(HttpContext, cancellationToken);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }

        await using (upload)
        {
            if (upload.Error is { } error)
            {
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return View(new LedgerUploadViewModel { Target = target.Value!, UploadError = error });
            }

            var result = await importer.UploadAsync(inspectionId, upload.FileName, upload.Content!, User, cancellationToken);
            if (Refusal(result) is { } refused)
            {
                return refused;
            }

            if (result.Succeeded)
            {
                return RedirectToAction(nameof(Preview), new { id = result.Value!.BatchId });
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(new LedgerUploadViewModel { Target = target.Value!, Refused = result.Value });
        }
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Preview(Guid id, CancellationToken cancellationToken)
    {
        var result = await importer.GetPreviewAsync(id, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Value!.Imported)
        {
            return RedirectToAction(nameof(Imported), new { id });
        }

        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return View(result.Value);
    }

    /// <summary>Imports the batch: every row or none.</summary>
    [HttpPost]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Confirm(Guid id, CancellationToken cancellationToken)
    {
        var result = await importer.ConfirmAsync(id, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            return RedirectToAction(nameof(Imported), new { id });
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Preview), result.Value);
    }

    /// <summary>The preview's correction form for one row (category, title, unit, people, deadline).</summary>
    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> EditRow(Guid id, int row, CancellationToken cancellationToken)
    {
        var result = await importer.GetRowAsync(id, row, User, cancellationToken);
        return Refusal(result) ?? View(result.Value);
    }

    /// <summary>Saves a row's correction if the row then passes every check; otherwise shows why and saves nothing.</summary>
    [HttpPost]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> EditRow(Guid id, LedgerRowInput input, CancellationToken cancellationToken)
    {
        var result = await importer.CorrectRowAsync(id, input, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            return RedirectToAction(nameof(Preview), new { id });
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(result.Value);
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Imported(Guid id, CancellationToken cancellationToken)
    {
        var result = await importer.GetResultAsync(id, User, cancellationToken);
        return result is null ? NotFound() : View(result);
    }

    /// <summary>A temporary file that deletes itself when the response has been sent (the result disposes it).</summary>
    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "rectification-ledger-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
}
