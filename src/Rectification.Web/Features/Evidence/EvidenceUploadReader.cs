using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Rectification.Core.Evidence;

namespace Rectification.Web.Features.Evidence;

/// <summary>What an upload request carried: its form fields and the files received into the store.</summary>
public sealed class UploadRequest
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ReceivedFile> Files { get; } = [];

    /// <summary>Why the request was refused before the files could be checked, as a message key and its arguments.</summary>
    public (string Message, object[] Args)? Error { get; set; }
}

/// <summary>
/// Reads a multipart upload section by section, streaming each file into the evidence store (hashing as it goes)
/// so that no file is ever held whole in memory. The antiforgery token must come before the first file (the
/// form puts it first) and is checked before any file is received.
/// </summary>
public sealed class EvidenceUploadReader(IEvidenceStore store, IAntiforgery antiforgery, IOptions<EvidenceOptions> options)
{
    private const int MaxFieldLength = 16 * 1024;
    private const string TokenField = "__RequestVerificationToken";
    private const string TokenHeader = "RequestVerificationToken";

    public async Task<UploadRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var request = new UploadRequest();
        var contentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? string.Empty);
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(boundary))
        {
            throw new BadHttpRequestException("Expected a multipart/form-data upload.");
        }

        // Allow the whole upload through Kestrel's default body limit; each file is held to its own limit below.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = (limits.MaxFileBytes * limits.MaxFilesPerUpload) + (1024 * 1024);
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        var tokenChecked = false;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (!disposition.IsFileDisposition())
                {
                    // A plain field (IsFormDisposition means exactly that: form-data without a file name).
                    request.Fields[name] = await ReadFieldAsync(section.Body, cancellationToken);
                    continue;
                }

                // filename* (RFC 5987) when the client sent one; browsers send the raw UTF-8 name in filename.
                var rawName = HeaderUtilities.RemoveQuotes(
                    StringSegment.IsNullOrEmpty(disposition.FileNameStar) ? disposition.FileName : disposition.FileNameStar).Value;
                if (string.IsNullOrEmpty(rawName))
                {
                    continue; // the file box was left empty
                }

                if (!tokenChecked)
                {
                    await ValidateTokenAsync(context, request);
                    tokenChecked = true;
                }

                if (request.Files.Count == limits.MaxFilesPerUpload)
                {
                    request.Error = ("一次最多上传{0}个文件。", [limits.MaxFilesPerUpload]);
                    break;
                }

                var fileName = EvidenceService.CleanFileName(rawName);
                if (fileName is null)
                {
                    request.Error = ("文件名“{0}”无效。", [rawName]);
                    break;
                }

                try
                {
                    var blob = await store.ReceiveAsync(section.Body, limits.MaxFileBytes, cancellationToken);
                    request.Files.Add(new ReceivedFile(fileName, blob));
                }
                catch (EvidenceTooLargeException)
                {
                    request.Error = ("文件“{0}”超过了{1}MB的大小限制。", [fileName, limits.MaxFileBytes / (1024 * 1024)]);
                    break;
                }
            }

            if (!tokenChecked)
            {
                await ValidateTokenAsync(context, request);
            }
        }
        catch
        {
            // An interrupted or refused request keeps nothing it received.
            request.Files.ForEach(f => store.Discard(f.Blob));
            throw;
        }

        if (request.Error is not null)
        {
            request.Files.ForEach(f => store.Discard(f.Blob));
            request.Files.Clear();
        }

        return request;
    }

    /// <summary>Checks the form's antiforgery token without letting the antiforgery service read (buffer) the body.</summary>
    private async Task ValidateTokenAsync(HttpContext context, UploadRequest request)
    {
        context.Request.Headers[TokenHeader] = request.Fields.GetValueOrDefault(TokenField) ?? string.Empty;
        await antiforgery.ValidateRequestAsync(context);
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return length > MaxFieldLength
            ? throw new BadHttpRequestException("A form field is too long.")
            : new string(buffer, 0, length);
    }
}
