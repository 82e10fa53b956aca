using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

// Rectification.Core.Text (a namespace) would shadow the Wordprocessing type.
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Rectification.Core.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as a .docx in the layout of Chinese official documents
/// (GB/T 9704-2012《党政机关公文格式》): A4, 小标宋 title, 仿宋 body on a fixed 28 pt line, 黑体 and 楷体 headings,
/// "— 1 —" page numbers.
/// </summary>
/// <remarks>
/// Every paragraph and run carries its formatting directly, and the styles part repeats it: the direct formatting
/// is what survives when an office copies paragraphs into its own template, the styles make a new paragraph typed
/// in Word or WPS look like the rest and give the headings outline levels for the navigation pane.
/// </remarks>
public static class ReportDocxWriter
{
    // Page geometry in twips (1/20 pt). GB/T 9704 gives margins in millimetres; 1 mm = 56.7 twips, rounded.
    private const int PageWidth = 11906;   // A4, 210 mm
    private const int PageHeight = 16838;  // A4, 297 mm
    private const int TopMargin = 2098;    // 37 mm
    private const int BottomMargin = 1985; // 35 mm
    private const int LeftMargin = 1588;   // 28 mm
    private const int RightMargin = 1474;  // 26 mm
    private const int HeaderDistance = 851; // 15 mm; the report has no header, Word only needs a value.

    // The standard puts the page number's dashes about 7 mm below the text block: 35 − 7 − ~5 (one 14 pt line).
    private const int FooterDistance = 1304; // 23 mm

    // Sizes in half-points (w:sz): 二号 22 pt, 三号 16 pt, 四号 14 pt.
    private const string TitleSize = "44";
    private const string BodySize = "32";
    private const string PageNumberSize = "28";

    // A fixed 28 pt line keeps every page on the same grid whatever the fonts' own line heights are.
    private const string LineSpacing = "560";

    // Two characters of the body size (2 × 16 pt); the *Chars attributes are in hundredths of a character and win
    // where they are understood, the twips are for readers that ignore them.
    private const int TwoCharacters = 200;
    private const string TwoCharactersTwips = "640";
    private const int FourCharacters = 400;
    private const string FourCharactersTwips = "1280";

    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string Heading1Font = "黑体";
    private const string Heading2Font = "楷体_GB2312";
    private const string PageNumberFont = "宋体";
    private const string LatinFont = "Times New Roman";

    private const string TitleStyle = "Title";
    private const string Heading1Style = "Heading1";
    private const string Heading2Style = "Heading2";
    private const string SignatureStyle = "Signature";
    private const string FooterStyle = "Footer";

    /// <summary>Writes <paramref name="report"/> as a .docx to <paramref name="output"/>, which is left open.</summary>
    public static void Write(ReportDocument report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream must be writable.", nameof(output));
        }

        // System.IO.Packaging needs a stream it can read and seek, and writes over it from the beginning: an HTTP
        // response body is refused, and data already in a stream would be overwritten. Building in memory (a report
        // is tens of kilobytes) and copying gives every caller the same behaviour: the bytes go at the position.
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = report.Title;
            document.PackageProperties.Creator = report.Signature;
            document.PackageProperties.Language = "zh-CN";

            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles();
            main.AddNewPart<FontTablePart>().Fonts = BuildFontTable();
            main.AddNewPart<DocumentSettingsPart>().Settings = BuildSettings();
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = BuildFooter();

            main.Document = new Document(BuildBody(report, main.GetIdOfPart(footer)));

