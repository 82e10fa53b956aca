using System.Collections.Frozen;
using System.IO.Compression;

namespace Rectification.Core.Evidence;

/// <summary>The kinds of evidence file (佐证材料) a unit may upload.</summary>
public enum EvidenceFileType
{
    Pdf,

    /// <summary>OFD (GB/T 33190), the Chinese fixed-layout format official documents are issued in.</summary>
    Ofd,
    Doc,
    Docx,
    Xls,
    Xlsx,
    Ppt,
    Pptx,

    /// <summary>WPS Office's own extension for a Word binary (.doc) document.</summary>
    Wps,
    Jpeg,
    Png,
    Zip,
}

/// <summary>
/// The upload allow-list in one place: which extensions are accepted, what the content really is, whether the two
/// agree, and how a stored file is served. An upload is kept only when <see cref="FromFileName"/> and
/// <see cref="Detect"/> both give a type and <see cref="Agree"/> accepts the pair, so neither the client's name nor
/// its declared content type decides on its own.
/// </summary>
public static class EvidenceFileTypes
{
    // Order matters only for AllowedExtensions, which the upload form shows as is.
    private static readonly (string Extension, EvidenceFileType Type)[] s_extensions =
    [
        (".pdf", EvidenceFileType.Pdf),
        (".ofd", EvidenceFileType.Ofd),
        (".doc", EvidenceFileType.Doc),
        (".docx", EvidenceFileType.Docx),
        (".xls", EvidenceFileType.Xls),
        (".xlsx", EvidenceFileType.Xlsx),
        (".ppt", EvidenceFileType.Ppt),
        (".pptx", EvidenceFileType.Pptx),
        (".wps", EvidenceFileType.Wps),
        (".jpg", EvidenceFileType.Jpeg),
        (".jpeg", EvidenceFileType.Jpeg),
        (".png", EvidenceFileType.Png),
        (".zip", EvidenceFileType.Zip),
    ];

    private static readonly FrozenDictionary<string, EvidenceFileType> s_byExtension =
        s_extensions.ToFrozenDictionary(e => e.Extension, e => e.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>How much of the start is read to tell the types apart: the longest signature (PNG's, OLE2's) is 8 bytes.</summary>
    private const int HeadLength = 16;

    private static ReadOnlySpan<byte> PdfHeader => "%PDF-"u8;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> ZipLocalHeader => "PK\u0003\u0004"u8;

    private static ReadOnlySpan<byte> ZipEmptyArchive => "PK\u0005\u0006"u8;

    /// <summary>The extensions of the allow-list, lower case with their dot, for the upload form's accept attribute.</summary>
    public static IReadOnlyList<string> AllowedExtensions { get; } =
        Array.AsReadOnly(s_extensions.Select(e => e.Extension).ToArray());

    /// <summary>
    /// The type the allow-list gives the extension of <paramref name="fileName"/> (compared case-insensitively),
    /// or <c>null</c> when it has no extension or one that is not allowed. Only the last extension counts, so
    /// <c>report.pdf.exe</c> is refused; the rest of the name, folders included, is not looked at, because the
    /// client's name is kept only for display.
    /// </summary>
    public static EvidenceFileType? FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);

        // Everything from the last dot on, compared whole: "x.pdf " or "dir.pdf\report" is no allowed extension.
        var dot = fileName.LastIndexOf('.');
        if (dot < 0)
        {
            return null;
        }

