using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Ledger.Word;
using Rectification.IntegrationTests.Infrastructure;
using Rectification.UnitTests;

namespace Rectification.IntegrationTests;

/// <summary>
/// Importing the feedback from a Word document: upload → preview → correct a row → confirm, through the same checks
/// and confirmation as the spreadsheet ledger; every refusal leaves nothing behind.
/// </summary>
public sealed class WordImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UploadForm = "form[action^='/Ledger/Import']";
    private const string ConfirmForm = "form[action^='/Ledger/Confirm']";
    private const string RowForm = "form[data-row-form]";

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "反馈意见.docx", [.. "PK\u0003\u0004"u8, .. new byte[600]], "文件不是有效的 Word(.docx)文档。" },
        { "反馈意见.docm", FeedbackDocuments.MacroEnabled(), WordPackage.MacroMessage },
        { "反馈意见.docx", FeedbackDocuments.MacroEnabled(), WordPackage.MacroMessage },
        { "反馈意见.docx", SampleFiles.Pdf(), "文件不是有效的 Word(.docx)文档。" },
        { "反馈意见.docx", LedgerFiles.Xlsx([["1", StandardCategories.Names[0], "表格里的问题", "", "", "县教育和体育局"]]), "文件不是有效的 Word(.docx)文档。" },
        { "反馈意见.docx", LedgerFiles.Encrypted(), "文件设置了打开密码(已加密),无法读取。请在 Word 中取消密码后重新保存,再导入。" },
        { "反馈意见.docx", FeedbackDocuments.NoFindings(), "文档中没有识别出问题。" },
        { "反馈意见.docx", FeedbackDocuments.ZipBomb(), WordPackage.TooLargeMessage },
    };

    [Fact]
    public async Task A_feedback_document_is_previewed_corrected_row_by_row_and_confirmed_as_drafts()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");

        var preview = await PreviewAsync(inspector, inspectionId, "反馈意见.docx", FeedbackDocuments.Reference());
        Assert.Equal(Enumerable.Range(1, 24), RowNumbers(preview));
        Assert.Empty(await FindingIdsAsync(inspectionId));

        // A correction that fails a check is shown with its row and column and saves nothing.
        var batchId = BatchId(preview);
        var before = await BatchRowsAsync(batchId);
        var form = await inspector.GetPageAsync($"/Ledger/EditRow/{batchId}?row=24");
        Assert.Equal(StandardCategories.Names[3], ((IHtmlSelectElement)form.QuerySelector("select[name='Input.Category']")!).Value);
        var refused = await inspector.SubmitAsync(form, RowForm, new() { ["Input.OwningUnit"] = "不存在的单位" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("[data-row='24'][data-column='责任单位']", (await AppClient.ParseAsync(refused)).QuerySelectorAll("[data-ledger-error]").Select(e => $"[data-row='{e.GetAttribute("data-row")}'][data-column='{e.GetAttribute("data-column")}']"));
        Assert.Equal(before, await BatchRowsAsync(batchId));

        var corrected = await inspector.SubmitAsync(form, RowForm, new()
        {
            ["Input.Category"] = StandardCategories.Names[2],
            ["Input.Title"] = "召开整改落实工作会议",
            ["Input.OwningUnit"] = "嘉祥街道教办",
            ["Input.Leader"] = "张志强",
            ["Input.Deadline"] = "2026-09-30",
        });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        preview = await inspector.GetPageAsync(corrected.Headers.Location!.OriginalString);
        Assert.Contains("召开整改落实工作会议", preview.QuerySelector("tr[data-preview-row='24']")!.TextContent, StringComparison.Ordinal);

        var confirmed = await inspector.SubmitAsync(preview, ConfirmForm);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var findings = await app.WithDatabaseAsync(db => db.Findings.AsNoTracking()
            .Include(f => f.Category).Include(f => f.OwningUnit).Include(f => f.ResponsibleLeader).Include(f => f.Events)
            .Where(f => f.InspectionId == inspectionId).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(24, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingStatus.Draft, f.Status));
        Assert.Equal([10, 6, 8], findings.GroupBy(f => f.Category!.Ordinal).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(Enumerable.Range(1, 10), findings.Where(f => f.Category!.Ordinal == 1).Select(f => f.Ordinal));
        var moved = findings[^1];
        Assert.Equal(("召开整改落实工作会议", StandardCategories.Names[2], 8, "嘉祥街道教办", "张志强", new DateOnly(2026, 9, 30)),
            (moved.Title, moved.Category!.Name, moved.Ordinal, moved.OwningUnit!.Name, moved.ResponsibleLeader!.DisplayName, moved.Deadline!.Value));
        Assert.StartsWith("2023年2月9日,召开全县教育财务暨县委巡察整改落实工作会议", moved.Description, StringComparison.Ordinal);
        Assert.Equal("印发了《县委巡察发现共性问题专项整治方案》,要求对反馈问题即知即改,建立长效机制", findings[0].Title);
        Assert.All(findings.Take(23), f => Assert.Equal("县教育和体育局", f.OwningUnit!.Name));
        Assert.Equal("从台账导入:文件“反馈意见.docx”第1行。", findings[0].Events.Single().Comment);

        var ids = findings.Select(f => f.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(24, await app.WithDatabaseAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Finding) && e.Action == AuditActions.Create && ids.Contains(e.EntityId!))));
    }

    [Fact]
    public async Task A_ledger_table_in_word_keeps_its_units_people_measures_and_deadlines()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");

        var preview = await PreviewAsync(inspector, inspectionId, "整改台账.docx", FeedbackDocuments.LedgerTable());
        Assert.Equal(Enumerable.Range(1, 6), RowNumbers(preview));
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(preview, ConfirmForm)).StatusCode);

        var findings = await app.WithDatabaseAsync(db => db.Findings.AsNoTracking()
            .Include(f => f.Category).Include(f => f.OwningUnit).Include(f => f.ResponsibleLeader).Include(f => f.ResponsiblePerson).Include(f => f.Measures)
            .Where(f => f.InspectionId == inspectionId).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (4, 1)], findings.Select(f => (f.Category!.Ordinal, f.Ordinal)));
        var first = findings[0];
        Assert.Equal(("理论学习不够深入", "张志强", "马德胜", new DateOnly(2026, 9, 30), FindingKind.ByDeadline),
            (first.Title, first.ResponsibleLeader!.DisplayName, first.ResponsiblePerson!.DisplayName, first.Deadline!.Value, first.Kind));
        Assert.Equal(["制定学习计划", "每月集中学习"], first.Measures.OrderBy(m => m.Ordinal).Select(m => m.Description));
        Assert.Equal((FindingKind.LongTerm, (DateOnly?)null), (findings[1].Kind, findings[1].Deadline));
        Assert.Equal(("嘉祥街道教办", FindingKind.Immediate), (findings[3].OwningUnit!.Name, findings[3].Kind));
        Assert.Equal(new DateOnly(2026, 10, 31), findings[4].Deadline);
    }

    [Fact]
    public async Task Rows_that_fail_the_checks_are_kept_for_correction_and_nothing_is_imported_until_every_row_passes()
    {
        var inspectionId = await CreateInspectionAsync();
        var document = FeedbackDocuments.Build(
        [
            FeedbackDocuments.Paragraph("(一)本次巡察没有的类别"),
            FeedbackDocuments.Paragraph("1.第一个问题。描述一。"),
            FeedbackDocuments.Paragraph("2.第二个问题。描述二。"),
        ]);
        using var inspector = await app.LoginAsync("inspector");

        var upload = await UploadAsync(inspector, inspectionId, "反馈意见.docx", document);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await AppClient.ParseAsync(await inspector.GetAsync(previewUrl));
        Assert.Equal([(1, "问题类别"), (2, "问题类别")], Errors(preview));
        Assert.Null(preview.QuerySelector(ConfirmForm));
        var batchId = previewUrl.Split('/').Last();
        var confirm = await inspector.PostAsync($"/Ledger/Confirm/{batchId}", [], $"/Ledger/Import?inspectionId={inspectionId}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirm.StatusCode);
        Assert.Empty(await FindingIdsAsync(inspectionId));

        foreach (var row in new[] { 1, 2 })
        {
            var link = preview.QuerySelector($"a[data-edit-row='{row}']")!.GetAttribute("href")!;
            var form = await inspector.GetPageAsync(link);
            var saved = await inspector.SubmitAsync(form, RowForm, new() { ["Input.Category"] = StandardCategories.Names[1] });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            if (row == 1)
            {
                Assert.Equal([(2, "问题类别")], Errors(await AppClient.ParseAsync(await inspector.GetAsync(previewUrl))));
            }
        }

        preview = await inspector.GetPageAsync(previewUrl);
        Assert.Empty(Errors(preview));
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(preview, ConfirmForm)).StatusCode);
        Assert.Equal(["第一个问题", "第二个问题"], await app.WithDatabaseAsync(db =>
            db.Findings.Where(f => f.InspectionId == inspectionId && f.Category!.Name == StandardCategories.Names[1]).OrderBy(f => f.Ordinal).Select(f => f.Title).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_no_usable_word_document_gets_a_clear_message_and_nothing_is_saved(string fileName, byte[] content, string message)
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");

        var response = await UploadAsync(inspector, inspectionId, fileName, content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await AppClient.ParseAsync(response)).QuerySelectorAll("[data-ledger-error]"));
        Assert.StartsWith(message, error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.False(await app.WithDatabaseAsync(db => db.LedgerImports.AnyAsync(b => b.InspectionId == inspectionId)));
        Assert.Empty(await FindingIdsAsync(inspectionId));
    }

    [Fact]
    public async Task Only_the_user_who_uploaded_may_correct_a_row_and_others_change_nothing()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");
        var preview = await PreviewAsync(inspector, inspectionId, "反馈意见.docx", FeedbackDocuments.LedgerTable());
        var batchId = BatchId(preview);
        var before = await BatchRowsAsync(batchId);
        var fields = new Dictionary<string, string> { ["Input.RowNumber"] = "1", ["Input.Category"] = StandardCategories.Names[1], ["Input.Title"] = "越权修改", ["Input.OwningUnit"] = "县教育和体育局" };

        using var head = await app.LoginAsync("head.a");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/Ledger/EditRow/{batchId}?row=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync($"/Ledger/EditRow/{batchId}", fields)).StatusCode);
        // Another inspection-office user of the same county: someone else's batch does not exist.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var colleague = new AppUser { UserName = "inspector.word", DisplayName = "第二巡察员", UnitId = await app.UnitIdAsync("JX") };
            Assert.True((await users.CreateAsync(colleague, Demo.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(colleague, Roles.InspectionOffice)).Succeeded);
        }

        using var other = await app.LoginAsync("inspector.word");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Ledger/EditRow/{batchId}?row=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/Ledger/EditRow/{batchId}", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/Ledger/EditRow/{batchId}?row=99")).StatusCode);

        Assert.Equal(before, await BatchRowsAsync(batchId));
    }

    [Fact]
    public async Task The_sample_document_on_the_import_page_is_recognised_in_full()
    {
        var inspectionId = await CreateInspectionAsync();
        using var inspector = await app.LoginAsync("inspector");
        var page = await inspector.GetPageAsync($"/Ledger/Import?inspectionId={inspectionId}");
        var sample = await inspector.GetAsync(page.QuerySelector("a[data-sample-link]")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, sample.StatusCode);

        var preview = await PreviewAsync(inspector, inspectionId, FeedbackSample.FileName, await sample.Content.ReadAsByteArrayAsync());

        Assert.Equal(Enumerable.Range(1, 24), RowNumbers(preview));
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, int inspectionId, string fileName, byte[] content)
    {
        var page = await client.GetPageAsync($"/Ledger/Import?inspectionId={inspectionId}");
        return await client.UploadAsync(page, UploadForm, [], (fileName, content));
    }

    private static async Task<IHtmlDocument> PreviewAsync(AppClient client, int inspectionId, string fileName, byte[] content)
    {
        var response = await UploadAsync(client, inspectionId, fileName, content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload answered {(int)response.StatusCode}: " + await response.Content.ReadAsStringAsync());
        var preview = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.True(Errors(preview).Count == 0, string.Join(" | ", Errors(preview)));
        return preview;
    }

    private static List<int> RowNumbers(IHtmlDocument preview) =>
        preview.QuerySelectorAll("tr[data-preview-row]").Select(r => int.Parse(r.GetAttribute("data-preview-row")!, CultureInfo.InvariantCulture)).ToList();

    private static List<(int Row, string Column)> Errors(IHtmlDocument page) =>
        page.QuerySelectorAll("tr[data-ledger-error]").Select(e => (int.Parse(e.GetAttribute("data-row")!, CultureInfo.InvariantCulture), e.GetAttribute("data-column")!)).ToList();

    private static string BatchId(IHtmlDocument preview) => preview.QuerySelector(ConfirmForm)!.GetAttribute("action")!.Split('/').Last();

    private Task<string> BatchRowsAsync(string batchId) =>
        app.WithDatabaseAsync(db => db.LedgerImports.IgnoreQueryFilters().Where(b => b.Id == Guid.Parse(batchId)).Select(b => b.Rows).SingleAsync());

    private Task<List<int>> FindingIdsAsync(int inspectionId) =>
        app.WithDatabaseAsync(db => db.Findings.IgnoreQueryFilters().Where(f => f.InspectionId == inspectionId).Select(f => f.Id).ToListAsync());

    private Task<int> CreateInspectionAsync() => app.WithDatabaseAsync(async db =>
    {
        var feedback = new DateOnly(2026, 6, 1);
        var inspection = new Inspection
        {
            Title = "反馈意见导入测试" + Guid.NewGuid().ToString("N")[..8],
            TeamName = "县委第三巡察组",
            InspectedUnitId = await db.Units.Where(u => u.Code == "JX-JTJ").Select(u => u.Id).SingleAsync(),
            InspectionStart = feedback.AddMonths(-3),
            InspectionEnd = feedback.AddMonths(-2),
            FeedbackDate = feedback,
            RectificationDueDate = feedback.AddMonths(3),
            Status = InspectionStatus.Rectifying,
        };
        inspection.Categories.AddRange(StandardCategories.Create());
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync();
        return inspection.Id;
    });
}
