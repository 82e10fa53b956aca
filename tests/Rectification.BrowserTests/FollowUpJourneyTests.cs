using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Rectification.BrowserTests.Infrastructure;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Rectification.BrowserTests;

/// <summary>
/// 回头看 in the browser: unit A's liaison finds the follow-up due on the 回头看 list, uploads evidence for it through
/// the file chooser and answers it with a note; the inspection office accepts the answer and the next one appears.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpJourneyTests(BrowserFixture browser, BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private const string Title = "教办值班值守制度长效落实(回头看)";

    private readonly Browsing _browsing = new(browser, app);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _browsing.DisposeAsync().AsTask();

    [Fact]
    public async Task Unit_answers_a_follow_up_with_a_note_and_evidence_and_the_office_accepts_it()
    {
        var today = DateOnly.FromDateTime(AppFactory.Start.DateTime);
        var findingId = await app.WithDatabaseAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Categories).FirstAsync();
            var finding = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = inspection.Categories[0].Id,
                Ordinal = 97,
                Title = Title,
                OwningUnitId = (await db.Units.SingleAsync(u => u.Code == DemoData.UnitA)).Id,
                Kind = FindingKind.LongTerm,
                Status = FindingStatus.Closed,
                AssignedOn = today.AddDays(-200),
                Deadline = today.AddDays(-100),
                ClosedOn = today.AddDays(-100),
                ClosedAt = DateTime.UtcNow,
                FollowUpEvery = FollowUpInterval.Quarterly,
                FollowUpDate = today.AddDays(3),
            };
            finding.FollowUps.Add(new FollowUp { DueOn = today.AddDays(3), Status = FollowUpStatus.Due, CreatedAt = DateTime.UtcNow });
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            return finding.Id;
        });

        // Unit A's liaison: the menu's 回头看 list, the finding, evidence through the file chooser, then the note.
        var staff = await _browsing.LoginAsync("staff.a");
        await staff.FollowAsync(staff.GetByRole(AriaRole.Link, new() { Name = "回头看", Exact = true }));
        await staff.FollowAsync(staff.GetByRole(AriaRole.Link, new() { Name = Title }));
        var panel = staff.Locator("#follow-ups");
        await staff.FollowAsync(panel.GetByRole(AriaRole.Link, new() { Name = "上传回头看佐证材料" }));
        await staff.Locator("#Input_Description").FillAsync("第四季度值班值守检查记录");
        await staff.Locator("#files").SetInputFilesAsync(new FilePayload
        {
            Name = "值班检查记录.pdf",
            MimeType = "application/pdf",
            Buffer = Documents.Pdf("Duty roster check"),
        });
        await staff.SubmitAsync(staff.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }));
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "第四季度值班值守检查记录(值班检查记录.pdf)" })).ToBeVisibleAsync();
        await panel.GetByLabel("回头看情况").FillAsync("每周抽查值班在岗情况,本季度未发现脱岗。");
        await staff.SubmitAsync(panel.GetByRole(AriaRole.Button, new() { Name = "提交回头看情况" }));
        await Expect(staff.Locator("[data-follow-up-status='Answered']")).ToContainTextAsync("每周抽查值班在岗情况");

        // The inspection office reads the answer and accepts it; the next one, a quarter later, is waiting.
        var inspector = await _browsing.LoginAsync("inspector");
        await inspector.GotoAsync($"/Findings/Details/{findingId}");
        await inspector.SubmitAsync(inspector.Locator("#follow-ups").GetByRole(AriaRole.Button, new() { Name = "回头看通过" }));
        await Expect(inspector.Locator("[data-follow-up-status='Accepted']")).ToBeVisibleAsync();
        await Expect(inspector.Locator("[data-follow-up-status='Due']")).ToContainTextAsync(Rectification.Core.Text.ChineseDates.Format(today.AddDays(3).AddMonths(3)));
        await inspector.SaveScreenshotAsync("follow-up-panel");
        await inspector.GotoAsync("/FollowUps");
        await inspector.SaveScreenshotAsync("follow-ups");
    }
}
