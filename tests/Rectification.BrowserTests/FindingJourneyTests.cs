using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>
/// A finding's life in the browser, each step by the role that does it, through the pages only: menus, links,
/// forms, buttons and the file chooser. The steps build on each other (<see cref="FindingJourney"/>); each test
/// checks one and runs the ones before it first when no test has yet.
/// </summary>
[Collection(BrowserCollection.Name)]
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed class FindingJourneyTests(BrowserFixture browser, FindingJourney journey) : IClassFixture<FindingJourney>, IAsyncLifetime
{
    private const string Title = "部分学校食堂食材采购票据留存不全";
    private const string Keyword = "食材采购票据留存";
    private const string Ledger = "食材采购票据台账.pdf";
    private const string SelfCheck = "食堂自查报告.pdf";

    private readonly Browsing _browsing = new(browser, journey);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    [Step(1)]
    public async Task Inspector_creates_an_inspection_and_logs_a_finding_assigned_to_unit_A()
    {
        await ReachAsync(JourneyStep.Logged);

        var page = await _browsing.LoginAsync("inspector");
        await page.GotoAsync(journey.FindingUrl);
        await Expect(page.Locator("[data-owning-unit]")).ToHaveTextAsync("嘉祥街道教办");
        await Expect(page.Locator("[data-event='Assigned']")).ToBeVisibleAsync();
    }

    [Fact]
    [Step(2)]
    public async Task Staff_A_uploads_a_PDF_as_evidence()
    {
        await ReachAsync(JourneyStep.EvidenceUploaded);

        var page = await _browsing.LoginAsync("staff.a");
        await page.GotoAsync(journey.FindingUrl);
        var items = page.Locator("#evidence li[data-evidence-id]");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Filter(new() { HasText = Ledger })).ToHaveAttributeAsync("data-review", "Pending");

        // The stored file is the very PDF that went through the file chooser.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-download]", new() { HasText = Ledger }).ClickAsync());
        var saved = Path.Combine(Artifacts.DownloadDirectory, "evidence-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.Equal(Documents.Pdf("Food purchase ledger"), await File.ReadAllBytesAsync(saved));
    }

    [Fact]
    [Step(3)]
    public async Task Head_A_submits_it_for_close_off()
    {
        await ReachAsync(JourneyStep.Submitted);

        var page = await _browsing.LoginAsync("head.a");
        await page.GotoAsync(journey.FindingUrl);
        Assert.Equal("Submitted", await page.StatusAsync());
        await Expect(page.Locator("[data-event='Submitted']")).ToBeVisibleAsync();
    }

    [Fact]
    [Step(4)]
    public async Task Inspector_rejects_one_evidence_item_and_returns_the_finding()
    {
        await ReachAsync(JourneyStep.Returned);

        // Unit A reads why.
        var page = await _browsing.LoginAsync("head.a");
        await page.GotoAsync(journey.FindingUrl);
        Assert.Equal("Returned", await page.StatusAsync());
        await Expect(page.Locator("[data-event='Returned']")).ToContainTextAsync("自查报告缺少负责人签字");
        var rejected = page.Locator("li[data-evidence-id]", new() { HasText = SelfCheck });
        await Expect(rejected).ToHaveAttributeAsync("data-review", "Rejected");
        await Expect(rejected).ToContainTextAsync("请补充签字");
        await Expect(page.Locator("li[data-evidence-id]", new() { HasText = Ledger })).ToHaveAttributeAsync("data-review", "Accepted");
    }

    [Fact]
    [Step(5)]
    public async Task Head_A_resubmits_and_the_inspector_closes_it_off()
    {
        await ReachAsync(JourneyStep.Approved);

        var page = await _browsing.LoginAsync("head.a");
        await page.GotoAsync(journey.FindingUrl);
        Assert.Equal("Closed", await page.StatusAsync());
        await Expect(page.Locator("[data-event='Approved']")).ToContainTextAsync("材料齐全,同意销号");
        await Expect(page.Locator("li[data-evidence-id][data-review='Accepted']")).ToHaveCountAsync(2);
        Assert.Empty(await page.Locator("form[data-action]").AllAsync());
    }

    [Fact]
    [Step(6)]
    public async Task Leader_sees_the_dashboard_figures_and_the_light_change()
    {
        await ReachAsync(JourneyStep.Approved);

        var leader = await _browsing.LoginAsync("leader");
        await leader.FollowAsync(leader.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "进展看板" }));
        var before = journey.DashboardBefore!;
        var after = await DashboardFigures.ReadAsync(leader);

        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Closed + 1, after.Closed);
        Assert.Equal(before.Light("Yellow") - 1, after.Light("Yellow"));
        Assert.Equal(before.Light("ClosedOnTime") + 1, after.Light("ClosedOnTime"));
        Assert.Equal(before.Light("Red"), after.Light("Red"));
        Assert.Equal(before.Light("Green"), after.Light("Green"));

        // The finding's own light: yellow (due within a week) while open, closed on time now.
        Assert.Equal("Yellow", journey.LightBefore);
        await leader.GotoAsync(journey.FindingUrl);
        await Expect(leader.Locator("h1.page-title ~ [data-light]")).ToHaveAttributeAsync("data-light", "ClosedOnTime");
        Assert.Empty(await leader.Locator("form[data-action]").AllAsync());
    }

    [Fact]
    [Step(7)]
    public async Task Staff_B_cannot_find_the_finding_by_any_means_the_pages_offer()
    {
        await ReachAsync(JourneyStep.Logged);

        var page = await _browsing.LoginAsync("staff.b");

        // Not in the list…
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await Expect(page.Locator("[data-total]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = Title }).CountAsync());

        // …nor found by its words…
        await page.Locator("#Text").FillAsync(Keyword);
        await page.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "筛选" }));
        await Expect(page.Locator("[data-total]")).ToHaveAttributeAsync("data-total", "0");

        // …nor on the dashboard, nor is there a review queue to look in…
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "进展看板" }));
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = Title }).CountAsync());
        Assert.Equal(0, await page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "待审核" }).CountAsync());

        // …and its address, typed in, is not found (404), like any id that does not exist.
        var response = await page.GotoAsync(journey.FindingUrl);
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        Assert.DoesNotContain(Title, await page.ContentAsync(), StringComparison.Ordinal);
        var evidence = await page.GotoAsync($"/Evidence/Upload?findingId={journey.FindingId}");
        Assert.Equal((int)HttpStatusCode.NotFound, evidence!.Status);
    }

    [Fact]
    [Step(8)]
    public async Task The_ledger_export_downloads_as_Excel_and_CSV_with_the_finding()
    {
        await ReachAsync(JourneyStep.Logged);

        var page = await _browsing.LoginAsync("inspector");
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await page.Locator("#Text").FillAsync(Keyword);
        await page.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "筛选" }));
        await Expect(page.Locator("[data-total]")).ToHaveAttributeAsync("data-total", "1");

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-export='xlsx']").ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        var xlsxPath = Path.Combine(Artifacts.DownloadDirectory, "ledger.xlsx");
        await xlsx.SaveAsAsync(xlsxPath);
        using (var workbook = ZipFile.OpenRead(xlsxPath))
        {
            Assert.NotNull(workbook.GetEntry("xl/workbook.xml"));
            var xml = new StringBuilder();
            foreach (var entry in workbook.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                xml.Append(await reader.ReadToEndAsync());
            }

            Assert.Contains(Title, xml.ToString(), StringComparison.Ordinal);
        }

        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-export='csv']").ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.OrdinalIgnoreCase);
        var csvPath = Path.Combine(Artifacts.DownloadDirectory, "ledger.csv");
        await csv.SaveAsAsync(csvPath);
        var text = await File.ReadAllTextAsync(csvPath, Encoding.UTF8);
        Assert.StartsWith("序号,问题类别,", text, StringComparison.Ordinal);
        Assert.Contains(Title, text, StringComparison.Ordinal);
        Assert.Contains("嘉祥街道教办", text, StringComparison.Ordinal);
        // Only the finding the filtered list shows: one record, numbered 1.
        Assert.DoesNotContain("\n2,", text, StringComparison.Ordinal);
    }

    private Task ReachAsync(JourneyStep step) => journey.Steps.ReachAsync(step, RunAsync);

    private Task RunAsync(JourneyStep step) => step switch
    {
        JourneyStep.Logged => LogAsync(),
        JourneyStep.LeaderSawOpen => LeaderLooksBeforeAsync(),
        JourneyStep.EvidenceUploaded => UploadAsync(),
        JourneyStep.Submitted => SubmitAsync(),
        JourneyStep.Returned => ReturnAsync(),
        JourneyStep.Approved => ResubmitAndApproveAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>1. The inspector creates an inspection of unit A, logs a finding and hands it over (交办).</summary>
    private async Task LogAsync()
    {
        var page = await _browsing.LoginAsync("inspector");
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "巡察", Exact = true }));
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "新建巡察" }));
        await page.Locator("#Input_Title").FillAsync("县委第三巡察组巡察嘉祥街道教办");
        await page.Locator("#Input_TeamName").FillAsync("县委第三巡察组");
        await page.Locator("#Input_InspectedUnitId").SelectContainingAsync("嘉祥街道教办");
        await page.Locator("#Input_InspectionStart").FillAsync("2026-09-01");
        await page.Locator("#Input_InspectionEnd").FillAsync("2026-09-30");
        await page.Locator("#Input_FeedbackDate").FillAsync("2026-11-20");
        await page.SaveScreenshotAsync("inspection-form");
        await page.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        Assert.Contains("/Inspections/Details/", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1.page-title")).ToHaveTextAsync("县委第三巡察组巡察嘉祥街道教办");

        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "登记问题" }));
        var category = await page.Locator("#Input_CategoryId option:not([value=''])").First.GetAttributeAsync("value");
        await page.Locator("#Input_CategoryId").SelectOptionAsync(category!);
        await page.Locator("#Input_Kind").SelectOptionAsync("ByDeadline");
        await page.Locator("#Input_Title").FillAsync(Title);
        await page.Locator("#Input_Description").FillAsync("抽查发现3所学校食堂食材采购未留存票据,台账记录不完整。");
        await page.Locator("#Input_OwningUnitId").SelectContainingAsync("嘉祥街道教办");
        await page.Locator("#Input_Deadline").FillAsync("2026-12-05");
        await page.SaveScreenshotAsync("finding-form");
        await page.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        Assert.Contains("/Findings/Details/", page.Url, StringComparison.Ordinal);
        Assert.Equal("Draft", await page.StatusAsync());

        await page.ActAsync("Assign");
        Assert.Equal("Assigned", await page.StatusAsync());
        journey.FindingId = page.IdFromUrl();
        journey.FindingUrl = new Uri(page.Url).AbsolutePath;
    }

    /// <summary>6a. The leader looks at the dashboard and the finding while it is open.</summary>
    private async Task LeaderLooksBeforeAsync()
    {
        var page = await _browsing.LoginAsync("leader");
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "进展看板" }));
        journey.DashboardBefore = await DashboardFigures.ReadAsync(page);
        await page.GotoAsync(journey.FindingUrl);
        journey.LightBefore = await page.Locator("h1.page-title ~ [data-light]").GetAttributeAsync("data-light");
    }

    /// <summary>2. Head A claims the finding (认领); staff A records the measures and uploads two PDFs as evidence.</summary>
    private async Task UploadAsync()
    {
        var head = await _browsing.LoginAsync("head.a");
        await head.FollowAsync(head.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await head.FollowAsync(head.GetByRole(AriaRole.Link, new() { Name = Title }));
        await head.ActAsync("Claim");
        Assert.Equal("InProgress", await head.StatusAsync());

        var staff = await _browsing.LoginAsync("staff.a");
        await staff.FollowAsync(staff.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await staff.FollowAsync(staff.GetByRole(AriaRole.Link, new() { Name = Title }));
        await staff.FollowAsync(staff.GetByRole(AriaRole.Link, new() { Name = "更新整改进展" }));
        if (await staff.Locator("#measure-rows textarea").CountAsync() == 0)
        {
            await staff.GetByRole(AriaRole.Button, new() { Name = "添加措施" }).ClickAsync();
        }

        await staff.Locator("#measure-rows textarea").First.FillAsync("建立食材采购票据台账,逐校补齐票据");
        await staff.Locator("#measure-rows tr[data-row]").First.Locator("input[type=date][name$='DoneDate']").FillAsync("2026-11-28");
        await staff.Locator("#Input_RectificationSummary").FillAsync("建立了食材采购票据台账,逐校开展自查,补齐了票据。");
        await staff.SubmitAsync(staff.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        Assert.Equal(string.Empty, await staff.ErrorsAsync());
        await Expect(staff.Locator("[data-summary]")).ToContainTextAsync("建立了食材采购票据台账");

        await staff.FollowAsync(staff.Locator("#evidence").GetByRole(AriaRole.Link, new() { Name = "上传佐证材料" }));
        await staff.Locator("#Input_Description").FillAsync("食材采购票据台账及食堂自查报告");
        await staff.Locator("#Input_EvidenceDate").FillAsync("2026-11-28");
        await staff.Locator("#files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = Ledger, MimeType = "application/pdf", Buffer = Documents.Pdf("Food purchase ledger") },
            new FilePayload { Name = SelfCheck, MimeType = "application/pdf", Buffer = Documents.Pdf("Canteen self-check report") },
        });
        await staff.SaveScreenshotAsync("evidence-upload");
        await staff.SubmitAsync(staff.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }));
        Assert.Equal(string.Empty, await staff.ErrorsAsync());
        Assert.Contains("/Findings/Details/", staff.Url, StringComparison.Ordinal);
        await Expect(staff.Locator("#evidence li[data-evidence-id]")).ToHaveCountAsync(2);

        // Staff record and upload; submitting is the head's.
        Assert.Equal(0, await staff.Locator("form[data-action='Submit']").CountAsync());
    }

    /// <summary>3. Head A submits the finding for close-off (申请销号).</summary>
    private async Task SubmitAsync()
    {
        var head = await _browsing.LoginAsync("head.a");
        await head.FollowAsync(head.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await head.FollowAsync(head.GetByRole(AriaRole.Link, new() { Name = Title }));
        await head.ActAsync("Submit", "已完成整改,申请销号");
        Assert.Equal("Submitted", await head.StatusAsync());
    }

    /// <summary>4. The inspector finds it in the review queue, accepts one item, rejects the other and returns it.</summary>
    private async Task ReturnAsync()
    {
        var page = await _browsing.LoginAsync("inspector");
        await page.FollowAsync(page.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "待审核" }));
        await page.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = Title }));

        await ReviewAsync(page, Ledger, accept: true, note: null);
        await ReviewAsync(page, SelfCheck, accept: false, note: "自查报告未签字,请补充签字");
        await page.SaveScreenshotAsync("finding-review");
        await page.ActAsync("Return", "自查报告缺少负责人签字,请补充后重新申请");
        Assert.Equal("Returned", await page.StatusAsync());
    }

    /// <summary>5. Head A starts again, uploads a signed version of the rejected item and resubmits; the inspector closes it off (销号).</summary>
    private async Task ResubmitAndApproveAsync()
    {
        var head = await _browsing.LoginAsync("head.a");
        await head.FollowAsync(head.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "问题台账" }));
        await head.FollowAsync(head.GetByRole(AriaRole.Link, new() { Name = Title }));
        await head.ActAsync("Start");
        var rejected = head.Locator("li[data-evidence-id]", new() { HasText = SelfCheck });
        await head.FollowAsync(rejected.GetByRole(AriaRole.Link, new() { Name = "上传新版本" }));
        await head.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "食堂自查报告(已签字).pdf",
            MimeType = "application/pdf",
            Buffer = Documents.Pdf("Canteen self-check report, signed"),
        });
        await head.SubmitAsync(head.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }));
        Assert.Equal(string.Empty, await head.ErrorsAsync());
        await head.ActAsync("Submit", "已补充签字,再次申请销号");
        Assert.Equal("Submitted", await head.StatusAsync());

        var inspector = await _browsing.LoginAsync("inspector");
        await inspector.FollowAsync(inspector.Locator("#main-nav").GetByRole(AriaRole.Link, new() { Name = "待审核" }));
        await inspector.FollowAsync(inspector.GetByRole(AriaRole.Link, new() { Name = Title }));
        await ReviewAsync(inspector, "已签字", accept: true, note: "已补充签字");
        await inspector.ActAsync("Approve", "材料齐全,同意销号");
        Assert.Equal("Closed", await inspector.StatusAsync());
        await inspector.SaveScreenshotAsync("finding-closed");
    }

    private static async Task ReviewAsync(IPage page, string fileName, bool accept, string? note)
    {
        var item = page.Locator("li[data-evidence-id]", new() { HasText = fileName });
        if (note is not null)
        {
            await item.Locator("input[name='note']").FillAsync(note);
        }

        await page.SubmitAsync(item.Locator($"button[name='decision'][value='{(accept ? "accept" : "reject")}']"));
        Assert.Equal(string.Empty, await page.ErrorsAsync());
        await Expect(page.Locator("li[data-evidence-id]", new() { HasText = fileName }))
            .ToHaveAttributeAsync("data-review", accept ? "Accepted" : "Rejected");
    }
}

