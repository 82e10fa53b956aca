using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;
using Rectification.Tests.Shared;

namespace Rectification.IntegrationTests;

/// <summary>
/// Acceptance: for the demo inspection, the report the app generates reads as the published reference report
/// (docs/reference/), on the page, from the ledger through regeneration, and in the .docx it exports.
/// </summary>
public sealed class ReportAcceptanceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly ReferenceReport s_reference = ReferenceReport.Load;

    [Fact]
    public async Task The_demo_draft_has_the_reference_title_opening_and_every_paragraph()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionPage = await inspector.GetPageAsync($"/Inspections/Details/{await app.InspectionIdAsync()}");
        var link = inspectionPage.QuerySelector("a[data-report-link]")!.GetAttribute("href")!;

        var page = await inspector.GetPageAsync(link);

        Assert.Equal(s_reference.Title, page.QuerySelector("[data-report-title]")!.TextContent);
        var paragraphs = page.QuerySelectorAll("article.report-document [data-block], [data-report-signature], [data-report-date]")
            .Select(e => e.TextContent).ToList();
        Assert.Equal(s_reference.Opening, paragraphs[0]);
        Assert.Equal(s_reference.Body, paragraphs);
        Assert.Equal(s_reference.Feedback.Where(l => l.StartsWith('(')), page.QuerySelectorAll("[data-block='Heading2']").Select(e => e.TextContent).Where(t => t.EndsWith("问题整改落实情况", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Section_two_generated_from_the_ledger_equals_the_reference_paragraph_by_paragraph()
    {
        var reportId = await app.ReportIdAsync();
        await SetFeedbackSectionAsync(reportId, string.Empty);
        using var inspector = await app.LoginAsync("inspector");

        var preview = await inspector.GetPageAsync($"/Reports/Regenerate/{reportId}");

        // Against an empty section, everything the ledger gives is new: it is the reference's section 二.
        var added = preview.QuerySelectorAll("li[data-change]").ToList();
        Assert.All(added, li => Assert.Equal("Added", li.GetAttribute("data-change")));
        Assert.Equal(s_reference.Feedback, added.Select(li => li.QuerySelector("ins")!.TextContent));

        var accepted = await inspector.SubmitAsync(preview, $"form[action='/Reports/Regenerate/{reportId}']");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = await app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).Select(r => r.FeedbackSection).SingleAsync());
        Assert.Equal(s_reference.Feedback, stored.Split('\n'));

        var again = await inspector.GetPageAsync($"/Reports/Regenerate/{reportId}");
        Assert.NotNull(again.QuerySelector("[data-no-changes]"));
    }

    [Fact]
    public async Task The_exported_docx_opens_and_holds_the_reference_text()
    {
        using var leader = await app.LoginAsync("leader");
        var reportId = await app.ReportIdAsync();

        var response = await leader.GetAsync($"/Reports/Docx/{reportId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(s_reference.Title + ".docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        await using var content = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(content, isEditable: false);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Select(p => p.InnerText).Where(t => t.Length > 0).ToList();

        Assert.Equal([s_reference.Title, .. s_reference.Body], paragraphs);

        // Headings of both levels carry their outline levels: 一、二、三、 and section 二's categories.
        var headings = document.MainDocumentPart.Document.Body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.OutlineLevel is not null)
            .Select(p => (p.ParagraphProperties!.OutlineLevel!.Val!.Value, p.InnerText)).ToList();
        Assert.Equal(["一、整改工作进展情况", "二、县委巡察组反馈意见整改落实情况", "三、今后整改工作打算"], headings.Where(h => h.Value == 0).Select(h => h.InnerText));
        Assert.Equal(s_reference.Feedback.Where(l => l.StartsWith('(')), headings.Where(h => h.Value == 1).Select(h => h.InnerText));
    }

    [Fact]
    public async Task With_the_demo_inspections_fields_a_new_draft_has_the_reference_title_opening_and_signature()
    {
        // Generate afresh, in an app of its own: remove the seeded draft, then let the office generate one.
        await using var fresh = new AppFactory();
        var inspectionId = await fresh.InspectionIdAsync();
        await fresh.WithDatabaseAsync(db => db.PublicReports.Where(r => r.InspectionId == inspectionId).ExecuteDeleteAsync());
        using var inspector = await fresh.LoginAsync("inspector");

        var inspection = await inspector.GetPageAsync($"/Inspections/Details/{inspectionId}");
        var created = await inspector.SubmitAsync(inspection, "form[action^='/Reports/Create']");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var draft = await fresh.WithDatabaseAsync(db => db.PublicReports.AsNoTracking().SingleAsync(r => r.InspectionId == inspectionId));
        Assert.Equal($"/Reports/Details/{draft.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(s_reference.Title, draft.Title);
        Assert.Equal(s_reference.Opening, draft.Opening);
        Assert.Equal(s_reference.Signature, draft.Signature);
        Assert.Equal(s_reference.Feedback, draft.FeedbackSection.Split('\n'));
        Assert.Equal(DateOnly.FromDateTime(AppFactory.Start.Date), draft.ReportDate);
        Assert.False(draft.IsPublished);

        // One report per inspection: generating again opens the same one.
        var again = await inspector.PostAsync($"/Reports/Create?inspectionId={inspectionId}", new());
        Assert.Equal($"/Reports/Details/{draft.Id}", again.Headers.Location!.OriginalString);
        Assert.Equal(1, await fresh.WithDatabaseAsync(db => db.PublicReports.CountAsync(r => r.InspectionId == inspectionId)));
    }

    private Task SetFeedbackSectionAsync(int reportId, string text) =>
        app.WithDatabaseAsync(db => db.PublicReports.Where(r => r.Id == reportId).ExecuteUpdateAsync(s => s.SetProperty(r => r.FeedbackSection, text)));
}
