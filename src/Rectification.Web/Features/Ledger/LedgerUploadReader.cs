using Microsoft.AspNetCore.Antiforgery;
using Rectification.Core.Ledger;
using Rectification.Web.Infrastructure;

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
/// Reads the ledger upload's multipart body itself (<see cref="MultipartForm"/>): the antiforgery token first (the form
/// puts it first), then the one file, copied to a temporary file and cut off at <see cref="LedgerFileReader.MaxBytes"/>
/// with a clear message instead of a failed request.
/// </summary>
public sealed class LedgerUploadReader(IAntiforgery antiforgery)
{
    /// <exception cref="AntiforgeryValidationException">The token is missing or wrong.</exception>
    /// <exception cref="BadHttpRequestException">The body is not a well-formed multipart upload.</exception>
    public async Task<LedgerUpload> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // The file may be just over the limit and still be read far enough to say so; form fields need little more.
        var form = MultipartForm.Open(context, LedgerFileReader.MaxBytes + (1024 * 1024));
        var file = await form.NextFileAsync(cancellationToken);
        await form.ValidateTokenAsync(antiforgery);
        var fileName = Path.GetFileName(file?.FileName);
        return file is null || string.IsNullOrEmpty(fileName)
            ? new LedgerUpload { Error = ("请选择要导入的文件。", []) }
            : await ReceiveAsync(file.Body, fileName, cancellationToken);
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
}
