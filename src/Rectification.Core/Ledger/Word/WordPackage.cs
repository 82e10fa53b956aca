using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace Rectification.Core.Ledger.Word;

/// <summary>A paragraph or a table of a Word document's body, in document order.</summary>
public abstract record WordBlock;

/// <summary>A paragraph's text, with the number Word's automatic numbering shows before it (e.g. 「1.」 or 「(一)」).</summary>
public sealed record WordParagraph(string Text) : WordBlock;

/// <summary>A table's rows of cell texts by grid column; a vertically merged cell repeats the text of the cell it continues.</summary>
public sealed record WordTable(IReadOnlyList<IReadOnlyList<string>> Rows) : WordBlock;

/// <summary>Why a file is not a Word document that may be read, as a message key.</summary>
public sealed class WordPackageException(string message) : Exception(message);

/// <summary>
/// Reads the body of an uploaded .docx as paragraphs and tables, checking first what it really is. It reads the zip
/// itself rather than through the OpenXML SDK so that every part is read through a size cap: a small file whose
/// document.xml unpacks to gigabytes (a zip bomb) stops at the cap, whatever its header claims. Macro-enabled
/// documents (.docm, a vbaProject part) and templates are refused, and XML is read without DTDs.
/// </summary>
public static class WordPackage
{
    /// <summary>What document.xml (or numbering.xml) may unpack to; a real feedback document is well under 1 MB.</summary>
    public const long MaxPartBytes = 32L * 1024 * 1024;

    private const string MainContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    internal static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private static readonly XNamespace s_contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

    private static readonly XNamespace s_relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <exception cref="WordPackageException">The file is not a readable, macro-free Word document.</exception>
    public static IReadOnlyList<WordBlock> ReadBlocks(Stream content)
    {
        ZipArchive zip;
        try
        {
            content.Position = 0;
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new WordPackageException("文件不是有效的 Word(.docx)文档。");
        }

        using (zip)
        {
            var mainPart = MainPart(zip);
            var numbering = zip.GetEntry("word/numbering.xml") is { } numberingEntry
                ? WordNumbering.Read(Load(numberingEntry))
                : WordNumbering.Empty;
            var entry = zip.GetEntry(mainPart) ?? throw new WordPackageException("文件不是有效的 Word(.docx)文档。");
            return Body(entry, numbering);
        }
    }

    /// <summary>
    /// The main document part's path (the package relationship "officeDocument") once its content type, from
    /// [Content_Types].xml, says it is a Word document: a macro-enabled one, a template, a workbook are refused.
    /// </summary>
    private static string MainPart(ZipArchive zip)
    {
        if (zip.Entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            throw new WordPackageException(MacroMessage);
        }

        var invalid = new WordPackageException("文件不是有效的 Word(.docx)文档。");
        var relationships = zip.GetEntry("_rels/.rels") ?? throw invalid;
        var target = Load(relationships).Root?.Elements(s_relationships + "Relationship")
            .Where(r => ((string?)r.Attribute("Type"))?.EndsWith("/officeDocument", StringComparison.Ordinal) == true)
            .Select(r => ((string?)r.Attribute("Target"))?.TrimStart('/'))
            .FirstOrDefault() ?? throw invalid;
        var types = Load(zip.GetEntry("[Content_Types].xml") ?? throw invalid).Root;
        var contentType = (string?)types?.Elements(s_contentTypes + "Override")
                .FirstOrDefault(o => string.Equals(((string?)o.Attribute("PartName"))?.TrimStart('/'), target, StringComparison.OrdinalIgnoreCase))
                ?.Attribute("ContentType")
            ?? (string?)types?.Elements(s_contentTypes + "Default")
                .FirstOrDefault(d => string.Equals((string?)d.Attribute("Extension"), Path.GetExtension(target).TrimStart('.'), StringComparison.OrdinalIgnoreCase))
                ?.Attribute("ContentType");
        if (contentType?.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new WordPackageException(MacroMessage);
        }

        return contentType == MainContentType ? target : throw invalid;
    }

