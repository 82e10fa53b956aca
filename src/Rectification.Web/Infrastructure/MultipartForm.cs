using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Rectification.Web.Infrastructure;

/// <summary>A file part of a <see cref="MultipartForm"/>: the client's name for it (raw) and its content.</summary>
public sealed record MultipartFile(string FieldName, string FileName, Stream Body);

/// <summary>
/// A multipart upload read as a stream, section by section (evidence, mechanism documents, the ledger import), so that
/// no file is held whole in memory. The one place where a malformed body is recognised: a content type that is not
/// multipart or does not parse, a missing closing boundary, a section cut short — each throws a
/// <see cref="BadHttpRequestException"/> (400, see <see cref="MalformedRequests"/>), never a server error. Form fields
/// are kept in <see cref="Fields"/>; one longer than <see cref="MaxFieldLength"/> keeps its beginning and is listed in
/// <see cref="TruncatedFields"/>, so the form can say so next to it instead of failing the request.
/// </summary>
public sealed class MultipartForm
{
    /// <summary>Characters kept of one field: far more than any upload form's text box allows.</summary>
    public const int MaxFieldLength = 16 * 1024;

    /// <summary>Fields in one upload (the forms have fewer than ten); more is not a browser's form.</summary>
    public const int MaxFields = 64;

    private const string TokenField = "__RequestVerificationToken";
    private const string TokenHeader = "RequestVerificationToken";

    private readonly HttpContext _context;
    private readonly MultipartReader _reader;
    private int _fieldCount;

    private MultipartForm(HttpContext context, MultipartReader reader)
    {
        _context = context;
        _reader = reader;
    }

    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fields that were longer than <see cref="MaxFieldLength"/>: only their beginning is in <see cref="Fields"/>.</summary>
    public HashSet<string> TruncatedFields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Starts reading the request's multipart body, allowing it up to <paramref name="maxBodyBytes"/> (the caller's
    /// own limit, instead of the server's default for other requests).
    /// </summary>
    /// <exception cref="BadHttpRequestException">The request is not multipart/form-data with a boundary.</exception>
    public static MultipartForm Open(HttpContext context, long maxBodyBytes)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new BadHttpRequestException("Expected a multipart/form-data upload.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = maxBodyBytes;
        }

        return new MultipartForm(context, new MultipartReader(boundary, context.Request.Body));
    }

    /// <summary>
    /// Reads on to the next file, keeping the fields before it; null at the end of the body. A file box left empty
    /// comes back with an empty <see cref="MultipartFile.FileName"/>.
    /// </summary>
    public async Task<MultipartFile?> NextFileAsync(CancellationToken cancellationToken)
    {
        while (await GuardAsync(() => _reader.ReadNextSectionAsync(cancellationToken)) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (disposition.IsFileDisposition())
            {
                // filename* (RFC 5987) when the client sent one; browsers send the raw UTF-8 name in filename.
                var fileName = HeaderUtilities.RemoveQuotes(
                    StringSegment.IsNullOrEmpty(disposition.FileNameStar) ? disposition.FileName : disposition.FileNameStar).Value;
                return new MultipartFile(name, fileName ?? string.Empty, new GuardedStream(section.Body, _context));
            }

            if (++_fieldCount > MaxFields)
            {
                throw new BadHttpRequestException($"More than {MaxFields} form fields.");
            }

            await ReadFieldAsync(name, section.Body, cancellationToken);
        }

        return null;
    }

    /// <summary>
    /// Checks the form's antiforgery token (a field before the first file: the forms put it first) without letting
    /// the antiforgery service read, and so buffer, the body.
    /// </summary>
    /// <exception cref="AntiforgeryValidationException">The token is missing or wrong.</exception>
    public Task ValidateTokenAsync(IAntiforgery antiforgery)
    {
        _context.Request.Headers[TokenHeader] = Fields.GetValueOrDefault(TokenField) ?? string.Empty;
        return antiforgery.ValidateRequestAsync(_context);
    }

    private async Task ReadFieldAsync(string name, Stream body, CancellationToken cancellationToken)
    {
        var guarded = new GuardedStream(body, _context);
        using var reader = new StreamReader(guarded, Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (length > MaxFieldLength)
        {
            TruncatedFields.Add(name);
            length = MaxFieldLength;
            await guarded.DrainAsync(cancellationToken);
        }

        Fields[name] = new string(buffer, 0, length);
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (IsMalformedBody(exception, _context))
        {
            throw Malformed(exception);
        }
    }

    /// <summary>
    /// What a body that is not well-formed multipart throws while it is read: no closing boundary or a section cut
    /// short (IOException), headers that do not parse or are too long (InvalidDataException). A client that went away
    /// is not one of them: that ends as a cancellation (see <see cref="ClientDisconnects"/>).
    /// </summary>
    private static bool IsMalformedBody(Exception exception, HttpContext context) =>
        exception is IOException or InvalidDataException && !context.RequestAborted.IsCancellationRequested;

    private static BadHttpRequestException Malformed(Exception exception) =>
        new("The multipart body is malformed: " + exception.Message, exception);

    /// <summary>A section's body whose read errors, when the body is malformed, are the client's (400), not the server's.</summary>
    private sealed class GuardedStream(Stream inner, HttpContext context) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception exception) when (IsMalformedBody(exception, context))
            {
                throw Malformed(exception);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception exception) when (IsMalformedBody(exception, context))
            {
                throw Malformed(exception);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
