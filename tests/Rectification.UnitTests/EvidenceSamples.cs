using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Rectification.UnitTests;

/// <summary>
/// Real, minimal files of each kind, built in code so no binary sample has to be committed and every byte that
/// matters is visible here.
/// </summary>
internal static class EvidenceSamples
{
    private const string ContentTypesXml =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""";

    /// <summary>A one-page PDF with a correct cross-reference table.</summary>
    public static byte[] Pdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ];
        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A 1×1 red RGB PNG: signature, IHDR, a zlib-compressed IDAT and IEND, each chunk with its CRC.</summary>
    public static byte[] Png()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 1);          // width
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 1); // height
        header[8] = 8;                                             // bits per sample
        header[9] = 2;                                             // colour type: RGB
        WriteChunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0x00, 0xFF, 0x00, 0x00]); // filter "none", then one red pixel
        }

        WriteChunk(png, "IDAT", pixels.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The start of a JFIF JPEG: SOI and an APP0 segment, then EOI.</summary>
    public static byte[] Jpeg() =>
    [
        0xFF, 0xD8,                                    // SOI
        0xFF, 0xE0, 0x00, 0x10,                        // APP0, 16 bytes
        (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00,
        0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xD9,                                    // EOI
    ];

    public static byte[] Docx() => Zip(
        ("[Content_Types].xml", ContentTypesXml),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"));

    public static byte[] Xlsx() => Zip(
        ("[Content_Types].xml", ContentTypesXml),
        ("_rels/.rels", "<Relationships/>"),
        ("xl/workbook.xml", "<workbook/>"),
        ("xl/worksheets/sheet1.xml", "<worksheet/>"));

    public static byte[] Pptx() => Zip(
        ("[Content_Types].xml", ContentTypesXml),
        ("_rels/.rels", "<Relationships/>"),
        ("ppt/presentation.xml", "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>"));

    /// <summary>An OFD package (GB/T 33190): the entry file OFD.xml at the root, the document in Doc_0.</summary>
    public static byte[] Ofd() => Zip(
        ("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" DocType=\"OFD\"/>"),
        ("Doc_0/Document.xml", "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"/>"));

    public static byte[] PlainZip() => Zip(("整改台账.txt", "第一条问题已整改。"), ("photos/readme.txt", "see attached"));

    /// <summary>The start of a Windows executable: an MS-DOS header whose e_lfanew points to a PE signature.</summary>
    public static byte[] Exe()
    {
        var exe = new byte[512];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        BinaryPrimitives.WriteInt32LittleEndian(exe.AsSpan(0x3C), 0x80);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(exe, 0x4E);
        Encoding.ASCII.GetBytes("PE\0\0").CopyTo(exe, 0x80);
        return exe;
    }

    /// <summary>A ZIP written by <see cref="ZipArchive"/> with the given text entries.</summary>
    public static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return zip.ToArray();
    }

    /// <summary>A compound file (version 3 unless told otherwise) with one 4 KB stream of that name at its root.</summary>
    public static byte[] CompoundFile(string streamName, int majorVersion = 3)
    {
        var builder = new CompoundFileBuilder(majorVersion);
        builder.AddStream(streamName);
        return builder.Build();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);

        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);

        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    /// <summary>The CRC-32 of ISO 3309 that PNG chunks carry (reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