    public const string MacroMessage = "文件含有宏(.docm),出于安全考虑不能导入。请在 Word 中“另存为”.docx 格式后再导入。";

    /// <summary>The body's paragraphs and tables, one element at a time: only the current element is held in memory as a tree.</summary>
    private static List<WordBlock> Body(ZipArchiveEntry entry, WordNumbering numbering)
    {
        CheckDeclaredSize(entry);
        using var stream = new CappedStream(entry.Open(), MaxPartBytes);
        using var reader = XmlReader.Create(stream, SafeSettings());
        var blocks = new List<WordBlock>();
        var labels = numbering.Start();
        if (!reader.ReadToFollowing("body", W.NamespaceName) || reader.IsEmptyElement)
        {
            return blocks;
        }

        var bodyDepth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > bodyDepth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var element = (XElement)XNode.ReadFrom(reader);
            if (element.Name == W + "p")
            {
                blocks.Add(new WordParagraph(ParagraphText(element, labels)));
            }
            else if (element.Name == W + "tbl")
            {
                blocks.Add(Table(element, labels));
            }
        }

        return blocks;
    }

    private static WordTable Table(XElement table, WordNumbering.Counter labels)
    {
        var rows = new List<IReadOnlyList<string>>();
        List<string>? previous = null;
        foreach (var tr in table.Elements(W + "tr"))
        {
            var row = new List<string>();
            foreach (var tc in tr.Elements(W + "tc"))
            {
                var properties = tc.Element(W + "tcPr");
                var span = Math.Max(1, (int?)properties?.Element(W + "gridSpan")?.Attribute(W + "val") ?? 1);
                var merge = properties?.Element(W + "vMerge");
                // <w:vMerge/> without val="restart" continues the cell above: its text is that cell's.
                var continues = merge is not null && (string?)merge.Attribute(W + "val") != "restart";
                var text = continues
                    ? previous?.ElementAtOrDefault(row.Count) ?? string.Empty
                    : string.Join("\n", tc.Descendants(W + "p").Select(p => ParagraphText(p, labels)).Where(t => t.Length > 0));
                for (var i = 0; i < span; i++)
                {
                    row.Add(i == 0 ? text : string.Empty);
                }
            }

            rows.Add(row);
            previous = row;
        }

        return new WordTable(rows);
    }

    /// <summary>The visible text of a paragraph: its runs' text (not deleted text or field codes), with its automatic number.</summary>
    private static string ParagraphText(XElement paragraph, WordNumbering.Counter labels)
    {
        var text = string.Concat(paragraph.Descendants().Select(e =>
            e.Name == W + "t" ? e.Value
            : e.Name == W + "tab" && e.Parent?.Name == W + "r" ? " "
            : e.Name == W + "br" || e.Name == W + "cr" ? "\n"
            : string.Empty)).Trim();
        var numbering = paragraph.Element(W + "pPr")?.Element(W + "numPr");
        var label = numbering is null
            ? string.Empty
            : labels.Next((int?)numbering.Element(W + "numId")?.Attribute(W + "val") ?? 0, (int?)numbering.Element(W + "ilvl")?.Attribute(W + "val") ?? 0);
        return label + text;
    }

    private static XDocument Load(ZipArchiveEntry entry)
    {
        CheckDeclaredSize(entry);
        using var stream = new CappedStream(entry.Open(), MaxPartBytes);
        using var reader = XmlReader.Create(stream, SafeSettings());
        return XDocument.Load(reader);
    }

    private static void CheckDeclaredSize(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxPartBytes)
        {
            throw new WordPackageException(TooLargeMessage);
        }
    }

    public const string TooLargeMessage = "文件内容过大,无法读取。";

    /// <summary>No DTDs (no entity expansion, no external entities), no resolver.</summary>
    private static XmlReaderSettings SafeSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads at most <paramref name="cap"/> bytes, then refuses: the cap holds even when the zip lies about a part's size.</summary>
    private sealed class CappedStream(Stream inner, long cap) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            _read += read;
            return _read > cap ? throw new WordPackageException(TooLargeMessage) : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
