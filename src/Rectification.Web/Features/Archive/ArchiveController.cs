using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Rectification.Core.Archive;
using Rectification.Core.Inspections;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Archive;

/// <summary>整改档案: an inspection's ledger, report, mechanism documents and evidence as one .zip, in the user's scope.</summary>
[AuditTarget(typeof(Inspection))]
public sealed class ArchiveController(ArchiveService archives, DisplayFormatter format) : AppController(format)
{
    /// <summary>
    /// Streams the archive as it is written: no length is known beforehand, and a gigabyte of evidence never sits in
    /// memory or in a temporary file. A failure half-way ends the download short, which the unzip reports.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Download(int id, CancellationToken cancellationToken)
    {
        var prepared = await archives.PrepareAsync(id, User, cancellationToken);
        if (Refusal(prepared) is { } refusal)
        {
            return refusal;
        }

        var archive = prepared.Value!;
        Response.ContentType = "application/zip";
        Response.Headers[HeaderNames.ContentDisposition] =
            new ContentDispositionHeaderValue("attachment") { FileNameStar = archive.FileName, FileName = $"archive-{id}.zip" }.ToString();
        Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";

        // ZipArchive writes each entry's closing data descriptor synchronously, even through its async API (.NET 10):
        // a few dozen bytes per entry. The file contents themselves are copied asynchronously.
        if (HttpContext.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        await archives.WriteAsync(archive, Response.Body, cancellationToken);
        return new EmptyResult();
    }
}
