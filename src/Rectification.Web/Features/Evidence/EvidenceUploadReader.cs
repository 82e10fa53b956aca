using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Rectification.Core.Evidence;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Evidence;

/// <summary>What an upload request carried: its form fields and the files received into the store.</summary>
public sealed class UploadRequest
{
    public Dictionary<string, string> Fields { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields longer than <see cref="MultipartForm.MaxFieldLength"/>: <see cref="Fields"/> holds their beginning.</summary>
    public IReadOnlySet<string> TruncatedFields { get; init; } = new HashSet<string>();

    public List<ReceivedFile> Files { get; } = [];

    /// <summary>Why the request was refused before the files could be checked, as a message key and its arguments.</summary>
    public (string Message, object[] Args)? Error { get; set; }
}

/// <summary>
/// Reads a multipart upload section by section (<see cref="MultipartForm"/>), streaming each file into the evidence
/// store (hashing as it goes) so that no file is ever held whole in memory. The antiforgery token must come before
/// the first file (the form puts it first) and is checked before any file is received.
/// </summary>
public sealed class EvidenceUploadReader(IEvidenceStore store, IAntiforgery antiforgery, IOptions<EvidenceOptions> options)
{
    /// <exception cref="AntiforgeryValidationException">The token is missing or wrong.</exception>
    /// <exception cref="BadHttpRequestException">The body is not a well-formed multipart upload.</exception>
    public async Task<UploadRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        // The whole upload may pass the server's default body limit; each file is held to its own limit below.
        var form = MultipartForm.Open(context, (limits.MaxFileBytes * limits.MaxFilesPerUpload) + (1024 * 1024));
        var request = new UploadRequest { Fields = form.Fields, TruncatedFields = form.TruncatedFields };
        var tokenChecked = false;
        try
        {
            while (await form.NextFileAsync(cancellationToken) is { } file)
            {
                if (string.IsNullOrEmpty(file.FileName))
                {
                    continue; // the file box was left empty
                }

                if (!tokenChecked)
                {
                    await form.ValidateTokenAsync(antiforgery);
                    tokenChecked = true;
                }

                if (request.Files.Count == limits.MaxFilesPerUpload)
                {
                    request.Error = ("一次最多上传{0}个文件。", [limits.MaxFilesPerUpload]);
                    break;
                }

                var fileName = EvidenceService.CleanFileName(file.FileName);
                if (fileName is null)
                {
                    request.Error = ("文件名“{0}”无效。", [file.FileName]);
                    break;
                }

                try
                {
                    var blob = await store.ReceiveAsync(file.Body, limits.MaxFileBytes, cancellationToken);
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
                await form.ValidateTokenAsync(antiforgery);
            }
        }
        catch
        {
            // An interrupted, malformed or refused request keeps nothing it received.
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
}
