using System.Net;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Filters nobody means stay cheap and say what is wrong: a page past the end shows the last page, dates far outside
/// any deadline mean "no limit", and a pasted paragraph as keyword or a range that ends before it starts find nothing
/// without a query, with the reason on the form. (The SQL each costs: <see cref="SqlCommandCountTests"/>.)
/// </summary>
public sealed class BadFilterInputTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        using var inspector = await _app.LoginAsync("inspector");
        var first = await inspector.GetPageAsync("/Findings");
        var total = first.Total();
        var lastPage = (total + FindingFilter.DefaultPageSize - 1) / FindingFilter.DefaultPageSize;
        Assert.True(lastPage > 1, $"The demo data fills {lastPage} page(s); the test needs more than one.");

        var last = await inspector.GetPageAsync($"/Findings?Page={lastPage}");
        foreach (var page in new[] { lastPage + 1, 99_999, int.MaxValue })
        {
            var past = await inspector.GetPageAsync($"/Findings?Page={page}");
            Assert.Equal(total, past.Total());
            Assert.Equal(last.FindingIds(), past.FindingIds());
            Assert.NotEmpty(past.FindingIds());
        }
    }

    [Fact]
    public async Task Dates_far_outside_every_deadline_mean_no_limit()
    {
        using var inspector = await _app.LoginAsync("inspector");
        var all = (await inspector.GetPageAsync("/Findings")).Total();
        var withDeadline = await _app.WithDatabaseAsync(db => Task.FromResult(db.Findings.Count(f => f.Deadline != null)));

        var page = await inspector.GetPageAsync("/Findings?DeadlineFrom=0001-01-01&DeadlineTo=9999-12-31");
        Assert.Equal(withDeadline, page.Total());
        Assert.True(withDeadline > 0 && withDeadline <= all, $"{withDeadline} of {all} findings have a deadline");
        Assert.Empty(page.QuerySelectorAll("[data-filter-problem]"));

        var closed = await inspector.GetPageAsync("/Findings?ClosedFrom=0001-01-01&ClosedTo=9999-12-31");
        var closedCount = await _app.WithDatabaseAsync(db => Task.FromResult(db.Findings.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn != null)));
        Assert.Equal(closedCount, closed.Total());
    }

    [Fact]
    public async Task A_keyword_longer_than_any_title_is_refused_and_kept_on_the_form()
    {
        using var inspector = await _app.LoginAsync("inspector");
        var pasted = string.Concat(Enumerable.Repeat("整改", 500));

        var page = await inspector.GetPageAsync("/Findings?Text=" + Uri.EscapeDataString(pasted));

        Assert.Equal(0, page.Total());
        var problem = Assert.Single(page.QuerySelectorAll("[data-filter-problem]"));
        Assert.Contains($"关键词最多{FindingFilter.MaxTextLength}个字", problem.TextContent, StringComparison.Ordinal);
        Assert.Equal(pasted, page.QuerySelector("#Text")!.GetAttribute("value"));

        // The longest allowed keyword is searched as usual.
        var longest = string.Concat(Enumerable.Repeat("整", FindingFilter.MaxTextLength));
        var allowed = await inspector.GetPageAsync("/Findings?Text=" + Uri.EscapeDataString(longest));
        Assert.Empty(allowed.QuerySelectorAll("[data-filter-problem]"));
    }

    [Fact]
    public async Task A_range_that_ends_before_it_starts_finds_nothing_and_says_why()
    {
        using var leader = await _app.LoginAsync("leader");
        var inOrder = (await leader.GetPageAsync("/Findings?DeadlineFrom=2020-01-01&DeadlineTo=2030-12-31")).Total();
        Assert.True(inOrder > 0, "The demo data has deadlines in 2020–2030.");

        var reversed = await leader.GetPageAsync("/Findings?DeadlineFrom=2030-12-31&DeadlineTo=2020-01-01");
        Assert.Equal(0, reversed.Total());
        Assert.Contains("整改时限的起始日期晚于截止日期", Assert.Single(reversed.QuerySelectorAll("[data-filter-problem]")).TextContent, StringComparison.Ordinal);

        var closed = await leader.GetPageAsync("/Findings?ClosedFrom=2030-12-31&ClosedTo=2020-01-01");
        Assert.Contains("销号日期的起始日期晚于截止日期", Assert.Single(closed.QuerySelectorAll("[data-filter-problem]")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_of_a_refused_filter_has_no_rows()
    {
        using var inspector = await _app.LoginAsync("inspector");
        using var response = await inspector.GetAsync("/Ledger/Export?format=csv&DeadlineFrom=2030-12-31&DeadlineTo=2020-01-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var all = await inspector.GetAsync("/Ledger/Export?format=csv");
        var allLines = (await all.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(allLines.Length > lines.Length, $"The whole export has {allLines.Length} lines, the refused one {lines.Length}.");
        Assert.Single(lines);
    }
}
