using System.Buffers.Binary;
using System.Text;
using Rectification.Core.Evidence;

namespace Rectification.UnitTests;

public sealed class EvidenceFileTypesTests
{
    // ---- Content: each allowed type

    [Fact]
    public void A_pdf_is_recognised_by_its_header() =>
        Assert.Equal(EvidenceFileType.Pdf, Detect(EvidenceSamples.Pdf()));

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(1020)]
    public void A_pdf_header_anywhere_but_at_the_start_is_not_recognised(int offset)
    {
        var junk = Enumerable.Repeat((byte)' ', offset).ToArray();
        Assert.Null(Detect([.. junk, .. EvidenceSamples.Pdf()]));
    }

    [Fact]
    public void An_html_page_with_a_pdf_header_in_its_first_kilobyte_is_not_a_pdf()
    {
        var html = Encoding.UTF8.GetBytes("<html><!-- %PDF-1.7 --><body><script>alert(document.cookie)</script></body></html>");
        Assert.Null(Detect(html));
    }

    [Fact]
    public void A_png_is_recognised_by_its_signature() =>
        Assert.Equal(EvidenceFileType.Png, Detect(EvidenceSamples.Png()));

    [Fact]
    public void A_jpeg_is_recognised_by_its_start_of_image_marker() =>
        Assert.Equal(EvidenceFileType.Jpeg, Detect(EvidenceSamples.Jpeg()));

    [Theory]
    [InlineData("docx", EvidenceFileType.Docx)]
    [InlineData("xlsx", EvidenceFileType.Xlsx)]
    [InlineData("pptx", EvidenceFileType.Pptx)]
    [InlineData("ofd", EvidenceFileType.Ofd)]
    [InlineData("zip", EvidenceFileType.Zip)]
    public void Zip_packages_are_told_apart_by_the_parts_they_contain(string sample, EvidenceFileType expected) =>
        Assert.Equal(expected, Detect(Sample(sample)));

    [Fact]
    public void An_empty_zip_archive_is_a_zip() =>
        Assert.Equal(EvidenceFileType.Zip, Detect(EvidenceSamples.Zip()));

    [Fact]
    public void An_ofd_needs_OFD_xml_at_the_root_of_the_package() =>
        Assert.Equal(EvidenceFileType.Zip, Detect(EvidenceSamples.Zip(("Doc_0/OFD.xml", "<x/>"))));

    [Fact]
    public void An_office_main_part_without_content_types_is_only_a_zip() =>
        Assert.Equal(EvidenceFileType.Zip, Detect(EvidenceSamples.Zip(("word/document.xml", "<x/>"))));

    [Fact]
    public void A_package_that_looks_like_two_formats_at_once_is_only_a_zip() =>
        Assert.Equal(
            EvidenceFileType.Zip,
            Detect(EvidenceSamples.Zip(("[Content_Types].xml", "<x/>"), ("word/document.xml", "<x/>"), ("xl/workbook.xml", "<x/>"))));

    [Theory]
    [InlineData("WordDocument", 3, EvidenceFileType.Doc)]
    [InlineData("Workbook", 3, EvidenceFileType.Xls)]
    [InlineData("Book", 3, EvidenceFileType.Xls)]
    [InlineData("PowerPoint Document", 3, EvidenceFileType.Ppt)]
    [InlineData("WordDocument", 4, EvidenceFileType.Doc)]
    [InlineData("Workbook", 4, EvidenceFileType.Xls)]
    [InlineData("PowerPoint Document", 4, EvidenceFileType.Ppt)]
    public void Legacy_office_files_are_told_apart_by_their_main_stream(string stream, int version, EvidenceFileType expected) =>
        Assert.Equal(expected, Detect(EvidenceSamples.CompoundFile(stream, version)));

    [Fact]
    public void A_word_document_among_other_streams_and_storages_is_found_in_the_directory_tree()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("\u0001CompObj", 0);
        builder.AddStream("\u0005SummaryInformation", 0);
        builder.AddStream("1Table");
        builder.AddStorage("ObjectPool");
        builder.AddStream("WordDocument");
        builder.AddStream("Data", 0);
        Assert.Equal(EvidenceFileType.Doc, Detect(builder.Build()));
    }

    [Fact]
    public void A_directory_that_spans_several_sectors_is_followed_through_the_fat()
    {
        var builder = new CompoundFileBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.AddStream($"Stream{i:D2}", 0);
        }

        builder.AddStream("Workbook");
        Assert.Equal(EvidenceFileType.Xls, Detect(builder.Build()));
    }

    [Fact]
    public void A_large_compound_file_whose_fat_is_listed_in_difat_sectors_is_read()
    {
        // With 512-byte sectors the header's 109 FAT slots cover 13,952 sectors (about 7 MB); the directory lies past them.
        var builder = new CompoundFileBuilder { LeadingFreeSectors = 14_000 };
        builder.AddStream("WordDocument");
        var file = builder.Build();
        Assert.True(builder.FirstDirectorySector >= 109 * 128);
        Assert.Equal(EvidenceFileType.Doc, Detect(file));
    }

    [Fact]
    public void A_word_document_with_an_embedded_workbook_is_still_a_doc()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("WordDocument");
        var pool = builder.AddStorage("ObjectPool");
        var embedded = builder.AddStorage("_1234567890", pool);
        builder.AddStream("Workbook", parent: embedded);
        Assert.Equal(EvidenceFileType.Doc, Detect(builder.Build()));
    }

    // ---- Content: refused

    [Theory]
    [InlineData("\u0005SummaryInformation")]
    [InlineData("__substg1.0_0037001F")]
    [InlineData("CONTENTS")]
    public void A_compound_file_without_an_office_stream_is_refused(string stream) =>
        Assert.Null(Detect(EvidenceSamples.CompoundFile(stream)));

    [Fact]
    public void A_word_stream_inside_a_sub_storage_does_not_make_a_doc()
    {
        // An Outlook .msg keeps an attached Word document in an attachment storage.
        var builder = new CompoundFileBuilder();
        builder.AddStream("__substg1.0_0037001F");
        var attachment = builder.AddStorage("__attach_version1.0_#00000000");
        var data = builder.AddStorage("__substg1.0_3701000D", attachment);
        builder.AddStream("WordDocument", parent: data);
        Assert.Null(Detect(builder.Build()));
    }

    [Fact]
    public void A_compound_file_with_streams_of_two_office_formats_is_refused()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("WordDocument");
        builder.AddStream("PowerPoint Document");
        Assert.Null(Detect(builder.Build()));
    }

    [Fact]
    public void Executables_are_refused_even_with_a_pdf_header_inside()
    {
        var exe = EvidenceSamples.Exe();
        Assert.Null(Detect(exe));

        Encoding.ASCII.GetBytes("%PDF-1.7").CopyTo(exe, 0x100);
        Assert.Null(Detect(exe));

        byte[] elf = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. "%PDF-1.4"u8];
        Assert.Null(Detect(elf));
    }

    [Fact]
    public void An_exe_named_pdf_is_refused()
    {
        Assert.Equal(EvidenceFileType.Pdf, EvidenceFileTypes.FromFileName("整改报告.pdf"));
        Assert.Null(Detect(EvidenceSamples.Exe()));
    }

    [Fact]
    public void Html_named_png_is_refused()
    {
        Assert.Equal(EvidenceFileType.Png, EvidenceFileTypes.FromFileName("photo.png"));
        Assert.Null(Detect("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray()));
    }

    [Fact]
    public void A_text_file_named_docx_is_refused()
    {
        Assert.Equal(EvidenceFileType.Docx, EvidenceFileTypes.FromFileName("措施.docx"));
        Assert.Null(Detect(Encoding.UTF8.GetBytes("整改措施:一是加强学习;二是完善制度。")));
    }

    [Fact]
    public void A_zip_renamed_docx_is_detected_as_a_zip_and_does_not_agree()
    {
        var claimed = EvidenceFileTypes.FromFileName("台账.docx");
        var detected = Detect(EvidenceSamples.PlainZip());

        Assert.Equal(EvidenceFileType.Docx, claimed);
        Assert.Equal(EvidenceFileType.Zip, detected);
        Assert.False(EvidenceFileTypes.Agree(EvidenceFileType.Docx, EvidenceFileType.Zip));
    }

    [Theory]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("{\\rtf1\\ansi 整改}")]
    [InlineData("BM")]
    [InlineData("Rar!\u001A\u0007\u0000")]
    [InlineData("#!/bin/sh\nrm -rf /\n")]
    public void Formats_outside_the_allow_list_are_refused(string content) =>
        Assert.Null(Detect(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void An_empty_stream_is_refused() => Assert.Null(Detect([]));

    [Theory]
    [InlineData("docx", 0.5)]
    [InlineData("docx", 0.9)]
    [InlineData("zip", 0.5)]
    [InlineData("ofd", 0.1)]
    public void A_truncated_zip_is_refused(string sample, double keep)
    {
        var zip = Sample(sample);
        Assert.Null(Detect(zip[..(int)(zip.Length * keep)]));
    }

    [Fact]
    public void A_zip_signature_followed_by_garbage_is_refused()
    {
        byte[] corrupt = [.. "PK\u0003\u0004"u8, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];
        Assert.Null(Detect(corrupt));
        Assert.Null(Detect("PK\u0005\u0006"u8.ToArray()));
    }

    [Theory]
    [InlineData(8)]     // the signature alone
    [InlineData(511)]   // part of the header
    [InlineData(512)]   // the header alone
    [InlineData(1100)]  // the FAT and half a directory entry
    [InlineData(1536)]  // the directory, but not the stream it describes
    [InlineData(4607)]  // all but the last stream sector
    public void A_truncated_compound_file_is_refused(int length)
    {
        var doc = EvidenceSamples.CompoundFile("WordDocument");
        Assert.Equal(5632, doc.Length); // header, FAT, directory, eight stream sectors
        Assert.Null(Detect(doc[..length]));
    }

    [Fact]
    public void A_compound_file_whose_directory_chain_loops_is_refused()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("WordDocument");
        var doc = builder.Build();
        var fatEntry = (int)builder.FatOffset + ((int)builder.FirstDirectorySector * 4);
        BinaryPrimitives.WriteUInt32LittleEndian(doc.AsSpan(fatEntry), builder.FirstDirectorySector);
        Assert.Null(Detect(doc));
    }

    [Fact]
    public void A_compound_file_whose_directory_tree_loops_is_refused()
    {
        var builder = new CompoundFileBuilder();
        builder.AddStream("CONTENTS", 0);
        builder.AddStream("WordDocument");
        var doc = builder.Build();

        // The root's only child becomes its own left sibling.
        var root = (int)builder.DirectoryOffset;
        var child = BinaryPrimitives.ReadUInt32LittleEndian(doc.AsSpan(root + 76));
        BinaryPrimitives.WriteUInt32LittleEndian(doc.AsSpan(root + (int)(child * 128) + 68), child);
        Assert.Null(Detect(doc));
    }

    [Theory]
    [InlineData(26, 5)]       // major version 5
    [InlineData(30, 10)]      // 1024-byte sectors
    [InlineData(28, 0xFEFF)]  // big-endian byte order mark
    [InlineData(44, 50_000)]  // more FAT sectors than the file has
    [InlineData(48, 9_999)]   // directory beyond the end of the file
    public void A_compound_file_with_an_impossible_header_is_refused(int offset, int value)
    {
        var doc = EvidenceSamples.CompoundFile("WordDocument");
        if (offset < 44)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(doc.AsSpan(offset), (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(doc.AsSpan(offset), (uint)value);
        }

        Assert.Null(Detect(doc));
    }

    [Fact]
    public void Mangled_files_never_throw_and_leave_the_stream_at_its_start()
    {
        // A fixed seed keeps the run reproducible; every sample gets bytes overwritten and tails cut at random.
        var random = new Random(20231201);
        foreach (var name in s_samples)
        {
            var original = Sample(name);
            for (var round = 0; round < 200; round++)
            {
                var mangled = original[..random.Next(1, original.Length + 1)];
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    mangled[random.Next(mangled.Length)] = (byte)random.Next(256);
                }

                using var stream = new MemoryStream(mangled);
                _ = EvidenceFileTypes.Detect(stream);
                Assert.Equal(0, stream.Position);
            }
        }
    }

    // ---- The stream

    [Theory]
    [InlineData("pdf")]
    [InlineData("png")]
    [InlineData("docx")]
    [InlineData("doc")]
    [InlineData("exe")]
    [InlineData("corrupt zip")]
    [InlineData("truncated doc")]
    public void The_stream_is_at_position_0_after_detection(string sample)
    {
        using var stream = new MemoryStream(Sample(sample));
        stream.Position = 3;
        _ = EvidenceFileTypes.Detect(stream);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Detection_looks_at_the_whole_content_whatever_the_streams_position()
    {
        using var stream = new MemoryStream(EvidenceSamples.Docx());
        stream.Seek(0, SeekOrigin.End);
        Assert.Equal(EvidenceFileType.Docx, EvidenceFileTypes.Detect(stream));
    }

    [Fact]
    public void An_upload_in_a_temporary_file_is_detected_and_left_open()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, EvidenceSamples.CompoundFile("PowerPoint Document"));
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read);
            Assert.Equal(EvidenceFileType.Ppt, EvidenceFileTypes.Detect(file));
            Assert.Equal(0, file.Position);
            Assert.Equal(0xD0, file.ReadByte());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_a_programming_error()
    {
        using var zip = new MemoryStream(EvidenceSamples.Docx());
        using var unseekable = new System.IO.Compression.DeflateStream(zip, System.IO.Compression.CompressionMode.Decompress);
        Assert.Throws<ArgumentException>(() => EvidenceFileTypes.Detect(unseekable));
    }

    // ---- Names

    [Theory]
    [InlineData("整改报告.pdf", EvidenceFileType.Pdf)]
    [InlineData("x.PDF", EvidenceFileType.Pdf)]
    [InlineData("..\\..\\x.pdf", EvidenceFileType.Pdf)]
    [InlineData("../../x.pdf", EvidenceFileType.Pdf)]
    [InlineData("红头文件.ofd", EvidenceFileType.Ofd)]
    [InlineData("a.doc", EvidenceFileType.Doc)]
    [InlineData("a.Docx", EvidenceFileType.Docx)]
    [InlineData("a.xls", EvidenceFileType.Xls)]
    [InlineData("a.XLSX", EvidenceFileType.Xlsx)]
    [InlineData("a.ppt", EvidenceFileType.Ppt)]
    [InlineData("a.pptx", EvidenceFileType.Pptx)]
    [InlineData("a.wps", EvidenceFileType.Wps)]
    [InlineData("photo.jpg", EvidenceFileType.Jpeg)]
    [InlineData("photo.JPEG", EvidenceFileType.Jpeg)]
    [InlineData(".jpeg", EvidenceFileType.Jpeg)]
    [InlineData(".jpg", EvidenceFileType.Jpeg)]
    [InlineData("scan.png", EvidenceFileType.Png)]
    [InlineData("材料.2023.zip", EvidenceFileType.Zip)]
    public void An_allowed_extension_gives_its_type(string fileName, EvidenceFileType expected) =>
        Assert.Equal(expected, EvidenceFileTypes.FromFileName(fileName));

    [Theory]
    [InlineData("x.pdf.exe")]
    [InlineData("noext")]
    [InlineData("")]
    [InlineData("x.")]
    [InlineData("x.pdf.")]
    [InlineData("x.pdf ")]
    [InlineData("dir.pdf\\report")]
    [InlineData("dir.pdf/report")]
    [InlineData("x.gif")]
    [InlineData("x.html")]
    [InlineData("x.docm")]
    [InlineData("x.\uFF50\uFF44\uFF46")] // full-width ｐｄｆ
    public void Other_names_give_no_type(string fileName) =>
        Assert.Null(EvidenceFileTypes.FromFileName(fileName));

    [Fact]
    public void Every_allowed_extension_has_a_type_and_every_type_an_extension()
    {
        Assert.All(EvidenceFileTypes.AllowedExtensions, e => Assert.Matches("^\\.[a-z]+$", e));
        var types = EvidenceFileTypes.AllowedExtensions.Select(e => EvidenceFileTypes.FromFileName("x" + e)).ToList();
        Assert.DoesNotContain(null, types);
        Assert.Equal(Enum.GetValues<EvidenceFileType>().Cast<EvidenceFileType?>().Order(), types.Distinct().Order());
        Assert.Contains(".jpg", EvidenceFileTypes.AllowedExtensions);
        Assert.Contains(".jpeg", EvidenceFileTypes.AllowedExtensions);
    }

    // ---- Agreement and serving

    [Fact]
    public void A_wps_name_agrees_with_word_binary_content()
    {
        Assert.True(EvidenceFileTypes.Agree(EvidenceFileType.Wps, EvidenceFileType.Doc));
        Assert.False(EvidenceFileTypes.Agree(EvidenceFileType.Doc, EvidenceFileType.Xls));
        Assert.False(EvidenceFileTypes.Agree(EvidenceFileType.Doc, EvidenceFileType.Wps));
        Assert.False(EvidenceFileTypes.Agree(EvidenceFileType.Docx, EvidenceFileType.Zip));
    }

    [Fact]
    public void Every_other_pair_agrees_only_with_itself()
    {
        foreach (var claimed in Enum.GetValues<EvidenceFileType>())
        {
            foreach (var detected in Enum.GetValues<EvidenceFileType>())
            {
                var expected = claimed == detected || (claimed, detected) == (EvidenceFileType.Wps, EvidenceFileType.Doc);
                Assert.Equal(expected, EvidenceFileTypes.Agree(claimed, detected));
            }
        }
    }

    [Theory]
    [InlineData(EvidenceFileType.Pdf, "application/pdf")]
    [InlineData(EvidenceFileType.Ofd, "application/ofd")]
    [InlineData(EvidenceFileType.Doc, "application/msword")]
    [InlineData(EvidenceFileType.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(EvidenceFileType.Xls, "application/vnd.ms-excel")]
    [InlineData(EvidenceFileType.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData(EvidenceFileType.Ppt, "application/vnd.ms-powerpoint")]
    [InlineData(EvidenceFileType.Pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData(EvidenceFileType.Wps, "application/vnd.ms-works")]
    [InlineData(EvidenceFileType.Jpeg, "image/jpeg")]
    [InlineData(EvidenceFileType.Png, "image/png")]
    [InlineData(EvidenceFileType.Zip, "application/zip")]
    public void Each_type_is_served_with_its_media_type(EvidenceFileType type, string contentType) =>
        Assert.Equal(contentType, EvidenceFileTypes.ContentType(type));

    [Fact]
    public void Only_pdfs_and_images_are_shown_inline()
    {
        var inline = Enum.GetValues<EvidenceFileType>().Where(EvidenceFileTypes.CanPreviewInline);
        Assert.Equal([EvidenceFileType.Pdf, EvidenceFileType.Jpeg, EvidenceFileType.Png], inline);
    }

    private static readonly string[] s_samples =
        ["pdf", "png", "jpeg", "docx", "xlsx", "pptx", "ofd", "zip", "doc", "xls", "ppt", "doc v4", "exe"];

    private static byte[] Sample(string name) => name switch
    {
        "pdf" => EvidenceSamples.Pdf(),
        "png" => EvidenceSamples.Png(),
        "jpeg" => EvidenceSamples.Jpeg(),
        "docx" => EvidenceSamples.Docx(),
        "xlsx" => EvidenceSamples.Xlsx(),
        "pptx" => EvidenceSamples.Pptx(),
        "ofd" => EvidenceSamples.Ofd(),
        "zip" => EvidenceSamples.PlainZip(),
        "doc" => EvidenceSamples.CompoundFile("WordDocument"),
        "xls" => EvidenceSamples.CompoundFile("Workbook"),
        "ppt" => EvidenceSamples.CompoundFile("PowerPoint Document"),
        "doc v4" => EvidenceSamples.CompoundFile("WordDocument", majorVersion: 4),
        "exe" => EvidenceSamples.Exe(),
        "corrupt zip" => [.. "PK\u0003\u0004"u8, 1, 2, 3],
        "truncated doc" => EvidenceSamples.CompoundFile("WordDocument")[..1100],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static EvidenceFileType? Detect(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return EvidenceFileTypes.Detect(stream);
    }
}
