using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Rectification.Core.Auditing;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Audit;

/// <summary>操作日志: the audit trail's viewer, export, chain verification and archiving.</summary>
[Authorize(Policies.ViewAudit)]
public sealed class AuditController(
    AuditQueries audit, AuditVerifier verifier, AuditArchiver archiver, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    public async Task<IActionResult> Index(AuditFilter filter, CancellationToken cancellationToken) =>
        View(new AuditIndexViewModel(filter, await audit.ListAsync(filter, User, cancellationToken)));

    /// <summary>The filtered entries as CSV (UTF-8 with BOM for Excel), streamed; the export is itself an entry.</summary>
    [HttpGet]
    public async Task Export(AuditFilter filter, CancellationToken cancellationToken)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = "audit.csv" }.ToString();
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync("sequence,time_utc,user,client,action,entity,entity_id,outcome,details");
        await foreach (var e in audit.ExportAsync(filter, User, cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',',
                e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("O", CultureInfo.InvariantCulture),
                Csv(e.UserName), Csv(e.ClientAddress), e.Action, Csv(e.EntityType), Csv(e.EntityId), e.Outcome.ToString(), Csv(e.Details)));
        }
    }

    [HttpGet]
    [Authorize(Policies.Administration)]
    public IActionResult Verify() => View((AuditVerification?)null);

    [HttpPost]
    [Authorize(Policies.Administration)]
    public async Task<IActionResult> Verify(CancellationToken cancellationToken) => View(await verifier.VerifyAsync(cancellationToken));

    [HttpPost]
    [Authorize(Policies.Administration)]
    public async Task<IActionResult> Archive(CancellationToken cancellationToken)
    {
        var result = await archiver.ArchiveAsync(cancellationToken);
        Flash(result.Count == 0
            ? localizer["没有超过保留期限的日志需要归档。"]
            : localizer["已归档{0}条日志到{1}。", result.Count, Path.GetFileName(result.File!)]);
        return RedirectToAction(nameof(Verify));
    }

    /// <summary>A CSV cell, quoted; a leading = + - @ is defused so a spreadsheet never runs it as a formula.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

public sealed record AuditIndexViewModel(AuditFilter Filter, PagedList<AuditItem> Entries);