        return s_byExtension.TryGetValue(fileName[dot..], out var type) ? type : null;
    }

    /// <summary>
    /// The type the content shows, from its magic bytes and, for ZIP and OLE2 containers, the names inside; or
    /// <c>null</c> when it is none of the allowed types. The whole stream is examined from its start whatever its
    /// position, and its position is 0 again afterwards so the caller can store it as is.
    /// </summary>
    /// <param name="content">A readable, seekable stream, such as the temporary file of an upload.</param>
    public static EvidenceFileType? Detect(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanRead || !content.CanSeek)
        {
            throw new ArgumentException("Detection needs a readable, seekable stream.", nameof(content));
        }

        try
        {
            return DetectFromStart(content);
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>
    /// Whether content detected as <paramref name="detected"/> may carry a name whose extension says
    /// <paramref name="claimed"/>. Only WPS Office's .wps differs from its content's type, since it is the Word
    /// binary format; every other pair must be equal, so a plain ZIP renamed .docx is refused.
    /// </summary>
    public static bool Agree(EvidenceFileType claimed, EvidenceFileType detected) =>
        claimed == detected || (claimed == EvidenceFileType.Wps && detected == EvidenceFileType.Doc);

    /// <summary>The media type a stored file of this type is served with (never a guess from the client).</summary>
    public static string ContentType(EvidenceFileType type) => type switch
    {
        EvidenceFileType.Pdf => "application/pdf",
        EvidenceFileType.Ofd => "application/ofd",
        EvidenceFileType.Doc => "application/msword",
        EvidenceFileType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        EvidenceFileType.Xls => "application/vnd.ms-excel",
        EvidenceFileType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        EvidenceFileType.Ppt => "application/vnd.ms-powerpoint",
        EvidenceFileType.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",

        // The type IANA registers for .wps; browsers only download it, and the extension opens WPS Office.
        EvidenceFileType.Wps => "application/vnd.ms-works",
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Zip => "application/zip",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// Whether a browser may show the file in the page rather than download it: only types it renders itself
    /// without running anything of the file's; everything else is sent as an attachment.
    /// </summary>
    public static bool CanPreviewInline(EvidenceFileType type) =>
        type is EvidenceFileType.Pdf or EvidenceFileType.Jpeg or EvidenceFileType.Png;

    private static EvidenceFileType? DetectFromStart(Stream content)
    {
        var buffer = new byte[HeadLength];
        content.Position = 0;
        var length = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, length);

        // Formats with a signature at offset 0 first, so that bytes further on (a "%PDF-" inside an image or an
        // archive) never outrank what the file declares itself to be.
        if (head.StartsWith(PngSignature))
        {
            return EvidenceFileType.Png;
        }

        if (head.StartsWith(JpegSignature))
        {
            return EvidenceFileType.Jpeg;
        }

        if (head.StartsWith(ZipLocalHeader) || head.StartsWith(ZipEmptyArchive))
        {
            return DetectZip(content);
        }

        if (head.StartsWith(CompoundFile.Signature))
        {
            return DetectCompoundFile(content);
        }

        // At offset 0 and nowhere else. Readers tolerate a header anywhere in the first kilobyte, and so did this check:
        // an HTML page with "%PDF-" in a comment was stored and served as a PDF. PDF writers put the header first.
        return head.StartsWith(PdfHeader) ? EvidenceFileType.Pdf : null;
    }

    /// <summary>
    /// OOXML and OFD are ZIP packages told apart by the parts they contain. Only the central directory's names are
    /// read, never an entry's content, so a ZIP bomb costs no more than its directory.
    /// </summary>
    private static EvidenceFileType? DetectZip(Stream content)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            content.Position = 0;
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in archive.Entries)
            {
                names.Add(entry.FullName);
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }

        // OPC part names are case-insensitive (ECMA-376 part 2), hence the comparer above.
        var isPackage = names.Contains("[Content_Types].xml");
        var candidates = new List<EvidenceFileType>(1);
        if (isPackage && names.Contains("word/document.xml"))
        {
            candidates.Add(EvidenceFileType.Docx);
        }

        if (isPackage && names.Contains("xl/workbook.xml"))
        {
            candidates.Add(EvidenceFileType.Xlsx);
        }

        if (isPackage && names.Contains("ppt/presentation.xml"))
        {
            candidates.Add(EvidenceFileType.Pptx);
        }

        if (names.Contains("OFD.xml"))
        {
            candidates.Add(EvidenceFileType.Ofd);
        }

        // A package that looks like two formats at once is no document any office program wrote: call it a ZIP,
        // which agrees with no document extension.
        return candidates.Count == 1 ? candidates[0] : EvidenceFileType.Zip;
    }

    /// <summary>
    /// The legacy Office formats are compound files named by their main stream at the root. Anything else in a
    /// compound file (an .msi installer, an Outlook .msg, a Works document) is not an allowed type.
    /// </summary>
    private static EvidenceFileType? DetectCompoundFile(Stream content)
    {
        var streams = CompoundFile.RootStreamNames(content);
        if (streams is null)
        {
            return null;
        }

        var types = new HashSet<EvidenceFileType>();
        foreach (var name in streams)
        {
            // [MS-CFB] compares names case-insensitively. Excel 97 may write both Workbook and the Excel 5 "Book".
            if (name.Equals("WordDocument", StringComparison.OrdinalIgnoreCase))
            {
                types.Add(EvidenceFileType.Doc);
            }
            else if (name.Equals("Workbook", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Book", StringComparison.OrdinalIgnoreCase))
            {
                types.Add(EvidenceFileType.Xls);
            }
            else if (name.Equals("PowerPoint Document", StringComparison.OrdinalIgnoreCase))
            {
                types.Add(EvidenceFileType.Ppt);
            }
        }

        return types.Count == 1 ? types.Single() : null;
    }
}
