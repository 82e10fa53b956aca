using Rectification.Core.Ledger;
using Rectification.Core.Ledger.Word;
using Rectification.Tests.Shared;

namespace Rectification.UnitTests;

/// <summary>
/// Recognising categories and findings in real .docx files built in each layout offices use, and refusing what
/// must not be read (macros, zip bombs, files that are not Word documents).
/// </summary>
public sealed class FeedbackRecogniserTests
{
    private static readonly LedgerImportTarget s_target = new(1, "巡察", new DateOnly(2026, 6, 1), new DateOnly(2026, 9, 1), "县教育和体育局", FeedbackDocuments.Categories);

    private static IReadOnlyList<FeedbackItem> Recognise(byte[] docx) => FeedbackRecogniser.Recognise(WordPackage.ReadBlocks(new MemoryStream(docx)));

    [Fact]
    public void The_reference_reports_section_two_gives_24_findings_in_4_categories()
    {
        var items = Recognise(FeedbackDocuments.Reference());

        Assert.Equal(24, items.Count);
        Assert.Equal([10, 6, 7, 1], items.GroupBy(i => i.Category).Select(g => g.Count()));
        Assert.Equal(Enumerable.Range(1, 24), items.Select(i => i.Sequence));
        Assert.Equal(Enumerable.Range(1, 10), items.Take(10).Select(i => i.Ordinal));
        Assert.StartsWith("贯彻党的路线方针政策和党中央决策部署方面", items[0].Category, StringComparison.Ordinal);

        // Each finding is its paragraph without 一是; its title the first clause; the single one of (四) has no 一是.
        var feedback = ReferenceReport.Load.Feedback.Where(l => !l.StartsWith('(')).ToList();
        Assert.Equal(feedback[0][2..], items[0].Description);
        Assert.Equal("印发了《县委巡察发现共性问题专项整治方案》,要求对反馈问题即知即改,建立长效机制", items[0].Title);
        Assert.Equal(feedback[^1], items[^1].Description);
        Assert.Equal(1, items[^1].Ordinal);
        Assert.All(items, i => Assert.InRange(i.Title.Length, 1, FeedbackRecogniser.TitleLength));
        Assert.All(items, i => Assert.DoesNotMatch("^[一二三四五六七八九十]+是", i.Description));
    }

    [Fact]
    public void The_reference_with_each_categorys_paragraphs_run_together_gives_the_same_findings()
    {
        var separate = Recognise(FeedbackDocuments.Reference());
        var together = Recognise(FeedbackDocuments.ReferenceRunTogether());

        Assert.Equal(separate.Select(i => (i.Category, i.Ordinal, i.Title, i.Description)), together.Select(i => (i.Category, i.Ordinal, i.Title, i.Description)));
    }

    [Fact]
    public void Numbered_findings_typed_or_auto_numbered_are_recognised_and_sub_points_stay_in_their_finding()
    {
        var items = Recognise(FeedbackDocuments.Numbered());

        Assert.Equal(
            [
                (FeedbackDocuments.Categories[0], 1, "理论学习不够深入"),
                (FeedbackDocuments.Categories[0], 2, "意识形态工作责任制落实不到位"),
                (FeedbackDocuments.Categories[0], 3, "党建工作指导督导不到位,基层党组织组织生活不够规范,灯塔平台组织架构不完善"),
                (FeedbackDocuments.Categories[1], 1, "学校食堂财务管理不规范"),
                (FeedbackDocuments.Categories[1], 2, "违规收受礼品礼金问题仍有发生"),
                (FeedbackDocuments.Categories[1], 3, "公务用车管理不严格"),
                (FeedbackDocuments.Categories[2], 1, "发展党员程序不规范"),
                (FeedbackDocuments.Categories[2], 2, "党费收缴不及时"),
            ],
            items.Select(i => (i.Category, i.Ordinal, i.Title)));
        Assert.Equal("意识形态工作责任制落实不到位。具体表现在:\n(1)阵地管理不严格;\n(2)舆情处置不及时。", items[1].Description);
        Assert.Equal("学校食堂财务管理不规范。部分学校食堂账目不清。", items[3].Description);
    }