public enum JourneyStep
{
    Logged,
    LeaderSawOpen,
    EvidenceUploaded,
    Submitted,
    Returned,
    Approved,
}

/// <summary>The journey's app, and what its steps leave for the next.</summary>
public sealed class FindingJourney : BrowserApp
{
    public Steps<JourneyStep> Steps { get; } = new();

    public int FindingId { get; set; }

    public string FindingUrl { get; set; } = string.Empty;

    public DashboardFigures? DashboardBefore { get; set; }

    public string? LightBefore { get; set; }
}

/// <summary>The leader's dashboard figures: totals and the count of each light.</summary>
public sealed record DashboardFigures(int Total, int Closed, IReadOnlyDictionary<string, int> Lights)
{
    public int Light(string light) => Lights.GetValueOrDefault(light);

    public static async Task<DashboardFigures> ReadAsync(IPage page)
    {
        static int Number(string? text) => int.Parse(text ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        var total = Number(await page.Locator("[data-stat='total'] a.figure").GetAttributeAsync("data-count"));
        var closed = Number(await page.Locator("[data-stat='closed'] a.figure").GetAttributeAsync("data-count"));
        var lights = new Dictionary<string, int>();
        foreach (var row in await page.Locator("#lights-table tr[data-light]").AllAsync())
        {
            lights[(await row.GetAttributeAsync("data-light"))!] = Number(await row.Locator("td[data-value]").GetAttributeAsync("data-value"));
        }

        return new DashboardFigures(total, closed, lights);
    }
}
