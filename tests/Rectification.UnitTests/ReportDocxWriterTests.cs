using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Rectification.Core.Reports;

namespace Rectification.UnitTests;

public sealed class ReportDocxWriterTests
{
    private const string Title = "中共嘉祥县教育和体育局党组关于巡察整改情况的通报";
    private const string Signature = "中共嘉祥县教育和体育局党组";
    private const string Date = "2023年5月9日";

    private const string Opening =
        "根据县委统一部署,2022年7月21日至8月26日,县委第一巡察组对县教育和体育局党组进行了集中巡察。12月6日,县委巡察组向县教育和体育局党组反馈了巡察意见。按照党务公开原则和巡察工作有关要求,现将巡察整改情况予以公布。";

    private const string FirstLeadIn = "(一)提高思想认识,迅速动员部署。";
    private const string FirstLeadInText =
        "巡察反馈会议后,及时召开局党组会专题研究整改工作,第一时间进行巡察整改动员部署,切实把思想统一到县委对巡察整改的要求上来,形成“对号入座、照单全收”“即知即改、认真整改”的高度共识,明确“对照检查从严、查找症结从准,整改措施从实、完成整改从快”的整改思路和要求,不折不扣地把巡察整改作为一项重大的政治任务抓紧抓好。";

    private const string FirstCategory = "(一)贯彻党的路线方针政策和党中央决策部署方面问题整改落实情况";

    // Built from the published report (reference/rectification-report-jiaxiang-2023.txt), abridged.
    private static readonly ReportDocument s_report = new(
        Title,
        [
            new(ReportBlockKind.Paragraph, Opening),
            new(ReportBlockKind.Heading1, "一、整改工作进展情况"),
            new(ReportBlockKind.Paragraph, FirstLeadInText, FirstLeadIn),
            new(
                ReportBlockKind.Paragraph,
                "成立了巡察整改工作领导小组,局党组书记任组长,切实履行整改第一责任人责任,全面负责巡察整改工作;明确1名党组成员负责巡察整改工作日常调度;所有科级领导干部对照分管或协管领域,对反馈的问题进行逐一认领。",
                "(二)坚持问题导向,明确目标任务。"),
            new(
                ReportBlockKind.Paragraph,
                "党组书记作为整改第一责任人,对巡察反馈问题亲自调度、专题研究、听取汇报,协调解决整改过程中的重大问题、重要环节、重要事项。",
                "(三)强化协调推进,建立长效机制。"),
            new(ReportBlockKind.Heading1, "二、县委巡察组反馈意见整改落实情况"),
            new(ReportBlockKind.Heading2, FirstCategory),
            new(
                ReportBlockKind.Paragraph,
                "一是印发了《县委巡察发现共性问题专项整治方案》,要求对反馈问题即知即改,建立长效机制,不断巩固巡察整改工作成果;完善灯塔—党建在线平台党组织组织架构,每月定期通报“山东e支部”活动记录上传情况。"),
            new(
                ReportBlockKind.Paragraph,
                "二是研究制定了2023年理论中心组学习计划,严格落实第一议题制度,确保局理论学习中心组集体学习研讨活动每月不少于1次。"),
            new(ReportBlockKind.Heading2, "(四)巡视巡察、审计等监督发现问题整改落实情况"),
            new(
                ReportBlockKind.Paragraph,
                "2023年2月9日,召开全县教育财务暨县委巡察整改落实工作会议,组织学习《嘉祥县教育和体育局政府采购管理办法》,进一步明确采购流程,严格执行政府采购审批程序。"),
            new(ReportBlockKind.Heading1, "三、今后整改工作打算"),
            new(
                ReportBlockKind.Paragraph,
                "经过三个月集中整改,尽管取得了阶段性成效,但对照县委要求和群众期盼还有一定差距,还有不少需要重视、持续解决的问题,需长期坚持。"),
            new(
                ReportBlockKind.Paragraph,
                "欢迎广大干部群众对巡察整改落实情况进行监督,如有意见建议,请及时向我们反映,联系电话:7390911。电子邮箱:jxjtjjgjw@ji.shandong.cn。"),
        ],
        Signature,
        Date);

    [Fact]
    public void Paragraphs_carry_the_report_text_in_order()
    {
        using var document = WriteAndOpen(s_report);

        var texts = BodyParagraphs(document).Select(p => p.InnerText).Where(t => t.Length > 0);

        string[] expected =
        [
            Title,
            .. s_report.Blocks.Select(b => (b.LeadIn ?? "") + b.Text),
            Signature,
            Date,
        ];
        Assert.Equal(expected, texts);
    }

