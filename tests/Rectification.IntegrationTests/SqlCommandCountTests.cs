using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Each main page costs a fixed, small number of SQL commands (the sign-in's session check included), whatever the
/// amount of data: counted by the benchmark mode's interceptor (<c>Benchmark:CountSqlCommands</c>) on the demo data,
/// then again after many more findings, with measures, events and evidence, were added to the same scope.
/// </summary>
public sealed class SqlCommandCountTests : IDisposable
{
    private const int MaxCommands = 6;
    private const int ExtraFindings = 150;

    private readonly AppFactory _app = AppFactory.WithSettings(new Dictionary<string, string?>
    {
        ["Benchmark:CountSqlCommands"] = "true",
    });

    public void Dispose() => _app.Dispose();

    /// <summary>Every kind of page of the working-day benchmark (tests/Rectification.Benchmarks, mixed), as each role opens it.</summary>
    [Fact]
    public async Task Every_main_page_costs_at_most_six_commands_at_any_data_size()
    {
        var unitA = await _app.UnitIdAsync(DemoData.UnitA);
        var finding = await _app.FindingAsync(DemoData.UnitA, FindingStatus.Submitted);
        var working = await _app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var inspection = await _app.InspectionIdAsync();
        var pages = new (string User, string Url)[]
        {
            ("inspector", "/Home/About"),
            ("inspector", "/"),
            ("leader", "/"),
            ("head.a", "/"),
            ("staff.a", "/"),
            ("inspector", "/Findings"),
            ("inspector", $"/Findings?UnitId={unitA}&Status={FindingStatus.InProgress}"),
            ("inspector", "/Findings?Page=2&PageSize=5"),
            ("inspector", $"/Findings?InspectionId={inspection}"),
            ("leader", $"/Findings?Light={Light.Red}"),
            ("leader", "/Findings?DeadlineFrom=2026-01-01&DeadlineTo=2026-12-31"),
            ("head.a", "/Findings?Text=%E6%95%B4%E6%94%B9"),

            // Bad input costs no more than good (BadFilterInputTests: what each answers).
            ("inspector", "/Findings?Page=99999"),
            ("inspector", "/Findings?DeadlineFrom=0001-01-01&DeadlineTo=9999-12-31"),
            ("leader", "/Findings?DeadlineFrom=2030-12-31&DeadlineTo=2020-01-01"),
            ("inspector", "/Findings?Text=" + string.Concat(Enumerable.Repeat("%E6%95%B4", 1000))),
            ("staff.a", "/Findings"),
            ("inspector", $"/Findings/Details/{finding}"),
            ("head.a", $"/Findings/Details/{finding}"),
            ("head.a", $"/Findings/Progress/{working}"),
            ("inspector", "/Dashboard"),
            ("inspector", $"/Dashboard?InspectionId={inspection}"),
            ("leader", "/Dashboard"),
            ("leader", $"/Dashboard?UnitId={unitA}"),
            ("head.a", "/Dashboard"),
            ("staff.a", "/Dashboard"),
            ("inspector", "/Review"),
            ("inspector", "/Inspections"),
            ("head.a", "/Notifications"),
        };

        var small = await CountAsync(pages);
        await AddFindingsAsync(unitA, ExtraFindings);
        var large = await CountAsync(pages);

        foreach (var (page, index) in pages.Select((p, i) => (p, i)))
        {
            Assert.True(small[index] <= MaxCommands, $"{page.User} {page.Url}: {small[index]} SQL commands on the demo data");
            Assert.True(large[index] <= MaxCommands, $"{page.User} {page.Url}: {large[index]} SQL commands with {ExtraFindings} more findings");
            Assert.True(small[index] == large[index], $"{page.User} {page.Url}: {small[index]} SQL commands, then {large[index]} with more data");
        }
    }

    /// <summary>
    /// Time passing costs nothing: a session's check against the account is part of the one query every request makes,
    /// not a refresh every minute (Identity's security-stamp validation, five more commands).
    /// </summary>
    [Fact]
    public async Task A_page_costs_the_same_minutes_later_in_the_same_session()
    {
        using var client = await _app.LoginAsync("head.a");
        var counts = new List<int>();
        for (var minute = 0; minute < 5; minute++)
        {
            using var response = await client.GetAsync("/Findings");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add(int.Parse(response.Headers.GetValues("X-Sql-Commands").Single(), CultureInfo.InvariantCulture));
            _app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.True(counts.Skip(1).All(c => c == counts[1] && c <= MaxCommands), $"SQL commands at 2-minute intervals: {string.Join(", ", counts)}");
    }

    /// <summary>
    /// A filter that can find nothing (a pasted paragraph as keyword, a range that ends before it starts) asks nothing
    /// of the findings: neither the count nor the page's rows, the two commands the same list costs otherwise.
    /// </summary>
    [Fact]
    public async Task A_refused_filter_asks_nothing_of_the_findings()
    {
        var pasted = string.Concat(Enumerable.Repeat("%E6%95%B4", FindingFilter.MaxTextLength + 1));
        var counts = await CountAsync(
        [
            ("inspector", "/Findings?Text=%E6%95%B4"),
            ("inspector", "/Findings?Text=" + pasted),
            ("inspector", "/Findings?DeadlineFrom=2020-01-01&DeadlineTo=2030-12-31"),
            ("inspector", "/Findings?DeadlineFrom=2030-12-31&DeadlineTo=2020-01-01"),
        ]);

        Assert.True(counts[1] <= counts[0] - 2, $"keyword: {counts[0]} SQL commands, a keyword too long {counts[1]}");
        Assert.True(counts[3] <= counts[2] - 2, $"deadline range: {counts[2]} SQL commands, reversed {counts[3]}");
    }

    private async Task<List<int>> CountAsync(IEnumerable<(string User, string Url)> pages)
    {
        var counts = new List<int>();
        var clients = new Dictionary<string, AppClient>();
        try
        {
            foreach (var (user, url) in pages)
            {
                if (!clients.TryGetValue(user, out var client))
                {
                    clients[user] = client = await _app.LoginAsync(user);
                }

                // The fewer of two requests: an instance's first request loads the in-memory unit tree.
                var fewest = int.MaxValue;
                for (var i = 0; i < 2; i++)
                {
                    using var response = await client.GetAsync(url);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} {url} answered {(int)response.StatusCode}");
                    fewest = Math.Min(fewest, int.Parse(response.Headers.GetValues("X-Sql-Commands").Single(), CultureInfo.InvariantCulture));
                }

                counts.Add(fewest);
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        return counts;
    }

    /// <summary>Findings of unit A's subtree in every status, each with two measures, events and evidence.</summary>
    private Task AddFindingsAsync(int unitA, int count) => _app.WithDatabaseAsync(async db =>
    {
        var template = await db.Findings.AsNoTracking().Where(f => f.OwningUnitId == unitA).OrderBy(f => f.Id).FirstAsync();
        var statuses = Enum.GetValues<FindingStatus>();
        var now = DateTime.UtcNow;
        for (var n = 0; n < count; n++)
        {
            var status = statuses[n % statuses.Length];
            var finding = new Finding
            {
                InspectionId = template.InspectionId,
                CategoryId = template.CategoryId,
                Ordinal = 1000 + n,
                Title = $"数据量测试问题{n + 1}",
                Description = "部分单位落实整改要求不到位。",
                OwningUnitId = unitA,
                ResponsibleLeaderId = template.ResponsibleLeaderId,
                ResponsiblePersonId = template.ResponsiblePersonId,
                Deadline = new DateOnly(2026, 6, 1).AddDays(n * 3),
                AssignedOn = new DateOnly(2026, 5, 1),
                Kind = FindingKind.ByDeadline,
                Status = status,
                SubmittedAt = status is FindingStatus.Submitted or FindingStatus.Closed ? now.AddDays(-n) : null,
                SubmittedById = status is FindingStatus.Submitted or FindingStatus.Closed ? template.ResponsiblePersonId : null,
                ClosedOn = status == FindingStatus.Closed ? new DateOnly(2026, 11, 1) : null,
                ClosedAt = status == FindingStatus.Closed ? now : null,
                CreatedAt = now,
                UpdatedAt = now,
            };
            finding.Measures.Add(new Measure { Ordinal = 1, Description = "制定整改方案。" });
            finding.Measures.Add(new Measure { Ordinal = 2, Description = "建立长效机制。" });
            for (var e = 0; e < 3; e++)
            {
                finding.Events.Add(new FindingEvent { Kind = FindingEventKind.ProgressUpdated, ActorName = "测试", At = now.AddMinutes(e) });
            }

            var evidence = new EvidenceItem { Description = "整改方案", EvidenceDate = new DateOnly(2026, 11, 1), CreatedAt = now };
            evidence.Versions.Add(new EvidenceVersion
            {
                Number = 1,
                FileName = "整改方案.pdf",
                FileType = EvidenceFileType.Pdf,
                Length = 1000,
                Sha256 = new string('0', 64),
                UploadedAt = now,
                UploadedByName = "测试",
            });
            finding.Evidence.Add(evidence);
            db.Findings.Add(finding);
        }

        await db.SaveChangesAsync();
    });
}
