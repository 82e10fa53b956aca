using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Counting;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The counters behind every dashboard, home page and list total (<see cref="FindingTally"/>, <see cref="InspectionTally"/>)
/// are kept in the transaction of each change. After every step of a random sequence of every kind of change — made
/// through the pages, as the people who make them — the counters are recounted from scratch and must be equal.
/// </summary>
public sealed class CounterConsistencyTests : IDisposable
{
    private const int Steps = 60;

    private readonly AppFactory _app = new();
    private readonly Random _random = new(2026);
    private readonly List<string> _done = [];

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_kind_of_change_keeps_the_counters_equal_to_a_recount()
    {
        using var inspector = await _app.LoginAsync("inspector");
        using var admin = await _app.LoginAsync("admin");
        using var headA = await _app.LoginAsync("head.a");
        using var headB = await _app.LoginAsync("head.b");
        var heads = new Dictionary<string, AppClient> { [DemoData.UnitA] = headA, [DemoData.UnitB] = headB };
        var people = new People(inspector, admin, heads);
        await AssertCountersAgreeAsync("the demo data");

        var changes = new (string Name, Func<People, Task<bool>> Make)[]
        {
            ("log a finding", LogAsync),
            ("edit a finding (unit, category, deadline, kind)", EditAsync),
            ("assign a draft", AssignAsync),
            ("claim", p => ActAsHeadAsync(p, FindingStatus.Assigned, FindingAction.Claim)),
            ("restart a returned or reopened finding", p => ActAsHeadAsync(p, FindingStatus.Returned, FindingAction.Start)),
            ("submit", SubmitAsync),
            ("approve (evidence accepted first)", ApproveAsync),
            ("return", p => ActAsync(p.Inspector, FindingStatus.Submitted, FindingAction.Return, "请补充佐证材料")),
            ("reopen (回头看)", p => ActAsync(p.Inspector, FindingStatus.Closed, FindingAction.Reopen, "回头看发现反弹")),
            ("extend a deadline", ExtendAsync),
            ("move the feedback date and the categories' order", RescheduleAsync),
            ("import a ledger", ImportAsync),
            ("move a unit", MoveUnitAsync),
            ("run the reminder job", _ => RemindAsync()),
        };

        // Every kind once, in a shuffled order, then a random sequence.
        foreach (var (name, make) in changes.OrderBy(_ => _random.Next()).Concat(Enumerable.Range(0, Steps).Select(_ => changes[_random.Next(changes.Length)])))
        {
            if (await make(people))
            {
                _done.Add(name);
                await AssertCountersAgreeAsync(name);
            }
        }

        // Every kind of change was made at least once: the test cannot pass by doing nothing.
        Assert.Equal(changes.Select(c => c.Name).Order(), _done.Distinct().Order());
    }