    [Fact]
    public void An_empty_line_follows_the_title_and_precedes_the_signature()
    {
        using var document = WriteAndOpen(s_report);

        var texts = BodyParagraphs(document).Select(p => p.InnerText).ToList();

        Assert.Equal(Title, texts[0]);
        Assert.Equal("", texts[1]);
        Assert.Equal(["", Signature, Date], texts[^3..]);
    }

    [Fact]
    public void The_page_is_A4_portrait_with_the_margins_of_GB_T_9704()
    {
        using var document = WriteAndOpen(s_report);

        var section = Body(document).Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;

        Assert.Equal(11906U, size.Width!.Value);
        Assert.Equal(16838U, size.Height!.Value);
        Assert.NotEqual(PageOrientationValues.Landscape, size.Orient?.Value);
        Assert.Equal(2098, margin.Top!.Value);     // 37 mm
        Assert.Equal(1985, margin.Bottom!.Value);  // 35 mm
        Assert.Equal(1588U, margin.Left!.Value);   // 28 mm
        Assert.Equal(1474U, margin.Right!.Value);  // 26 mm
    }

    [Fact]
    public void The_title_is_22pt_xiaobiaosong_centred()
    {
        using var document = WriteAndOpen(s_report);

        var title = BodyParagraphs(document).First();
        var run = title.Elements<Run>().Single();

        Assert.Equal(JustificationValues.Center, title.ParagraphProperties!.Justification!.Val!.Value);
        Assert.Equal("方正小标宋简体", run.RunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("44", run.RunProperties.FontSize!.Val!.Value);
        Assert.Equal("0", title.ParagraphProperties.Indentation!.FirstLine!.Value);
    }

    [Fact]
    public void Body_text_is_16pt_fangsong_justified_on_fixed_28pt_lines_indented_two_characters()
    {
        using var document = WriteAndOpen(s_report);

        var opening = ParagraphWithText(document, Opening);
        var run = opening.Elements<Run>().Single();

        AssertBodyLayout(opening);
        Assert.Equal(JustificationValues.Both, opening.ParagraphProperties!.Justification!.Val!.Value);
        AssertRunFont(run, "仿宋_GB2312");
    }

    [Fact]
    public void First_level_headings_are_heiti_with_the_body_indent_and_spacing()
    {
        using var document = WriteAndOpen(s_report);

        var heading = ParagraphWithText(document, "二、县委巡察组反馈意见整改落实情况");

        AssertBodyLayout(heading);
        AssertRunFont(heading.Elements<Run>().Single(), "黑体");
        Assert.Equal(0, heading.ParagraphProperties!.OutlineLevel!.Val!.Value);
    }

    [Fact]
    public void Second_level_headings_are_kaiti()
    {
        using var document = WriteAndOpen(s_report);

        var heading = ParagraphWithText(document, FirstCategory);

        AssertBodyLayout(heading);
        AssertRunFont(heading.Elements<Run>().Single(), "楷体_GB2312");
        Assert.Equal(1, heading.ParagraphProperties!.OutlineLevel!.Val!.Value);
    }

    [Fact]
    public void A_lead_in_is_kaiti_and_the_rest_of_its_paragraph_fangsong()
    {
        using var document = WriteAndOpen(s_report);

        var paragraph = ParagraphWithText(document, FirstLeadIn + FirstLeadInText);
        var runs = paragraph.Elements<Run>().ToList();

        AssertBodyLayout(paragraph);
        Assert.Equal(2, runs.Count);
        Assert.Equal(FirstLeadIn, runs[0].InnerText);
        AssertRunFont(runs[0], "楷体_GB2312");
        Assert.Equal(FirstLeadInText, runs[1].InnerText);
        AssertRunFont(runs[1], "仿宋_GB2312");
    }

    [Fact]
    public void Signature_and_date_are_right_aligned_four_characters_from_the_margin()
    {
        using var document = WriteAndOpen(s_report);

        foreach (var text in new[] { Signature, Date })
        {
            var paragraph = ParagraphWithText(document, text);
            var properties = paragraph.ParagraphProperties!;

            Assert.Equal(JustificationValues.Right, properties.Justification!.Val!.Value);
            Assert.Equal("1280", properties.Indentation!.Right!.Value);
            Assert.Equal(LineSpacingRuleValues.Exact, properties.SpacingBetweenLines!.LineRule!.Value);
            AssertRunFont(paragraph.Elements<Run>().Single(), "仿宋_GB2312");
        }
    }

    [Fact]
    public void The_footer_numbers_pages_with_a_PAGE_field_between_dashes()
    {
        using var document = WriteAndOpen(s_report);

        var main = document.MainDocumentPart!;
        var reference = Body(document).Elements<SectionProperties>().Single().Elements<FooterReference>().Single();
        var footer = ((FooterPart)main.GetPartById(reference.Id!.Value!)).Footer!;
        var paragraph = footer.Elements<Paragraph>().Single();

        Assert.Equal(HeaderFooterValues.Default, reference.Type!.Value);
        Assert.Contains(footer.Descendants<FieldCode>(), code => code.Text.Trim() == "PAGE");
        Assert.Equal(
            [FieldCharValues.Begin, FieldCharValues.Separate, FieldCharValues.End],
            footer.Descendants<FieldChar>().Select(c => c.FieldCharType!.Value));
        Assert.Equal("— 1 —", string.Concat(footer.Descendants<Text>().Select(t => t.Text)));
        Assert.Equal(JustificationValues.Center, paragraph.ParagraphProperties!.Justification!.Val!.Value);
        Assert.All(paragraph.Elements<Run>(), run =>
        {
            Assert.Equal("宋体", run.RunProperties!.RunFonts!.EastAsia!.Value);
            Assert.Equal("28", run.RunProperties.FontSize!.Val!.Value);
        });
    }

    [Fact]
    public void Every_run_names_its_Chinese_and_Latin_fonts_and_the_Chinese_language()
    {
        using var document = WriteAndOpen(s_report);

        var main = document.MainDocumentPart!;
        var runs = Body(document).Descendants<Run>()
            .Concat(main.FooterParts.SelectMany(f => f.Footer!.Descendants<Run>()))
            .ToList();

        Assert.NotEmpty(runs);
        Assert.All(runs, run =>
        {
            var fonts = run.RunProperties?.RunFonts;
            Assert.False(string.IsNullOrEmpty(fonts?.EastAsia?.Value));
            Assert.False(string.IsNullOrEmpty(fonts?.Ascii?.Value));
            Assert.Equal(fonts!.Ascii!.Value, fonts.HighAnsi?.Value);
            Assert.Equal("zh-CN", run.RunProperties!.Languages?.EastAsia?.Value);
        });
        Assert.All(Body(document).Descendants<Run>(), run =>
            Assert.Equal("Times New Roman", run.RunProperties!.RunFonts!.Ascii!.Value));
    }

    [Fact]
    public void The_styles_part_defaults_to_the_body_layout()
    {
        using var document = WriteAndOpen(s_report);

        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var normal = styles.Elements<Style>().Single(s => s.Type!.Value == StyleValues.Paragraph && s.Default?.Value == true);

        Assert.Equal("仿宋_GB2312", defaults.RunFonts!.EastAsia!.Value);
        Assert.Equal("Times New Roman", defaults.RunFonts.Ascii!.Value);
        Assert.Equal("32", defaults.FontSize!.Val!.Value);
        Assert.Equal("zh-CN", defaults.Languages!.EastAsia!.Value);
        Assert.Equal("Normal", normal.StyleId!.Value);
        Assert.Equal("仿宋_GB2312", normal.StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("560", normal.StyleParagraphProperties!.SpacingBetweenLines!.Line!.Value);
        Assert.Equal(LineSpacingRuleValues.Exact, normal.StyleParagraphProperties.SpacingBetweenLines.LineRule!.Value);
        Assert.Equal(200, normal.StyleParagraphProperties.Indentation!.FirstLineChars!.Value);
    }

    [Fact]
    public void The_font_table_offers_the_common_faces_for_the_GB2312_ones()
    {
        using var document = WriteAndOpen(s_report);

        var fonts = document.MainDocumentPart!.FontTablePart!.Fonts!.Elements<Font>()
            .ToDictionary(f => f.Name!.Value!, f => f.GetFirstChild<AltName>()?.Val?.Value);

        Assert.Equal("仿宋", fonts["仿宋_GB2312"]);
        Assert.Equal("楷体", fonts["楷体_GB2312"]);
        Assert.Contains("方正小标宋简体", fonts.Keys);
        Assert.Contains("黑体", fonts.Keys);
    }

    [Fact]
    public void Word_opens_it_in_its_current_mode_not_compatibility_mode()
    {
        using var document = WriteAndOpen(s_report);

        var setting = document.MainDocumentPart!.DocumentSettingsPart!.Settings!
            .Descendants<CompatibilitySetting>()
            .Single(s => s.Name?.Value == CompatSettingNameValues.CompatibilityMode);

        Assert.Equal("15", setting.Val!.Value);
    }

    [Theory]
    [InlineData("他说\"A&B<C>D\"“引号”《文件》‘单引号’")]
    [InlineData("  前后空格与  两个空格  ")]
    [InlineData("]]> &amp; &lt; 𠮷 〇 — …")]
    public void Markup_characters_quotes_and_spaces_survive(string text)
    {
        var report = s_report with { Blocks = [new(ReportBlockKind.Paragraph, text, "(一)<&>\"“”《》。")] };

        using var document = WriteAndOpen(report);

        var paragraph = BodyParagraphs(document).Single(p => p.InnerText.StartsWith("(一)", StringComparison.Ordinal));
        Assert.Equal("(一)<&>\"“”《》。" + text, paragraph.InnerText);
        if (text.Contains(' ', StringComparison.Ordinal))
        {
            Assert.Equal(SpaceProcessingModeValues.Preserve, paragraph.Descendants<Text>().Last().Space!.Value);
        }
    }

    [Fact]
    public void Characters_XML_cannot_hold_are_dropped_and_line_breaks_kept()
    {
        var report = s_report with { Blocks = [new(ReportBlockKind.Paragraph, "甲\u0001乙\v丙\uD800丁\r\n戊")] };

        using var document = WriteAndOpen(report);

        var paragraph = BodyParagraphs(document).Single(p => p.InnerText.StartsWith('甲'));
        Assert.Equal("甲乙丙丁戊", paragraph.InnerText);
        Assert.Single(paragraph.Descendants<Break>());
    }

    [Fact]
    public void The_package_validates_without_errors()
    {
        using var document = WriteAndOpen(s_report);

        Assert.Empty(Describe(new OpenXmlValidator().Validate(document)));
    }

    [Fact]
    public void The_package_validates_against_the_newest_schemas_too()
    {
        using var document = WriteAndOpen(s_report);

        Assert.Empty(Describe(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document)));
    }

    [Fact]
    public void The_output_is_left_open_and_written_from_its_position()
    {
        using var output = new MemoryStream();
        output.Write([1, 2, 3]);

        ReportDocxWriter.Write(s_report, output);

        Assert.True(output.CanRead);
        Assert.Equal(output.Length, output.Position);
        using var package = new MemoryStream(output.ToArray()[3..]);
        using var document = WordprocessingDocument.Open(package, isEditable: false);
        Assert.Equal(Title, BodyParagraphs(document).First().InnerText);
    }

    [Fact]
    public void A_stream_that_cannot_seek_or_read_still_receives_the_package()
    {
        using var inner = new MemoryStream();
        using var output = new ForwardOnlyStream(inner);

        ReportDocxWriter.Write(s_report, output);

        inner.Position = 0;
        using var document = WordprocessingDocument.Open(inner, isEditable: false);
        Assert.Equal(Title, BodyParagraphs(document).First().InnerText);
    }

    private static WordprocessingDocument WriteAndOpen(ReportDocument report)
    {
        var stream = new MemoryStream();
        ReportDocxWriter.Write(report, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, isEditable: false);
    }

    // Readable failures: which part, where, and what the schema expected.
    private static List<string> Describe(IEnumerable<ValidationErrorInfo> errors) =>
        errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

    private static Body Body(WordprocessingDocument document) => document.MainDocumentPart!.Document!.Body!;

    private static IEnumerable<Paragraph> BodyParagraphs(WordprocessingDocument document) =>
        Body(document).Elements<Paragraph>();

    private static Paragraph ParagraphWithText(WordprocessingDocument document, string text) =>
        BodyParagraphs(document).Single(p => p.InnerText == text);

    private static void AssertBodyLayout(Paragraph paragraph)
    {
        var properties = paragraph.ParagraphProperties!;
        Assert.Equal("560", properties.SpacingBetweenLines!.Line!.Value);
        Assert.Equal(LineSpacingRuleValues.Exact, properties.SpacingBetweenLines.LineRule!.Value);
        Assert.Equal(200, properties.Indentation!.FirstLineChars!.Value);
        Assert.Equal("640", properties.Indentation.FirstLine!.Value);
    }

    private static void AssertRunFont(Run run, string eastAsiaFont)
    {
        var properties = run.RunProperties!;
        Assert.Equal(eastAsiaFont, properties.RunFonts!.EastAsia!.Value);
        Assert.Equal("Times New Roman", properties.RunFonts.Ascii!.Value);
        Assert.Equal("Times New Roman", properties.RunFonts.HighAnsi!.Value);
        Assert.Equal("32", properties.FontSize!.Val!.Value);
    }

    /// <summary>Like an HTTP response body: write-only, no seeking.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
