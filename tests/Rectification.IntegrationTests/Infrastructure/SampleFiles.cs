using System.IO.Compression;
using System.Text;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>Real files of the kinds people upload, and the disguises an attacker would try.</summary>
public static class SampleFiles
{
    /// <summary>A PDF of about <paramref name="bytes"/> bytes: a real header, then varied content.</summary>
    public static byte[] Pdf(int bytes = 2048, int seed = 1)
    {
        var content = new byte[bytes];
        new Random(seed).NextBytes(content);
        var header = Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        header.CopyTo(content, 0);
        return content;
    }

    public static byte[] Png()
    {
        // A valid 1×1 PNG.
        return Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    public static byte[] Docx()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in new[] { "[Content_Types].xml", "_rels/.rels", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><x/>");
            }
        }

        return memory.ToArray();
    }

    /// <summary>A Windows executable's first bytes, to be named .pdf.</summary>
    public static byte[] Executable() => [.. "MZ"u8, .. new byte[510]];

    /// <summary>An HTML page with a script, to be named .png.</summary>
    public static byte[] Html() => Encoding.UTF8.GetBytes("<html><body><script>alert(document.cookie)</script></body></html>");

    /// <summary>An HTML page with "%PDF-" in a comment within its first kilobyte, to be named .pdf.</summary>
    public static byte[] HtmlWithPdfHeader() =>
        Encoding.UTF8.GetBytes("<html><!-- %PDF-1.7 --><body><script>alert(document.cookie)</script></body></html>");
}