    /// <summary>
    /// Start-up with other deadline options works out every warning day and counter again (in bulk, the rebuild's
    /// way): the lights follow the new options, and the counters agree with a recount, also after the next change.
    /// </summary>
    [Fact]
    public async Task Other_deadline_options_at_start_up_recompute_the_warning_days_and_the_counters()
    {
        var options = new DeadlineOptions { DueSoonDays = 30 };
        await using var app = AppFactory.WithSettings(new Dictionary<string, string?> { ["Deadlines:DueSoonDays"] = "30" });
        using var inspector = await app.LoginAsync("inspector");
        var today = DateOnly.FromDateTime(AppFactory.Start.DateTime);
        var expectedYellow = await app.WithDatabaseAsync(async db => (await db.Findings
                .Select(f => new { f.Id, f.Status, f.Kind, f.Deadline, Start = f.AssignedOn ?? f.Inspection!.FeedbackDate, f.ClosedOn, MeasuresDueBy = f.Measures.Where(m => m.DoneDate == null && m.Deadline != null).Min(m => m.Deadline) })
                .ToListAsync())
            .Where(f =>
            {
                var band = LightRules.BandOf(f.Status, f.Kind, f.Deadline, f.ClosedOn);
                return LightRules.Classify(new LightFacts(band, f.Deadline, LightRules.WarningFrom(band, f.Deadline, f.Start, options, f.MeasuresDueBy)), today) == Light.Yellow;
            })
            .Select(f => f.Id).ToHashSet());
        var listed = await inspector.GetPageAsync($"/Findings?Light={Light.Yellow}&PageSize=100");
        Assert.True(expectedYellow.SetEquals(listed.FindingIds()), "yellow under DueSoonDays = 30");
        Assert.Equal(expectedYellow.Count, listed.Total());
        Assert.Empty(await app.WithDatabaseAsync(db => CounterCheck.DifferencesAsync(db)));

        var draft = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.Status == FindingStatus.Draft && f.Deadline != null).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync());
        var page = await inspector.GetPageAsync($"/Findings/Details/{draft}");
        Assert.True(Succeeded(await inspector.SubmitAsync(page, "form[data-action='Assign']"), "assign"));
        Assert.Empty(await app.WithDatabaseAsync(db => CounterCheck.DifferencesAsync(db)));
    }

    private sealed record People(AppClient Inspector, AppClient Admin, IReadOnlyDictionary<string, AppClient> Heads);

    private async Task AssertCountersAgreeAsync(string after)
    {
        var differences = await _app.WithDatabaseAsync(db => CounterCheck.DifferencesAsync(db));
        Assert.True(differences.Count == 0, $"After {after} (steps so far: {string.Join(", ", _done)}):\n{string.Join("\n", differences.Take(10))}");
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A random finding in one of the statuses, owned by unit A or B (or their schools), or null when there is none.</summary>
    private Task<(int Id, string UnitCode, string HeadUnit)?> PickAsync(params FindingStatus[] statuses) => _app.WithDatabaseAsync(async db =>
    {
        var candidates = await db.Findings
            .Where(f => statuses.Contains(f.Status) && (f.OwningUnit!.Code == DemoData.UnitA || f.OwningUnit.Code == DemoData.UnitB))
            .OrderBy(f => f.Id)
            .Select(f => new { f.Id, f.OwningUnit!.Code })
            .ToListAsync();
        if (candidates.Count == 0)
        {
            return ((int, string, string)?)null;
        }

        var pick = candidates[_random.Next(candidates.Count)];
        return (pick.Id, pick.Code, pick.Code);
    });

    private async Task<bool> LogAsync(People p)
    {
        var inspection = await _app.InspectionIdAsync();
        var form = await p.Inspector.GetPageAsync($"/Findings/Create?inspectionId={inspection}");
        var categories = form.QuerySelectorAll("#Input_CategoryId option").Skip(1).Select(o => o.GetAttribute("value")!).ToList();
        var unit = await _app.UnitIdAsync(_random.Next(2) == 0 ? DemoData.UnitA : DemoData.UnitB);
        var kind = Enum.GetValues<FindingKind>()[_random.Next(3)];
        var response = await p.Inspector.SubmitAsync(form, "form[action^='/Findings/Create']", new()
        {
            ["Input.CategoryId"] = categories[_random.Next(categories.Count)],
            ["Input.Title"] = "计数测试问题" + _random.Next(1_000_000).ToString(CultureInfo.InvariantCulture),
            ["Input.Description"] = "用于核对计数的问题。",
            ["Input.OwningUnitId"] = Id(unit),
            ["Input.Deadline"] = _random.Next(4) == 0 ? string.Empty : Iso(new DateOnly(2026, 12, 1).AddDays(_random.Next(-40, 120))),
            ["Input.Kind"] = kind.ToString(),
        });
        return Succeeded(response, "log");
    }

    private async Task<bool> EditAsync(People p)
    {
        if (await PickAsync(FindingStatus.Draft, FindingStatus.Assigned, FindingStatus.InProgress, FindingStatus.Submitted) is not { } target)
        {
            return false;
        }

        var form = await p.Inspector.GetPageAsync($"/Findings/Edit/{target.Id}");
        var categories = form.QuerySelectorAll("#Input_CategoryId option").Skip(1).Select(o => o.GetAttribute("value")!).ToList();
        var other = await _app.UnitIdAsync(target.UnitCode == DemoData.UnitA ? DemoData.UnitB : DemoData.UnitA);
        var values = new Dictionary<string, string?>
        {
            ["Input.CategoryId"] = categories[_random.Next(categories.Count)],
            ["Input.Deadline"] = Iso(new DateOnly(2026, 12, 1).AddDays(_random.Next(-30, 60))),
            ["Input.Kind"] = Enum.GetValues<FindingKind>()[_random.Next(3)].ToString(),
        };
        if (_random.Next(2) == 0)
        {
            values["Input.OwningUnitId"] = Id(other);
        }

        return Succeeded(await p.Inspector.SubmitAsync(form, "form[action^='/Findings/Edit']", values), "edit");
    }

    /// <summary>交办 a draft that can be handed over: one with a deadline.</summary>
    private async Task<bool> AssignAsync(People p)
    {
        var drafts = await _app.WithDatabaseAsync(db => db.Findings
            .Where(f => f.Status == FindingStatus.Draft && f.Deadline != null)
            .OrderBy(f => f.Id).Select(f => f.Id).ToListAsync());
        if (drafts.Count == 0)
        {
            return false;
        }

        var page = await p.Inspector.GetPageAsync($"/Findings/Details/{drafts[_random.Next(drafts.Count)]}");
        return Succeeded(await p.Inspector.SubmitAsync(page, "form[data-action='Assign']"), "assign");
    }

    private async Task<bool> ActAsync(AppClient client, FindingStatus from, FindingAction action, string? comment = null)
    {
        if (await PickAsync(from) is not { } target)
        {
            return false;
        }

        var page = await client.GetPageAsync($"/Findings/Details/{target.Id}");
        return Succeeded(await client.SubmitAsync(page, $"form[data-action='{action}']", new() { ["Comment"] = comment }), action.ToString());
    }

    private async Task<bool> ActAsHeadAsync(People p, FindingStatus from, FindingAction action)
    {
        if (await PickAsync(from, from == FindingStatus.Returned ? FindingStatus.Reopened : from) is not { } target)
        {
            return false;
        }

        var head = p.Heads[target.HeadUnit];
        var page = await head.GetPageAsync($"/Findings/Details/{target.Id}");
        return Succeeded(await head.SubmitAsync(page, $"form[data-action='{action}']"), action.ToString());
    }

    /// <summary>The head records the 落实情况 and uploads evidence, then submits.</summary>
    private async Task<bool> SubmitAsync(People p)
    {
        if (await PickAsync(FindingStatus.InProgress) is not { } target)
        {
            return false;
        }

        var head = p.Heads[target.HeadUnit];
        var progress = await head.GetPageAsync($"/Findings/Progress/{target.Id}");
        Assert.True(Succeeded(await head.SubmitAsync(progress, "form[action^='/Findings/Progress']", new() { ["Input.RectificationSummary"] = "已整改到位。" }), "progress"));
        var upload = await head.GetPageAsync($"/Evidence/Upload?findingId={target.Id}");
        Assert.True(Succeeded(await head.UploadAsync(upload, "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = "整改报告", ["Input.EvidenceDate"] = "2026-11-30" }, ("整改报告.pdf", SampleFiles.Pdf(3000, seed: 5))), "upload"));
        var page = await head.GetPageAsync($"/Findings/Details/{target.Id}");
        return Succeeded(await head.SubmitAsync(page, "form[data-action='Submit']"), "submit");
    }

    private async Task<bool> ApproveAsync(People p)
    {
        if (await PickAsync(FindingStatus.Submitted) is not { } target)
        {
            return false;
        }

        var url = $"/Findings/Details/{target.Id}";
        var pending = await _app.WithDatabaseAsync(db => db.EvidenceItems
            .Where(e => e.FindingId == target.Id && !e.IsDeleted && e.Review != EvidenceReview.Accepted).Select(e => e.Id).ToListAsync());
        foreach (var item in pending)
        {
            var page = await p.Inspector.GetPageAsync(url);
            Assert.True(Succeeded(await p.Inspector.SubmitAsync(page, $"form[data-review-form='{item}']", new() { ["decision"] = "accept" }), "accept"));
        }

        var approve = await p.Inspector.GetPageAsync(url);
        var longTerm = approve.QuerySelector("form[data-action='Approve'] [name='FollowUpDate']") is not null;
        return Succeeded(await p.Inspector.SubmitAsync(approve, "form[data-action='Approve']", new()
        {
            ["VerificationMethod"] = nameof(VerificationMethod.DocumentReview),
            ["FollowUpDate"] = longTerm ? "2027-06-01" : null,
        }), "approve");
    }

    /// <summary>The head asks for a later deadline and the inspector grants it: the finding's deadline moves.</summary>
    private async Task<bool> ExtendAsync(People p)
    {
        var target = await _app.WithDatabaseAsync(db => db.Findings
            .Where(f => (f.OwningUnit!.Code == DemoData.UnitA || f.OwningUnit.Code == DemoData.UnitB)
                && (f.Status == FindingStatus.InProgress || f.Status == FindingStatus.Assigned)
                && f.Kind != FindingKind.LongTerm && f.Deadline != null
                && !db.DeadlineExtensions.Any(e => e.FindingId == f.Id && e.Status == Core.Extensions.ExtensionStatus.Pending))
            .OrderBy(f => f.Id).Select(f => new { f.Id, f.OwningUnit!.Code, f.Deadline }).FirstOrDefaultAsync());
        if (target is null)
        {
            return false;
        }

        var head = p.Heads[target.Code];
        var url = $"/Findings/Details/{target.Id}";
        var page = await head.GetPageAsync(url);
        Assert.True(Succeeded(await head.SubmitAsync(page, "form[data-request-extension]", new()
        {
            ["requestedDeadline"] = Iso(target.Deadline!.Value.AddDays(30 + _random.Next(60))),
            ["reason"] = "需要更多时间完成制度修订",
        }), "request extension"));
        var decide = await p.Inspector.GetPageAsync(url);
        return Succeeded(await p.Inspector.SubmitAsync(decide, "form[data-decide-extension]", new() { ["decision"] = "approve" }), "approve extension");
    }

    /// <summary>The feedback date moves (the unassigned findings' time starts then) and the first two categories swap places.</summary>
    private async Task<bool> RescheduleAsync(People p)
    {
        var inspection = await _app.InspectionIdAsync();
        var form = await p.Inspector.GetPageAsync($"/Inspections/Edit/{inspection}");
        var first = form.QuerySelector("input[name='Input.Categories[0].Name']")!.GetAttribute("value");
        var second = form.QuerySelector("input[name='Input.Categories[1].Name']")!.GetAttribute("value");
        var response = await p.Inspector.SubmitAsync(form, "form[action^='/Inspections/Edit']", new()
        {
            ["Input.FeedbackDate"] = Iso(new DateOnly(2022, 12, 6).AddDays(_random.Next(-20, 20))),
            ["Input.Categories[0].Id"] = form.QuerySelector("input[name='Input.Categories[1].Id']")!.GetAttribute("value"),
            ["Input.Categories[0].Name"] = second,
            ["Input.Categories[1].Id"] = form.QuerySelector("input[name='Input.Categories[0].Id']")!.GetAttribute("value"),
            ["Input.Categories[1].Name"] = first,
        });
        return Succeeded(response, "edit inspection");
    }

    private async Task<bool> ImportAsync(People p)
    {
        var inspection = await _app.InspectionIdAsync();
        var categories = await _app.WithDatabaseAsync(db => db.FindingCategories.Where(c => c.InspectionId == inspection)
            .OrderBy(c => c.Ordinal).Select(c => c.Name).ToListAsync());
        var rows = Enumerable.Range(1, 3).Select(n => new object?[]
        {
            Id(n), categories[_random.Next(categories.Count)], "导入的计数测试问题" + _random.Next(1_000_000).ToString(CultureInfo.InvariantCulture), "",
            n == 2 ? "长期坚持" : "限期整改", n == 3 ? DemoData.UnitB : DemoData.UnitA, "", "", "",
            n == 2 ? null : new DateTime(2026, 12, 1).AddDays(_random.Next(-30, 90)), null, "", "", null, null,
        }).ToList();
        var page = await p.Inspector.GetPageAsync($"/Ledger/Import?inspectionId={inspection}");
        var uploaded = await p.Inspector.UploadAsync(page, "form[action^='/Ledger/Import']", [], ("台账.xlsx", LedgerFiles.Xlsx(rows)));
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, $"import answered {(int)uploaded.StatusCode}");
        var preview = await p.Inspector.GetPageAsync(uploaded.Headers.Location!.OriginalString);
        return Succeeded(await p.Inspector.SubmitAsync(preview, "form[action^='/Ledger/Confirm']"), "confirm import");
    }

    /// <summary>The administrator moves a school of unit A under unit B, or back: its findings' counters move with it.</summary>
    private async Task<bool> MoveUnitAsync(People p)
    {
        var (school, unitA, unitB) = await _app.WithDatabaseAsync(async db => (
            await db.Units.SingleAsync(u => u.Code == DemoData.SchoolA),
            await db.Units.Where(u => u.Code == DemoData.UnitA).Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == DemoData.UnitB).Select(u => u.Id).SingleAsync()));
        var form = await p.Admin.GetPageAsync($"/Units/Edit/{school.Id}");
        var response = await p.Admin.SubmitAsync(form, "form[action^='/Units/Edit']", new() { ["Input.ParentId"] = Id(school.ParentId == unitA ? unitB : unitA) });
        return Succeeded(response, "move unit");
    }

    private async Task<bool> RemindAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
        return true;
    }

    private static bool Succeeded(HttpResponseMessage response, string what)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return true;
        }

        var errors = string.Join(" | ", AppClient.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).Errors());
        throw new Xunit.Sdk.XunitException($"{what} answered {(int)response.StatusCode}: {errors}");
    }
}
