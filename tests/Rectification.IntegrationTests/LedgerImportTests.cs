using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Units;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Importing findings from a ledger file: the template, every validation rule with its row and column, all rows or
/// none, files that are not ledgers at all, who may import, and the round trip export → import.
/// </summary>
public sealed class LedgerImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UploadForm = "form[action^='/Ledger/Import']";
    private static readonly DateOnly s_feedback = new(2026, 6, 1);

    public static TheoryData<string, byte[], string> MalformedFiles => new()
    {
        { "台账.xlsx", SampleFiles.Pdf(), "文件不是有效的 Excel(.xlsx)文件。" },
        { "台账.xlsx", LedgerFiles.Encrypted(), "文件设置了打开密码(已加密),无法读取。" },
        { "台账.xlsx", [], "文件是空的。" },
        { "台账.xls", LedgerFiles.LegacyXls(), "不支持旧版 Excel(.xls)文件" },
        { "台账.xlsx", LedgerFiles.LegacyXls(), "不支持旧版 Excel(.xls)文件" },
        { "台账.xlsx", SampleFiles.Docx(), "无法读取文件内容,文件可能已损坏。" },
        { "台账.xlsx", [.. "PK\u0003\u0004"u8, .. new byte[600]], "无法读取文件内容,文件可能已损坏。" },
        { "台账.pdf", SampleFiles.Pdf(), "只能导入 .xlsx、.csv 或 Word(.docx)文件。" },
        { "台账.csv", SampleFiles.Pdf(), "文件不是有效的 CSV 文本文件。" },
        { "台账.csv", SampleFiles.Docx(), "文件不是有效的 CSV 文本文件。" },
        { "台账.xlsx", LedgerFiles.Xlsx(["姓名", "电话"], [["张三", "123"]]), "未找到表头。" },
        { "台账.xlsx", LedgerFiles.Xlsx(["序号", "问题描述", "整改措施"], [["1", "问题", "措施"]]), "表头缺少必填的列:问题类别、责任单位。" },
        { "台账.xlsx", LedgerFiles.Xlsx([[]]), "文件中没有可导入的问题。" },
        { "台账.csv", LedgerFiles.Csv(["问题类别", "问题描述"], []), "表头缺少必填的列:责任单位。" },
    };

    [Fact]
    public async Task The_template_has_the_header_an_example_row_and_the_instructions()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");

        var response = await inspector.GetAsync($"/Ledger/Template?inspectionId={inspectionId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("巡察整改台账-导入模板.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["巡察整改台账", "填写说明"], MiniExcel.GetSheetNames(stream));
        var ledger = MiniExcel.Query(stream, useHeaderRow: false, sheetName: "巡察整改台账").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(LedgerFiles.Headers, ledger[0].Values.Select(v => (string?)v));
        Assert.Equal("示例", ledger[1]["A"]);
        Assert.Equal(2, ledger.Count);
        var instructions = string.Join("\n", MiniExcel.Query(stream, useHeaderRow: true, sheetName: "填写说明")
            .Cast<IDictionary<string, object?>>().SelectMany(r => r.Values).Select(v => v?.ToString()));
        foreach (var expected in StandardCategories.Names.Concat(["立行立改", "限期整改", "长期坚持", "按姓名匹配", "按单位名称精确匹配", "导入时忽略", "2026年6月1日"]))
        {
            Assert.Contains(expected, instructions, StringComparison.Ordinal);
        }

        // The template, filled in as it comes, imports nothing but says why.
        var upload = await UploadAsync(inspector, inspectionId, "模板.xlsx", stream.ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Contains("文件中没有可导入的问题。", Errors(await AppClient.ParseAsync(upload)).Select(e => e.Message));
    }

    [Fact]
    public async Task Every_rule_reports_each_bad_row_with_its_row_number_and_column_and_nothing_is_imported()
    {
        var inspectionId = await CreateInspectionAsync();
        await AddFindingAsync(inspectionId, "已登记的问题", "已有的描述");
        await AddUserAsync("wang.f1", "王芳", "局办公室副主任", "JX-JTJ-BGS");
        await AddUserAsync("wang.f2", "王芳", "纸坊镇教办主任", "JX-JTJ-ZF");
        await AddUnitAsync("DUP-1", "重名学校", "JX-JTJ-ZF");
        await AddUnitAsync("DUP-2", "重名学校", "JX-JTJ-MC");
        await AddUnitAsync("OLD-1", "已撤销教办", "JX-JTJ", active: false);
        var category = StandardCategories.Names[0];
        object?[] Row(string? description = "有效的问题\n描述", string? unit = "县教育和体育局", string? leader = "张志强", string? person = "孙海燕",
            object? deadline = null, string? kind = "限期整改", string? cat = null, string? department = "办公室") =>
            ["1", cat ?? category, description, "1. 措施一", kind, unit, leader, department, person, deadline ?? new DateTime(2026, 12, 31), null, "整改中", "落实情况", 3, null];
        var file = LedgerFiles.Xlsx(
        [
            Row(),                                                        // 2: valid
            Row(cat: "不存在的方面", description: "类别不对"),               // 3
            Row(unit: "火星教办", description: "单位不存在"),                // 4
            Row(person: "查无此人", description: "人员不存在"),              // 5
            Row(leader: "王芳", description: "人员重名"),                   // 6
            Row(deadline: "2026-02-30", description: "日期不存在"),         // 7
            Row(deadline: new DateTime(2026, 5, 31), description: "早于反馈"), // 8
            Row(description: null, unit: null),                           // 9
            Row(),                                                        // 10: same as row 2
            Row(description: "已登记的问题\n已有的描述"),                     // 11: already in the inspection
            Row(kind: "马上整改", description: "类型不对"),                   // 12
            Row(unit: "重名学校", description: "单位重名"),                   // 13
            Row(department: "不存在的科室", description: "科室不存在"),        // 14
            Row(leader: "王芳(纸坊镇教办主任)", description: "重名但已注明职务"), // 15: valid
            Row(cat: "", description: "未填类别"),                          // 16
            Row(unit: "已撤销教办", description: "单位已停用"),                // 17
        ]);
        using var inspector = await app.LoginAsync("inspector");

        var response = await UploadAsync(inspector, inspectionId, "有错的台账.xlsx", file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = Errors(await AppClient.ParseAsync(response));
        (int Row, string Column, string Message)[] expected =
        [
            (3, "问题类别", "本次巡察没有“不存在的方面”这个问题类别。"),
            (4, "责任单位", "未找到名为“火星教办”的在用单位,或该单位不在您的管理范围内。"),
            (5, "具体责任人", "未找到在用人员“查无此人”,或此人不在您的管理范围内。"),
            (6, "责任领导", "有2位名为“王芳”的人员,请写成“姓名(职务)”以区分,如:王芳(局办公室副主任)、王芳(纸坊镇教办主任)。"),
            (7, "整改时限", "“2026-02-30”不是有效的日期,请填写如 2026-12-31 的日期。"),
            (8, "整改时限", "整改时限(2026年5月31日)不能早于巡察反馈日期(2026年6月1日)。"),
            (9, "问题描述", "请填写问题描述"),
            (9, "责任单位", "请填写责任单位"),
            (10, "问题描述", "与第2行重复(问题类别和问题描述都相同)。"),
            (11, "问题描述", "本次巡察已有同一类别下相同的问题。"),
            (12, "整改类型", "整改类型“马上整改”无效,应为立行立改、限期整改或长期坚持。"),
            (13, "责任单位", "有2个名为“重名学校”的单位,请改填单位编码以区分:DUP-1、DUP-2。"),
            (14, "责任科室", "未找到名为“不存在的科室”的在用单位,或该单位不在您的管理范围内。"),
            (16, "问题类别", "请填写问题类别"),
            (17, "责任单位", "未找到名为“已撤销教办”的在用单位,或该单位不在您的管理范围内。"),
        ];
        Assert.Equal(expected.Select(e => (e.Row, e.Column)), errors.Select(e => (e.Row!.Value, e.Column!)));
        foreach (var (error, want) in errors.Zip(expected))
        {
            Assert.StartsWith(want.Message, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.WithDatabaseAsync(db => db.Findings.CountAsync(f => f.InspectionId == inspectionId)));
        Assert.False(await app.WithDatabaseAsync(db => db.LedgerImports.AnyAsync(b => b.InspectionId == inspectionId)));

        // The same rows as CSV are judged the same way.
        var csv = await UploadAsync(inspector, inspectionId, "有错的台账.csv", LedgerFiles.Csv(LedgerFiles.Headers,
        [
            Row(), Row(cat: "不存在的方面", description: "类别不对"), Row(deadline: "2026-02-30", description: "日期不存在"),
        ]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, csv.StatusCode);
        Assert.Equal([(3, "问题类别"), (4, "整改时限")], Errors(await AppClient.ParseAsync(csv)).Select(e => (e.Row!.Value, e.Column!)));
    }

    [Fact]
    public async Task One_bad_row_imports_nothing_and_the_corrected_file_imports_every_row_as_consecutive_drafts()
    {
        var inspectionId = await CreateInspectionAsync();
        var existing = await AddFindingAsync(inspectionId, "已登记的问题", string.Empty);
        var categories = StandardCategories.Names;
        var good = new List<object?[]>
        {
            new object?[] { "1", categories[0], "第一个问题\n第一个问题的描述", "1. 措施甲\n2. 措施乙\n跨行的补充", "立行立改", "嘉祥街道教办", "张志强", "办公室", "马德胜", new DateTime(2026, 9, 30), null, "已销号", "第一个问题的落实情况", 7, new DateTime(2026, 10, 1) },
            new object?[] { "2", "(二)" + categories[1], "第二个问题", "", "长期坚持", "JX-JTJ-WLS", "", "", "", null, null, "", "", null, null },
            new object?[] { "3", categories[0], "第三个问题", "只有一条措施", "", "嘉祥街道第一小学", "", "", "杨春生(嘉祥街道第一小学校长)", "2026年12月31日", null, "", "", null, null },
        };
        var bad = new object?[] { "4", categories[0], "第四个问题", "", "", "不存在的单位", "", "", "", null, null, "", "", null, null };
        using var inspector = await app.LoginAsync("inspector");

        var refused = await UploadAsync(inspector, inspectionId, "台账.xlsx", LedgerFiles.Xlsx([.. good, bad]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal([(5, "责任单位")], Errors(await AppClient.ParseAsync(refused)).Select(e => (e.Row!.Value, e.Column!)));
        Assert.Equal([existing], await FindingIdsAsync(inspectionId));

        // Rows holding only a 序号, as in a template numbered by hand, are left out.
        var preview = await PreviewAsync(inspector, inspectionId, "台账.xlsx", LedgerFiles.Xlsx([.. good, ["4"], ["5", null, null, null, null, null, null, null, null, null, "整改中"]]));
        Assert.Equal([2, 3, 4], preview.QuerySelectorAll("tr[data-preview-row]").Select(r => int.Parse(r.GetAttribute("data-preview-row")!, CultureInfo.InvariantCulture)));
        Assert.Equal([existing], await FindingIdsAsync(inspectionId));
        var confirmed = await inspector.SubmitAsync(preview, "form[action^='/Ledger/Confirm']");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var result = await inspector.GetPageAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Equal("3", result.QuerySelector("[data-imported-count]")!.GetAttribute("data-imported-count"));

        var findings = await app.WithDatabaseAsync(db => db.Findings.AsNoTracking()
            .Include(f => f.Measures).Include(f => f.Events).Include(f => f.Category).Include(f => f.OwningUnit)
            .Include(f => f.ResponsibleLeader).Include(f => f.ResponsibleDepartment).Include(f => f.ResponsiblePerson)
            .Where(f => f.InspectionId == inspectionId && f.Id != existing).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(3, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingStatus.Draft, f.Status));
        var (first, second, third) = (findings[0], findings[1], findings[2]);
        Assert.Equal(("第一个问题", "第一个问题的描述", categories[0], 2), (first.Title, first.Description, first.Category!.Name, first.Ordinal));
        Assert.Equal(["措施甲", "措施乙\n跨行的补充"], first.Measures.OrderBy(m => m.Ordinal).Select(m => m.Description));
        Assert.Equal((FindingKind.Immediate, "嘉祥街道教办", "张志强", "办公室", "马德胜"),
            (first.Kind, first.OwningUnit!.Name, first.ResponsibleLeader!.DisplayName, first.ResponsibleDepartment!.Name, first.ResponsiblePerson!.DisplayName));
        Assert.Equal(new DateOnly(2026, 9, 30), first.Deadline);
        Assert.Equal("第一个问题的落实情况", first.RectificationSummary);
        Assert.Null(first.ClosedAt);
        var created = Assert.Single(first.Events);
        Assert.Equal(FindingEventKind.Created, created.Kind);
        Assert.Equal("王立新", created.ActorName);
        Assert.Equal("从台账导入:文件“台账.xlsx”第2行。", created.Comment);

        Assert.Equal((categories[1], 1, FindingKind.LongTerm, DemoData.UnitB, (DateOnly?)null), (second.Category!.Name, second.Ordinal, second.Kind, second.OwningUnit!.Code, second.Deadline));
        Assert.Empty(second.Measures);
        Assert.Equal((3, "只有一条措施", FindingKind.ByDeadline, "杨春生", new DateOnly(2026, 12, 31)),
            (third.Ordinal, third.Measures.Single().Description, third.Kind, third.ResponsiblePerson!.DisplayName, third.Deadline!.Value));

        // The same batch again (a second click, the back button) creates nothing more.
        var again = await inspector.SubmitAsync(preview, "form[action^='/Ledger/Confirm']");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(4, (await FindingIdsAsync(inspectionId)).Count);
        // Importing the same file once more is refused: every row now exists.
        var duplicate = await UploadAsync(inspector, inspectionId, "台账.xlsx", LedgerFiles.Xlsx(good));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal(3, Errors(await AppClient.ParseAsync(duplicate)).Count(e => e.Message == "本次巡察已有同一类别下相同的问题。"));
    }

    [Fact]
    public async Task The_confirmation_checks_the_rows_again_and_imports_nothing_when_one_has_gone_bad()
    {
        var inspectionId = await CreateInspectionAsync();
        var unit = await AddUnitAsync("JX-JTJ-TMP", "临时教办", "JX-JTJ");
        var rows = new[]
        {
            new object?[] { "1", StandardCategories.Names[0], "问题甲", "", "", "临时教办" },
            new object?[] { "2", StandardCategories.Names[0], "问题乙", "", "", "县教育和体育局" },
        };
        using var inspector = await app.LoginAsync("inspector");
        var preview = await PreviewAsync(inspector, inspectionId, "台账.xlsx", LedgerFiles.Xlsx(rows));

        await app.WithDatabaseAsync(async db =>
        {
            (await db.Units.SingleAsync(u => u.Id == unit)).IsActive = false;
            await db.SaveChangesAsync();
        });
        var confirmed = await inspector.SubmitAsync(preview, "form[action^='/Ledger/Confirm']");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirmed.StatusCode);
        Assert.Equal([(2, "责任单位")], Errors(await AppClient.ParseAsync(confirmed)).Select(e => (e.Row!.Value, e.Column!)));
        Assert.Empty(await FindingIdsAsync(inspectionId));
    }

    [Fact]
    public async Task A_long_file_name_is_shortened_not_refused()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");
        var file = LedgerFiles.Xlsx([["1", StandardCategories.Names[0], "长文件名的台账", "", "", "县教育和体育局"]]);

        var preview = await PreviewAsync(inspector, inspectionId, new string('长', 300) + ".xlsx", file);
        var confirmed = await inspector.SubmitAsync(preview, "form[action^='/Ledger/Confirm']");

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var comment = await app.WithDatabaseAsync(db => db.FindingEvents.Where(e => e.Finding!.InspectionId == inspectionId).Select(e => e.Comment).SingleAsync());
        Assert.Equal($"从台账导入:文件“{new string('长', 94)}….xlsx”第2行。", comment);
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_file_that_is_no_ledger_gets_a_clear_message_and_422(string fileName, byte[] content, string message)
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");

        var response = await UploadAsync(inspector, inspectionId, fileName, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(Errors(await AppClient.ParseAsync(response)));
        Assert.Null(error.Row);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(await FindingIdsAsync(inspectionId));
    }

    [Fact]
    public async Task A_hundred_thousand_rows_are_refused_with_a_message()
    {
        var inspectionId = await CreateInspectionAsync();
        var rows = Enumerable.Range(1, 100_000).Select(i => (IReadOnlyList<object?>)[i, StandardCategories.Names[0], "问题" + i, "", "", "县教育和体育局"]);
        var file = LedgerFiles.Xlsx(rows);
        using var inspector = await app.LoginAsync("inspector");

        var response = await UploadAsync(inspector, inspectionId, "十万行.xlsx", file);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("文件中的问题超过5000行,请分成几个文件导入。", Assert.Single(Errors(await AppClient.ParseAsync(response))).Message);
        Assert.Empty(await FindingIdsAsync(inspectionId));
    }

    [Fact]
    public async Task A_file_over_ten_megabytes_is_refused_with_a_message()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");

        var response = await UploadAsync(inspector, inspectionId, "太大.xlsx", SampleFiles.Pdf((10 * 1024 * 1024) + 1));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("文件超过了10MB的大小限制。", Assert.Single(Errors(await AppClient.ParseAsync(response))).Message);
    }

    [Fact]
    public async Task Only_the_inspection_office_of_the_inspected_units_scope_may_import()
    {
        var inspectionId = await CreateInspectionAsync();
        var foreignInspection = await CreateInspectionAsync("JX-JTJ-MC");
        var file = LedgerFiles.Xlsx([["1", StandardCategories.Names[0], "越权导入", "", "", "马村镇教办"]]);
        using var inspector = await app.LoginAsync("inspector");
        var preview = await PreviewAsync(inspector, inspectionId, "台账.xlsx", file);
        var batchUrl = preview.QuerySelector("form[action^='/Ledger/Confirm']")!.GetAttribute("action")!;
        var batchId = batchUrl.Split('/').Last();
        var uploadPage = await inspector.GetPageAsync($"/Ledger/Import?inspectionId={inspectionId}");

        // A unit head: not the inspection office at all.
        using var head = await app.LoginAsync("head.a");
        foreach (var url in new[] { $"/Ledger/Import?inspectionId={inspectionId}", $"/Ledger/Template?inspectionId={inspectionId}", $"/Ledger/Preview/{batchId}", $"/Ledger/Imported/{batchId}" })
        {
            Assert.True((await head.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, url);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/Ledger/Confirm/{batchId}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.UploadAsync(uploadPage, UploadForm, [], ("台账.xlsx", file))).StatusCode);

        // The inspection office of another subtree: the inspection outside it does not exist, the bureau's (which
        // it sees through its own unit's findings) is not its to import into, another user's batch does not exist.
        await AddUserAsync("inspector.wls", "卧龙山巡察联络员", null, DemoData.UnitB, Roles.InspectionOffice);
        using var other = await app.LoginAsync("inspector.wls");
        foreach (var url in new[] { $"/Ledger/Import?inspectionId={foreignInspection}", $"/Ledger/Template?inspectionId={foreignInspection}", $"/Ledger/Preview/{batchId}", $"/Ledger/Imported/{batchId}" })
        {
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/Ledger/Confirm/{batchId}", [])).StatusCode);
        var demoInspection = await app.InspectionIdAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Ledger/Import?inspectionId={demoInspection}")).StatusCode);
        uploadPage.QuerySelector(UploadForm)!.SetAttribute("action", $"/Ledger/Import?inspectionId={foreignInspection}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.UploadAsync(uploadPage, UploadForm, [], ("台账.xlsx", file))).StatusCode);

        // Another inspection-office user of the same county may import, but not confirm someone else's batch.
        await AddUserAsync("inspector.two", "第二巡察员", null, "JX", Roles.InspectionOffice);
        using var colleague = await app.LoginAsync("inspector.two");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Ledger/Preview/{batchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsync($"/Ledger/Confirm/{batchId}", [])).StatusCode);
        Assert.Empty(await FindingIdsAsync(inspectionId));
        Assert.Empty(await FindingIdsAsync(foreignInspection));
    }

    [Fact]
    public async Task The_inspection_page_links_to_import_and_template_for_the_inspection_office_only()
    {
        var inspectionId = await app.InspectionIdAsync();
        using var inspector = await app.LoginAsync("inspector");
        using var leader = await app.LoginAsync("leader");

        var forInspector = await inspector.GetPageAsync($"/Inspections/Details/{inspectionId}");
        var forLeader = await leader.GetPageAsync($"/Inspections/Details/{inspectionId}");

        Assert.NotNull(forInspector.QuerySelector($"a[href='/Ledger/Import?inspectionId={inspectionId}']"));
        Assert.NotNull(forInspector.QuerySelector($"a[href='/Ledger/Template?inspectionId={inspectionId}']"));
        Assert.Null(forLeader.QuerySelector("a[href^='/Ledger/']"));
        var list = await leader.GetPageAsync($"/Findings?InspectionId={inspectionId}&Status=InProgress");
        // The export buttons carry the list's filters.
        Assert.StartsWith($"/Ledger/Export?format=xlsx&InspectionId={inspectionId}&Status=InProgress", list.QuerySelector("a[data-export='xlsx']")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith($"/Ledger/Export?format=csv&InspectionId={inspectionId}&Status=InProgress", list.QuerySelector("a[data-export='csv']")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xlsx", false)]
    [InlineData("csv", false)]
    [InlineData("xlsx", true)]
    [InlineData("csv", true)]
    public async Task Exporting_an_inspection_and_importing_the_file_into_a_new_one_reproduces_its_findings(string format, bool crafted)
    {
        var source = crafted ? await CraftedInspectionAsync() : await app.InspectionIdAsync();
        var target = await CreateInspectionAsync(feedback: new DateOnly(2022, 12, 6));
        using var inspector = await app.LoginAsync("inspector");
        var export = await inspector.GetAsync($"/Ledger/Export?format={format}&InspectionId={source}");
        var bytes = await export.Content.ReadAsByteArrayAsync();

        var preview = await PreviewAsync(inspector, target, "导出的台账." + format, bytes);
        var confirmed = await inspector.SubmitAsync(preview, "form[action^='/Ledger/Confirm']");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var before = await SnapshotAsync(source);
        var after = await SnapshotAsync(target);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before, after);
        Assert.True(await app.WithDatabaseAsync(db => db.Findings.Where(f => f.InspectionId == target).AllAsync(f => f.Status == FindingStatus.Draft)));
    }

    /// <summary>What a round trip must keep of each finding, in ledger order, ordinals included.</summary>
    private Task<List<string>> SnapshotAsync(int inspectionId) => app.WithDatabaseAsync(async db =>
    {
        var findings = await db.Findings.AsNoTracking()
            .Where(f => f.InspectionId == inspectionId)
            .OrderBy(f => f.Category!.Ordinal).ThenBy(f => f.Ordinal)
            .Select(f => new
            {
                Category = f.Category!.Name,
                f.Ordinal,
                f.Title,
                f.Description,
                f.OwningUnitId,
                f.ResponsibleLeaderId,
                f.ResponsibleDepartmentId,
                f.ResponsiblePersonId,
                f.Deadline,
                f.Kind,
                Measures = f.Measures.OrderBy(m => m.Ordinal).Select(m => m.Description).ToList(),
                f.RectificationSummary,
            })
            .ToListAsync();
        return findings.Select(f => string.Join(" | ", f.Category, f.Ordinal, f.Title, f.Description, f.OwningUnitId, f.ResponsibleLeaderId,
            f.ResponsibleDepartmentId, f.ResponsiblePersonId, f.Deadline, f.Kind, string.Join(" / ", f.Measures), f.RectificationSummary)).ToList();
    });

    /// <summary>Findings with what a spreadsheet finds awkward: commas, quotes, line breaks, formula-like text, empty cells.</summary>
    private async Task<int> CraftedInspectionAsync()
    {
        var inspectionId = await CreateInspectionAsync(feedback: new DateOnly(2022, 12, 6));
        await app.WithDatabaseAsync(async db =>
        {
            var categories = await db.FindingCategories.Where(c => c.InspectionId == inspectionId).OrderBy(c => c.Ordinal).ToListAsync();
            var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id);
            var people = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
            var awkward = new Finding
            {
                InspectionId = inspectionId,
                CategoryId = categories[2].Id,
                Ordinal = 1,
                Title = "@提醒:标题含逗号,和\"引号\"",
                Description = "第一段描述,含逗号。\n第二段描述 \"带引号\"\n=SUM(A1:A2) 像公式的一行",
                OwningUnitId = units[DemoData.SchoolA],
                ResponsibleDepartmentId = units["JX-JTJ-AQK"],
                ResponsiblePersonId = people["head.a1"],
                Kind = FindingKind.Immediate,
                RectificationSummary = "-3 开头的落实情况\n第二行",
            };
            awkward.Measures.Add(new Measure { Ordinal = 1, Description = "跨两行的措施\n第二行" });
            awkward.Measures.Add(new Measure { Ordinal = 2, Description = "=1+1 像公式的措施" });
            var plain = new Finding
            {
                InspectionId = inspectionId,
                CategoryId = categories[2].Id,
                Ordinal = 2,
                Title = "只有标题",
                OwningUnitId = units["JX-JTJ"],
                ResponsibleLeaderId = people["deputy2"],
                Deadline = new DateOnly(2027, 1, 31),
                Kind = FindingKind.LongTerm,
            };
            db.Findings.AddRange(awkward, plain);
            await db.SaveChangesAsync();
        });
        return inspectionId;
    }

    /// <summary>Uploads through the import page's own form, as a browser does.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, int inspectionId, string fileName, byte[] content)
    {
        var page = await client.GetPageAsync($"/Ledger/Import?inspectionId={inspectionId}");
        return await client.UploadAsync(page, UploadForm, [], (fileName, content));
    }

    /// <summary>Uploads a file that must pass, and opens its preview.</summary>
    private static async Task<IHtmlDocument> PreviewAsync(AppClient client, int inspectionId, string fileName, byte[] content)
    {
        var response = await UploadAsync(client, inspectionId, fileName, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Upload answered {(int)response.StatusCode}: " + string.Join(" | ", Errors(AppClient.Parse(body)).Select(e => $"{e.Row} {e.Column} {e.Message}")));
        return await client.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    private static List<(int? Row, string? Column, string Message)> Errors(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-ledger-error]")
            .Select(e => (
                e.GetAttribute("data-row") is { Length: > 0 } row ? int.Parse(row, CultureInfo.InvariantCulture) : (int?)null,
                e.GetAttribute("data-column") is { Length: > 0 } column ? column : null,
                (e.HasAttribute("data-error") ? e : e.QuerySelector("[data-error]")!).TextContent.Trim()))
            .ToList();

    private Task<List<int>> FindingIdsAsync(int inspectionId) =>
        app.WithDatabaseAsync(db => db.Findings.Where(f => f.InspectionId == inspectionId).OrderBy(f => f.Id).Select(f => f.Id).ToListAsync());

    private Task<int> CreateInspectionAsync(string inspectedUnitCode = "JX-JTJ", DateOnly? feedback = null) => app.WithDatabaseAsync(async db =>
    {
        var feedbackDate = feedback ?? s_feedback;
        var inspection = new Inspection
        {
            Title = "台账导入测试" + Guid.NewGuid().ToString("N")[..8],
            TeamName = "县委第二巡察组",
            InspectedUnitId = await db.Units.Where(u => u.Code == inspectedUnitCode).Select(u => u.Id).SingleAsync(),
            InspectionStart = feedbackDate.AddMonths(-3),
            InspectionEnd = feedbackDate.AddMonths(-2),
            FeedbackDate = feedbackDate,
            RectificationDueDate = feedbackDate.AddMonths(3),
            Status = InspectionStatus.Rectifying,
        };
        inspection.Categories.AddRange(StandardCategories.Create());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        return inspection.Id;
    });

    private Task<int> AddFindingAsync(int inspectionId, string title, string description) => app.WithDatabaseAsync(async db =>
    {
        var category = await db.FindingCategories.Where(c => c.InspectionId == inspectionId).OrderBy(c => c.Ordinal).FirstAsync();
        var finding = new Finding
        {
            InspectionId = inspectionId,
            CategoryId = category.Id,
            Ordinal = 1,
            Title = title,
            Description = description,
            OwningUnitId = await app.UnitIdAsync("JX-JTJ"),
            Status = FindingStatus.Draft,
        };
        db.Findings.Add(finding);
        await db.SaveChangesAsync();
        return finding.Id;
    });

    private Task<int> AddUnitAsync(string code, string name, string parentCode, bool active = true) => app.WithDatabaseAsync(async db =>
    {
        var parent = await db.Units.SingleAsync(u => u.Code == parentCode);
        var unit = new OrgUnit { Code = code, Name = name, Kind = OrgUnitKind.School, ParentId = parent.Id, IsActive = active };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = UnitPath.Child(parent.Path, unit.Id);
        unit.Depth = UnitPath.DepthOf(unit.Path);
        await db.SaveChangesAsync();
        return unit.Id;
    });

    private async Task AddUserAsync(string userName, string displayName, string? title, string unitCode, string role = Roles.UnitHead)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = displayName, Title = title, UnitId = await app.UnitIdAsync(unitCode) };
        Assert.True((await users.CreateAsync(user, Demo.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}