            // Declared once on the root rather than on the footer reference where the SDK would put it.
            main.Document.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Body BuildBody(ReportDocument report, string footerId)
    {
        var body = new Body();

        body.Append(new Paragraph(TitleLayout(), TextRun(report.Title, TitleFont, TitleSize)));
        body.Append(new Paragraph(BodyLayout()));

        foreach (var block in report.Blocks)
        {
            body.Append(block.Kind switch
            {
                ReportBlockKind.Heading1 => new Paragraph(HeadingLayout(Heading1Style, 0), TextRun(block.Text, Heading1Font, BodySize)),
                ReportBlockKind.Heading2 => new Paragraph(HeadingLayout(Heading2Style, 1), TextRun(block.Text, Heading2Font, BodySize)),
                ReportBlockKind.Paragraph => BodyParagraph(block),
                _ => throw new ArgumentOutOfRangeException(nameof(report), block.Kind, "Unknown report block kind."),
            });
        }

        body.Append(new Paragraph(BodyLayout()));
        body.Append(new Paragraph(SignatureLayout(), TextRun(report.Signature, BodyFont, BodySize)));
        body.Append(new Paragraph(SignatureLayout(), TextRun(report.Date, BodyFont, BodySize)));

        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
            new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
            new PageMargin
            {
                Top = TopMargin,
                Bottom = BottomMargin,
                Left = LeftMargin,
                Right = RightMargin,
                Header = HeaderDistance,
                Footer = FooterDistance,
                Gutter = 0,
            }));

        return body;
    }

    private static Paragraph BodyParagraph(ReportBlock block)
    {
        var paragraph = new Paragraph(BodyLayout());
        if (!string.IsNullOrEmpty(block.LeadIn))
        {
            paragraph.Append(TextRun(block.LeadIn, Heading2Font, BodySize));
        }

        if (block.Text.Length > 0)
        {
            paragraph.Append(TextRun(block.Text, BodyFont, BodySize));
        }

        return paragraph;
    }

    private static Footer BuildFooter()
    {
        // "— 1 —": GB/T 9704 puts a 一字线 either side of the number. A complex field (begin/instr/separate/end)
        // rather than w:fldSimple, because it is what Word itself writes and every reader updates it.
        return new Footer(new Paragraph(
            new ParagraphProperties
            {
                ParagraphStyleId = new ParagraphStyleId { Val = FooterStyle },
                Justification = new Justification { Val = JustificationValues.Center },
                Indentation = NoIndent(),
                SpacingBetweenLines = SingleLineSpacing(),
            },
            PageNumberRun(PlainText("— ")),
            PageNumberRun(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            PageNumberRun(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            PageNumberRun(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            PageNumberRun(PlainText("1")),
            PageNumberRun(new FieldChar { FieldCharType = FieldCharValues.End }),
            PageNumberRun(PlainText(" —"))));
    }

    // The standard asks for 宋体 digits in page numbers, so here the Latin font is 宋体 too.
    private static Run PageNumberRun(OpenXmlElement content) =>
        new(RunLayout<RunProperties>(PageNumberFont, PageNumberSize, latinFont: PageNumberFont), content);

    // Without a compatibility mode Word opens the file as a Word 2007 document, in 兼容模式 with the old layout
    // engine; 15 is Word 2013 and later. The theme language lets theme-font text pick the Chinese face.
    private static Settings BuildSettings() => new(
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "zh-CN" });

    private static Styles BuildStyles()
    {
        return new Styles(
            new DocDefaults(
                new RunPropertiesDefault(RunLayout<RunPropertiesBaseStyle>(BodyFont, BodySize)),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = FixedLineSpacing(),
                })),
            new Style
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
                StyleName = new StyleName { Val = "Normal" },
                PrimaryStyle = new PrimaryStyle(),
                StyleParagraphProperties = new StyleParagraphProperties
                {
                    SpacingBetweenLines = FixedLineSpacing(),
                    Indentation = FirstLineIndent(),
                    Justification = new Justification { Val = JustificationValues.Both },
                },
                StyleRunProperties = RunLayout<StyleRunProperties>(BodyFont, BodySize),
            },
            new Style
            {
                Type = StyleValues.Character,
                StyleId = "DefaultParagraphFont",
                Default = true,
                StyleName = new StyleName { Val = "Default Paragraph Font" },
                UIPriority = new UIPriority { Val = 1 },
                SemiHidden = new SemiHidden(),
                UnhideWhenUsed = new UnhideWhenUsed(),
            },
            ParagraphStyle(TitleStyle, "Title", new StyleParagraphProperties
            {
                KeepNext = new KeepNext(),
                Indentation = NoIndent(),
                Justification = new Justification { Val = JustificationValues.Center },
            }, RunLayout<StyleRunProperties>(TitleFont, TitleSize)),
            ParagraphStyle(Heading1Style, "heading 1", new StyleParagraphProperties
            {
                KeepNext = new KeepNext(),
                OutlineLevel = new OutlineLevel { Val = 0 },
            }, RunLayout<StyleRunProperties>(Heading1Font, BodySize)),
            ParagraphStyle(Heading2Style, "heading 2", new StyleParagraphProperties
            {
                KeepNext = new KeepNext(),
                OutlineLevel = new OutlineLevel { Val = 1 },
            }, RunLayout<StyleRunProperties>(Heading2Font, BodySize)),
            ParagraphStyle(SignatureStyle, "Signature", new StyleParagraphProperties
            {
                Indentation = RightIndent(),
                Justification = new Justification { Val = JustificationValues.Right },
            }, RunLayout<StyleRunProperties>(BodyFont, BodySize)),
            ParagraphStyle(FooterStyle, "footer", new StyleParagraphProperties
            {
                SpacingBetweenLines = SingleLineSpacing(),
                Indentation = NoIndent(),
                Justification = new Justification { Val = JustificationValues.Center },
            }, RunLayout<StyleRunProperties>(PageNumberFont, PageNumberSize, latinFont: PageNumberFont)));
    }

    private static Style ParagraphStyle(string id, string name, StyleParagraphProperties paragraph, StyleRunProperties run) => new()
    {
        Type = StyleValues.Paragraph,
        StyleId = id,
        StyleName = new StyleName { Val = name },
        BasedOn = new BasedOn { Val = "Normal" },
        NextParagraphStyle = new NextParagraphStyle { Val = "Normal" },
        PrimaryStyle = new PrimaryStyle(),
        StyleParagraphProperties = paragraph,
        StyleRunProperties = run,
    };

    /// <summary>
    /// The fonts the report names, each with an alternate name Word can look for instead: the *_GB2312 faces and
    /// 方正小标宋简体 are missing from many machines (a plain Windows has 仿宋, 楷体 and 宋体), and without a hint Word
    /// falls back to whatever its default East-Asian font is. 黑体 and 宋体 get their English names.
    /// </summary>
    private static Fonts BuildFontTable() => new(
        FontEntry(LatinFont, altName: null, charSet: "00", FontFamilyValues.Roman),
        FontEntry(TitleFont, altName: "宋体", charSet: "86", FontFamilyValues.Auto),
        FontEntry(BodyFont, altName: "仿宋", charSet: "86", FontFamilyValues.Modern),
        FontEntry(Heading1Font, altName: "SimHei", charSet: "86", FontFamilyValues.Modern),
        FontEntry(Heading2Font, altName: "楷体", charSet: "86", FontFamilyValues.Modern),
        FontEntry(PageNumberFont, altName: "SimSun", charSet: "86", FontFamilyValues.Auto));

    private static Font FontEntry(string name, string? altName, string charSet, FontFamilyValues family)
    {
        var font = new Font { Name = name };
        if (altName is not null)
        {
            font.Append(new AltName { Val = altName });
        }

        font.Append(
            new FontCharSet { Val = charSet },
            new FontFamily { Val = family },
            new Pitch { Val = FontPitchValues.Variable });
        return font;
    }

    private static ParagraphProperties TitleLayout() => new()
    {
        ParagraphStyleId = new ParagraphStyleId { Val = TitleStyle },
        KeepNext = new KeepNext(),
        SpacingBetweenLines = FixedLineSpacing(),
        Indentation = NoIndent(),
        Justification = new Justification { Val = JustificationValues.Center },
    };

    private static ParagraphProperties BodyLayout() => new()
    {
        SpacingBetweenLines = FixedLineSpacing(),
        Indentation = FirstLineIndent(),
        Justification = new Justification { Val = JustificationValues.Both },
    };

    private static ParagraphProperties HeadingLayout(string styleId, int outlineLevel) => new()
    {
        ParagraphStyleId = new ParagraphStyleId { Val = styleId },
        KeepNext = new KeepNext(),
        SpacingBetweenLines = FixedLineSpacing(),
        Indentation = FirstLineIndent(),
        Justification = new Justification { Val = JustificationValues.Both },
        OutlineLevel = new OutlineLevel { Val = outlineLevel },
    };

    private static ParagraphProperties SignatureLayout() => new()
    {
        ParagraphStyleId = new ParagraphStyleId { Val = SignatureStyle },
        SpacingBetweenLines = FixedLineSpacing(),
        Indentation = RightIndent(),
        Justification = new Justification { Val = JustificationValues.Right },
    };

    private static SpacingBetweenLines FixedLineSpacing() => new()
    {
        Before = "0",
        After = "0",
        Line = LineSpacing,
        LineRule = LineSpacingRuleValues.Exact,
    };

    private static SpacingBetweenLines SingleLineSpacing() => new()
    {
        Before = "0",
        After = "0",
        Line = "240",
        LineRule = LineSpacingRuleValues.Auto,
    };

    private static Indentation FirstLineIndent() => new() { FirstLine = TwoCharactersTwips, FirstLineChars = TwoCharacters };

    // Zero both forms explicitly: the Normal style indents the first line, and a paragraph that only zeroed the
    // twips would still inherit firstLineChars.
    private static Indentation NoIndent() => new() { FirstLine = "0", FirstLineChars = 0 };

    private static Indentation RightIndent() => new()
    {
        Right = FourCharactersTwips,
        RightChars = FourCharacters,
        FirstLine = "0",
        FirstLineChars = 0,
    };

    private static Run TextRun(string text, string eastAsiaFont, string size)
    {
        var run = new Run(RunLayout<RunProperties>(eastAsiaFont, size));
        AppendText(run, text);
        return run;
    }

    /// <summary>
    /// The run formatting every run, style and the document defaults share; <typeparamref name="T"/> is the element
    /// that holds it there (w:rPr in a run, a style or w:rPrDefault). The children are appended in schema order.
    /// </summary>
    private static T RunLayout<T>(string eastAsiaFont, string size, string latinFont = LatinFont)
        where T : OpenXmlCompositeElement, new()
    {
        var properties = new T();
        properties.Append(
            new RunFonts
            {
                // hint="eastAsia" makes Word set the characters both scripts share (“” ‘’ — …) in the Chinese
                // font, as Chinese typesetting expects; without it the curly quotes come out narrow in Times New Roman.
                Hint = FontTypeHintValues.EastAsia,
                Ascii = latinFont,
                HighAnsi = latinFont,
                EastAsia = eastAsiaFont,
                ComplexScript = latinFont,
            },
            new FontSize { Val = size },
            new FontSizeComplexScript { Val = size },
            new Languages { Val = "en-US", EastAsia = "zh-CN" });
        return properties;
    }

    /// <summary>
    /// Adds <paramref name="text"/> to <paramref name="run"/>: a line break for each newline, a tab for each tab, and
    /// without the characters XML 1.0 cannot hold.
    /// </summary>
    private static void AppendText(Run run, string text)
    {
        var lines = RemoveInvalidXmlCharacters(text).ReplaceLineEndings("\n").Split('\n');
        for (var line = 0; line < lines.Length; line++)
        {
            if (line > 0)
            {
                run.Append(new Break());
            }

            var pieces = lines[line].Split('\t');
            for (var piece = 0; piece < pieces.Length; piece++)
            {
                if (piece > 0)
                {
                    run.Append(new TabChar());
                }

                if (pieces[piece].Length > 0)
                {
                    run.Append(PlainText(pieces[piece]));
                }
            }
        }
    }

    // Without xml:space="preserve" Word drops leading and trailing spaces and folds runs of them.
    private static WordText PlainText(string text) =>
        text.Contains(' ', StringComparison.Ordinal)
            ? new WordText(text) { Space = SpaceProcessingModeValues.Preserve }
            : new WordText(text);

    // Text typed or pasted into the web forms can carry control characters (a vertical tab from Word, a stray
    // U+0001) or a lone surrogate; the XML writer would throw on them and the whole report would fail for an
    // invisible character.
    private static string RemoveInvalidXmlCharacters(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                cleaned ??= new StringBuilder(text.Length).Append(text, 0, i);
            }
        }

        return cleaned?.ToString() ?? text;
    }
}
