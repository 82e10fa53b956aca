using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Rectification.Core.Ledger;

namespace Rectification.Web.Features.Ledger;

/// <summary>An uploaded ledger in a temporary file that deletes itself when disposed, or why it was refused.</summary>
public sealed class LedgerUpload : IAsyncDisposable
{
    public string FileName { get; init; } = string.Empty;

    public FileStream? Content { get; init; }

    /// <summary>A message key and its arguments when the upload was refused before its content was looked at.</summary>
    public (string Message, object[] Args)? Error { get; init; }

    public ValueTask DisposeAsync() => Content?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>
/// Reads the ledger upload's multipart body itself: the antiforgery token first (the form puts it first), then the
/// one file, copied to a temporary file and cut off at <see cref="LedgerFileReader.MaxBytes"/> with a clear message
/// instead of a failed request.
/// </summary>
public sealed class LedgerUploadReader(IAntiforgery antiforgery)
{
    private const string TokenField = "__RequestVerificationToken";
    private const string TokenHeader = "RequestVerificationToken";
    private const int MaxFieldLength = 16 * 1024;

    /// <exception cref="AntiforgeryValidationException">The token is missing or wrong.</exception>
    public async Task<LedgerUpload> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var contentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? string.Empty);
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(boundary))
        {
            throw new BadHttpRequestException("Expected a multipart/form-data upload.");
        }

        // The file may be just over the limit and still be read far enough to say so; form fields need little more.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = LedgerFileReader.MaxBytes + (1024 * 1024);
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        string? token = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (!disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == TokenField)
                {
                    token = await ReadFieldAsync(section.Body, cancellationToken);
                }

                continue;
            }

            var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(
                StringSegment.IsNullOrEmpty(disposition.FileNameStar) ? disposition.FileName : disposition.FileNameStar).Value ?? string.Empty);
            await ValidateTokenAsync(context, token);
            if (string.IsNullOrEmpty(fileName))
            {
                return new LedgerUpload { Error = ("请选择要导入的文件。", []) };
            }

            return await ReceiveAsync(section.Body, fileName, cancellationToken);
        }

        await ValidateTokenAsync(context, token);
        return new LedgerUpload { Error = ("请选择要导入的文件。", []) };
    }

    private static async Task<LedgerUpload> ReceiveAsync(Stream body, string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "rectification-ledger-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > LedgerFileReader.MaxBytes)
                {
                    await file.DisposeAsync();
                    return new LedgerUpload { FileName = fileName, Error = ("文件超过了{0}MB的大小限制。", [LedgerFileReader.MaxBytes / (1024 * 1024)]) };
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new LedgerUpload { FileName = fileName, Content = file };
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Checks the form's token without letting the antiforgery service read (and buffer) the body.</summary>
    private async Task ValidateTokenAsync(HttpContext context, string? token)
    {
        context.Request.Headers[TokenHeader] = token ?? string.Empty;
        await antiforgery.ValidateRequestAsync(context);
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return length > MaxFieldLength ? throw new BadHttpRequestException("A form field is too long.") : new string(buffer, 0, length);
    }
}
