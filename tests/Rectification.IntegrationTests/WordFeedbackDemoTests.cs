using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.Core.Ledger;
using Rectification.Core.Ledger.Word;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>The demo county's findings came from the Word feedback document the import page ships as its sample.</summary>
public sealed class WordFeedbackDemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Each_demo_finding_names_the_sample_documents_row_it_was_imported_from()
    {
        using var inspector = await app.LoginAsync("inspector");
        var sample = await inspector.GetAsync("/Ledger/Sample");
        sample.EnsureSuccessStatusCode();
        var recognised = FeedbackRecogniser.Recognise(WordPackage.ReadBlocks(await sample.Content.ReadAsStreamAsync()));

        var inspectionId = await app.InspectionIdAsync();
        var findings = await app.WithDatabaseAsync(db => db.Findings.AsNoTracking().Where(f => f.InspectionId == inspectionId)
            .Select(f => new { f.Id, f.Title, Created = f.Events.Where(e => e.Kind == FindingEventKind.Created).Select(e => e.Comment).Single() })
            .ToListAsync());

        Assert.Equal(recognised.Count, findings.Count);
        foreach (var item in recognised)
        {
            var comment = LedgerImporter.CreatedComment(FeedbackSample.FileName, item.Sequence);
            var finding = Assert.Single(findings, f => f.Created == comment);
            Assert.Equal(item.Title, finding.Title);
        }

        var page = await inspector.GetPageAsync($"/Findings/Details/{findings[0].Id}");
        Assert.Contains(findings[0].Created!, page.Text(), StringComparison.Ordinal);
    }
}