    [Fact]
    public void A_ledger_table_gives_one_finding_a_row_with_merged_categories_and_its_fields()
    {
        var items = Recognise(FeedbackDocuments.LedgerTable());

        Assert.Equal(
            [
                (FeedbackDocuments.Categories[0], 1), (FeedbackDocuments.Categories[0], 2), (FeedbackDocuments.Categories[1], 1),
                (FeedbackDocuments.Categories[1], 2), (FeedbackDocuments.Categories[1], 3), (FeedbackDocuments.Categories[3], 1),
            ],
            items.Select(i => (i.Category, i.Ordinal)));
        Assert.Equal("理论学习不够深入", items[0].Title);
        Assert.Equal("1.制定学习计划\n2.每月集中学习", items[0].Fields[LedgerColumns.Measures.Key]);
        Assert.Equal(("县教育和体育局", "张志强", "马德胜", "2026年9月底"),
            (items[0].Fields[LedgerColumns.OwningUnit.Key], items[0].Fields[LedgerColumns.Leader.Key], items[0].Fields[LedgerColumns.Person.Key], items[0].Fields[LedgerColumns.Deadline.Key]));
    }

    [Fact]
    public void A_ledger_tables_rows_become_ledger_rows_with_deadlines_and_kinds_as_offices_write_them()
    {
        var (file, error) = FeedbackDocumentReader.Read(new MemoryStream(FeedbackDocuments.LedgerTable()), s_target);

        Assert.Null(error);
        Assert.True(file!.Correctable);
        var rows = file.Rows;
        Assert.Equal([1, 2, 3, 4, 5, 6], rows.Select(r => r.RowNumber));
        Assert.Equal(
            [("2026-09-30", ""), ("", "长期坚持"), ("2026-12-31", ""), ("", "立行立改"), ("2026年10月31日", ""), ("", "")],
            rows.Select(r => (r.Cell(LedgerColumns.Deadline), r.Cell(LedgerColumns.Kind))));
        Assert.Equal(("理论学习不够深入", "理论学习不够深入。局党组理论学习中心组学习计划性不强。"), LedgerCells.SplitDescription(rows[0].Cell(LedgerColumns.Description)));
    }

    [Fact]
    public void Report_headings_are_matched_to_the_inspections_categories_and_the_unit_defaults_to_the_inspected_one()
    {
        var (file, error) = FeedbackDocumentReader.Read(new MemoryStream(FeedbackDocuments.Reference()), s_target);

        Assert.Null(error);
        Assert.Equal(FeedbackDocuments.Categories, file!.Rows.Select(r => r.Cell(LedgerColumns.Category)).Distinct());
        Assert.All(file.Rows, r => Assert.Equal("县教育和体育局", r.Cell(LedgerColumns.OwningUnit)));
        Assert.Equal("不在本次巡察中的类别", FeedbackDocumentReader.MatchCategory("(五)不在本次巡察中的类别", FeedbackDocuments.Categories));
    }

    [Fact]
    public void A_document_without_findings_is_refused_with_a_message()
    {
        var (file, error) = FeedbackDocumentReader.Read(new MemoryStream(FeedbackDocuments.NoFindings()), s_target);

        Assert.Null(file);
        Assert.StartsWith("文档中没有识别出问题。", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_macro_enabled_document_is_refused_whatever_its_name()
    {
        var (file, error) = FeedbackDocumentReader.Read(new MemoryStream(FeedbackDocuments.MacroEnabled()), s_target);

        Assert.Null(file);
        Assert.Equal(WordPackage.MacroMessage, error!.Message);
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_the_size_cap_without_reading_it_into_memory()
    {
        var bomb = FeedbackDocuments.ZipBomb();
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var (file, error) = FeedbackDocumentReader.Read(new MemoryStream(bomb), s_target);

        Assert.Null(file);
        Assert.Equal(WordPackage.TooLargeMessage, error!.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 * 1024 * 1024, "The part was read into memory.");
    }

    [Theory]
    [InlineData("一", 1)]
    [InlineData("十", 10)]
    [InlineData("十一", 11)]
    [InlineData("二十", 20)]
    [InlineData("二十四", 24)]
    public void Chinese_ordinals_read_back(string text, int value) => Assert.Equal(value, Rectification.Core.Text.ChineseNumerals.FromChinese(text));
}
