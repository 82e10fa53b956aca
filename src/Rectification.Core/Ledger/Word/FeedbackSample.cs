using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Rectification.Core.Demo;
using Rectification.Core.Inspections;
using Rectification.Core.Text;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Rectification.Core.Ledger.Word;

/// <summary>
/// The sample 巡察反馈意见 offered on the import page (示例反馈意见.docx): the demo county's inspection findings
/// written the way a feedback document usually is, 一、 sections, (一) categories and numbered 「1.」 findings, so an
/// office can see what the import recognises before trying its own document. The same input gives the same text.
/// </summary>
public static class FeedbackSample
{
    public const string FileName = "示例反馈意见.docx";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void Write(Stream output)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            body.Append(Paragraph("关于巡察县教育和体育局党组的反馈意见"));
            body.Append(Paragraph("县委第一巡察组对县教育和体育局党组进行了巡察。现将巡察发现的主要问题反馈如下:"));
            body.Append(Paragraph("一、巡察发现的主要问题"));
            foreach (var group in JiaxiangFindings.All.GroupBy(f => f.Category).OrderBy(g => g.Key))
            {
                body.Append(Paragraph(ChineseNumerals.SubHeading(group.Key) + StandardCategories.Names[group.Key - 1]));
                var number = 0;
                foreach (var finding in group)
                {
                    number++;
                    body.Append(Paragraph($"{number}.{finding.Title}。{finding.Description}"));
                }
            }

            body.Append(Paragraph("二、整改意见"));
            body.Append(Paragraph("请局党组认真研究制定整改方案,逐条明确责任单位、责任领导和整改时限,于两个月内报送整改情况。"));
            document.AddMainDocumentPart().Document = new Document(body);
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Paragraph Paragraph(string text) => new(new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve }));
}
