using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Rectification.Tests.Shared;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Rectification.UnitTests;

/// <summary>
/// Real .docx feedback documents built in code, in the layouts offices use, and the bad files they also send. The
/// category names are written out here (DESIGN.md's four 方面) rather than taken from the code under test.
/// </summary>
public static class FeedbackDocuments
{
    public static readonly string[] Categories =
    [
        "贯彻党的路线方针政策和党中央决策部署方面",
        "群众身边腐败和不正之风方面",
        "基层党组织软弱涣散、组织力欠缺方面",
        "巡视巡察、审计等监督发现",
    ];

    /// <summary>
    /// Layout (a): the reference report as a document, one paragraph a line: 一、 sections, (一) categories, 一是…
    /// paragraphs; section 二 holds 24 findings in 4 categories, the last category a single paragraph without 一是.
    /// </summary>
    public static byte[] Reference() => Build(ReferenceReport.Load.Body.Select(line => Paragraph(line)));

    /// <summary>The reference's section 二 with its 一是…二是… paragraphs of each category run together into one.</summary>
    public static byte[] ReferenceRunTogether()
    {
        var paragraphs = new List<Paragraph> { Paragraph("二、县委巡察组反馈意见整改落实情况") };
        var category = new List<string>();
        void FlushCategory()
        {
            if (category.Count > 0)
            {
                paragraphs.Add(Paragraph(string.Concat(category)));
                category.Clear();
            }
        }

        foreach (var line in ReferenceReport.Load.Feedback)
        {
            if (line.StartsWith('(') || line.StartsWith('('))
            {
                FlushCategory();
                paragraphs.Add(Paragraph(line));
            }
            else
            {
                category.Add(line);
            }
        }

        FlushCategory();
        return Build(paragraphs);
    }

    /// <summary>
    /// Layout (b): (一) categories (both bracket widths) with numbered findings: typed 1. / 2、 / 3.; Word's automatic
    /// numbering (numPr, no number in the text); (1)(2). An introduction line, sub-points inside a finding, and a
    /// closing section whose numbered lines are not findings.
    /// </summary>
    public static byte[] Numbered() => Build(
        [
            Paragraph("关于巡察县教育和体育局党组的反馈意见"),
            Paragraph("一、巡察发现的主要问题"),
            Paragraph("(一)" + Categories[0]),
            Paragraph("主要存在以下问题:"),
            Paragraph("1.理论学习不够深入。局党组理论学习中心组学习计划性不强,集体研讨不经常。"),
            Paragraph("2、意识形态工作责任制落实不到位。具体表现在:"),
            Paragraph("(1)阵地管理不严格;"),
            Paragraph("(2)舆情处置不及时。"),
            Paragraph("3.党建工作指导督导不到位,基层党组织组织生活不够规范,灯塔平台组织架构不完善,活动记录上传不及时。"),
            Paragraph("(二)" + Categories[1]),
            Paragraph("学校食堂财务管理不规范。部分学校食堂账目不清。", numId: 1),
            Paragraph("违规收受礼品礼金问题仍有发生。个别干部节日期间收受礼品。", numId: 1),
            Paragraph("公务用车管理不严格。用车登记不完整。", numId: 1),
            Paragraph("(三)" + Categories[2]),
            Paragraph("(1)发展党员程序不规范。个别支部未按规定公示。"),
            Paragraph("(2)党费收缴不及时。部分党员党费未按月交纳。"),
            Paragraph("二、整改要求"),
            Paragraph("1.请局党组在两个月内报送整改情况。"),
        ],
        DecimalNumbering);

    /// <summary>
    /// Layout (c): a 整改台账 table, one row a finding, 问题类别 cells merged down (vMerge) over their findings, and
    /// 整改时限 written as offices write it.
    /// </summary>
    public static byte[] LedgerTable(string leader = "张志强", string person = "马德胜") => Build(
        [
            Paragraph("县教育和体育局党组落实巡察反馈意见整改台账"),
            Table(
                ["序号", "问题类别", "问题描述", "整改措施", "责任单位", "责任领导", "责任人", "整改时限"],
                [
                    ["1", "一、" + Categories[0], "理论学习不够深入。局党组理论学习中心组学习计划性不强。", "1.制定学习计划\n2.每月集中学习", "县教育和体育局", leader, person, "2026年9月底"],
                    ["2", null, "意识形态工作责任制落实不到位。阵地管理不严格。", "健全责任制", "县教育和体育局", "", "", "长期坚持"],
                    ["3", "二、" + Categories[1], "学校食堂财务管理不规范。部分学校食堂账目不清。", "", "嘉祥街道教办", "", "", "2026-12-31"],
                    ["4", null, "违规收受礼品礼金问题仍有发生。", "", "嘉祥街道教办", "", "", "立行立改"],
                    ["5", null, "公务用车管理不严格。", "", "县教育和体育局", "", "", "2026年10月31日前"],
                    ["6", "四、" + Categories[3], "审计发现的问题整改不到位。", "", "县教育和体育局", "", "", ""],
                ]),
        ]);

    /// <summary>A document with headings and text but nothing a reader would call a finding.</summary>
    public static byte[] NoFindings() => Build(
        [
            Paragraph("关于召开巡察整改工作会议的通知"),
            Paragraph("各科室、各学校:"),
            Paragraph("定于下周一上午召开巡察整改工作会议,请准时参加。"),
        ]);

    /// <summary>A macro-enabled document (.docm): its main part's content type and a vbaProject part.</summary>
    public static byte[] MacroEnabled()
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.MacroEnabledDocument))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(Paragraph("(一)" + Categories[0]), Paragraph("1.宏文档里的问题。")));
            var vba = main.AddNewPart<VbaProjectPart>();
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes("Attribute VB_Name = \"AutoOpen\""));
            vba.FeedData(stream);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A zip bomb: a few tens of kilobytes whose document.xml unpacks to <paramref name="megabytes"/> MB of
    /// paragraph text (findings, were anyone to read that far).
    /// </summary>
    public static byte[] ZipBomb(int megabytes = 64)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            stream.Write("""<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>(一)贯彻党的路线方针政策和党中央决策部署方面</w:t></w:r></w:p><w:p><w:r><w:t>1."""u8);
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)'x');
            for (var i = 0; i < megabytes; i++)
            {
                stream.Write(chunk);
            }

            stream.Write("</w:t></w:r></w:p></w:body></w:document>"u8);
        }

        return buffer.ToArray();
    }

    public static Paragraph Paragraph(string text, int? numId = null)
    {
        var paragraph = new Paragraph();
        if (numId is { } id)
        {
            paragraph.Append(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = id })));
        }

        paragraph.Append(new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    /// <summary>A table; a null cell continues the merged cell above it (vMerge), as Word writes a merged category.</summary>
    public static Table Table(string[] header, string?[][] rows)
    {
        var table = new Table(new TableProperties(new TableBorders()));
        table.Append(new TableRow(header.Select(h => new TableCell(Paragraph(h)))));
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new TableRow();
            for (var c = 0; c < rows[r].Length; c++)
            {
                var text = rows[r][c];
                var startsMerge = text is not null && r + 1 < rows.Length && rows[r + 1][c] is null;
                var cell = new TableCell();
                if (text is null)
                {
                    cell.Append(new TableCellProperties(new VerticalMerge()));
                    cell.Append(new Paragraph());
                }
                else
                {
                    if (startsMerge)
                    {
                        cell.Append(new TableCellProperties(new VerticalMerge { Val = MergedCellValues.Restart }));
                    }

                    cell.Append(text.Split('\n').Select(line => Paragraph(line)));
                }

                row.Append(cell);
            }

            table.Append(row);
        }

        return table;
    }

    /// <summary>numId 1: one level, "1." "2." …, as Word's numbering button makes it.</summary>
    private static Numbering DecimalNumbering() => new(
        new AbstractNum(
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Decimal },
                new LevelText { Val = "%1." })
            { LevelIndex = 0 })
        { AbstractNumberId = 10 },
        new NumberingInstance(new AbstractNumId { Val = 10 }) { NumberID = 1 });

    public static byte[] Build(IEnumerable<OpenXmlElement> body, Func<Numbering>? numbering = null)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(body));
            if (numbering is not null)
            {
                main.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering();
            }
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
