using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// 回头看 of a closed long-term finding of unit A, end to end over HTTP with the suite's fake clock: reminded when due,
/// lapsed and escalated; answered with a note and evidence; accepted (the next one scheduled) or reopened; refused to
/// another unit. And a measure past its own deadline in the finding's light and in the reminders.
/// </summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private int _findingId;
    private int _followUpId;
    private string _findingUrl = string.Empty;

    private static DateOnly Today => DateOnly.FromDateTime(AppFactory.Start.DateTime);

    private static readonly DateOnly s_due = Today.AddDays(5);

    public async Task InitializeAsync()
    {
        (_findingId, _followUpId) = await _app.WithDatabaseAsync(async db =>
        {
            var inspection = await db.Inspections.Include(i => i.Categories).FirstAsync();
            var finding = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = inspection.Categories[0].Id,
                Ordinal = 98,
                Title = "校园安全隐患排查长效机制(回头看测试)",
                OwningUnitId = (await db.Units.SingleAsync(u => u.Code == DemoData.UnitA)).Id,
                ResponsiblePersonId = (await db.Users.SingleAsync(u => u.UserName == "staff.a")).Id,
                ResponsibleLeaderId = (await db.Users.SingleAsync(u => u.UserName == "deputy2")).Id,
                Kind = FindingKind.LongTerm,
                Status = FindingStatus.Closed,
                AssignedOn = Today.AddDays(-200),
                Deadline = Today.AddDays(-100),
                ClosedOn = Today.AddDays(-95),
                ClosedAt = DateTime.UtcNow,
                RectificationSummary = "建立每月安全隐患排查制度。",
                FollowUpEvery = FollowUpInterval.Quarterly,
                FollowUpDate = s_due,
            };
            finding.FollowUps.Add(new FollowUp { DueOn = s_due, Status = FollowUpStatus.Due, CreatedAt = DateTime.UtcNow });
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            return (finding.Id, finding.FollowUps[0].Id);
        });
        _findingUrl = $"/Findings/Details/{_findingId}";
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_follow_up_is_reminded_before_and_on_its_day_then_lapses_and_is_escalated()
    {
        // Five days ahead, inside the warning window (7 days): the responsible person is told.
        await RunJobAsync();
        Assert.Equal(["staff.a"], await RecipientsAsync(NotificationKind.FollowUpDue));

        using var inspector = await _app.LoginAsync("inspector");
        var dueList = await inspector.GetPageAsync("/FollowUps?show=Due");
        Assert.Contains(_findingId, dueList.FindingIds());

        // On its day: the leader too.
        _app.Clock.Advance(TimeSpan.FromDays(5));
        await RunJobAsync();
        Assert.Equal(["deputy2", "staff.a", "staff.a"], await RecipientsAsync(NotificationKind.FollowUpDue));

        // A day late and unanswered: lapsed, the unit's head joins; on the list and the dashboard as lapsed.
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await RunJobAsync();
        using var later = await _app.LoginAsync("inspector"); // days later, the first sign-in has expired
        Assert.Equal(["deputy2", "head.a", "staff.a"], await RecipientsAsync(NotificationKind.FollowUpLapsed));
        var lapsedList = await later.GetPageAsync("/FollowUps?show=Lapsed");
        Assert.NotNull(lapsedList.QuerySelector($"tr[data-follow-up='{_followUpId}'] [data-lapsed]"));
        var dashboard = await later.GetPageAsync("/Dashboard");
        var lapsedFigure = dashboard.QuerySelector("[data-stat='follow-ups-lapsed'] a")!;
        Assert.Equal(lapsedList.Total(), int.Parse(lapsedFigure.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull((await later.GetPageAsync(_findingUrl)).QuerySelector($"[data-follow-up='{_followUpId}'] [data-lapsed]"));

        // Late by the escalation days (3): the inspection office is told; nothing is made twice.
        _app.Clock.Advance(TimeSpan.FromDays(2));
        await RunJobAsync();
        Assert.Equal(["deputy2", "head.a", "inspector", "staff.a"], await RecipientsAsync(NotificationKind.FollowUpLapsed));
        Assert.Equal(0, await RunJobAsync());
    }

    [Fact]
    public async Task The_unit_answers_with_a_note_and_evidence_and_the_office_accepts_it_and_the_next_is_scheduled()
    {
        using var staffA = await _app.LoginAsync("staff.a");
        var page = await staffA.GetPageAsync(_findingUrl);

        // No evidence yet: refused, nothing changes.
        await staffA.SubmitAsync(page, "form[data-action='AnswerFollowUp']", new() { ["note"] = "每月排查,未见反弹。" });
        Assert.Equal(FollowUpStatus.Due, (await FollowUpAsync(_followUpId)).Status);
        Assert.Contains("反馈回头看情况前请至少上传一份佐证材料。", (await staffA.GetPageAsync(_findingUrl)).Text());

        var upload = await staffA.GetPageAsync($"/Evidence/Upload?findingId={_findingId}&followUp={_followUpId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staffA.UploadAsync(upload, "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = "2026年第四季度隐患排查台账" }, ("排查台账.pdf", SampleFiles.Pdf()))).StatusCode);
        Assert.Equal(1, await _app.WithDatabaseAsync(db => db.EvidenceItems.CountAsync(e => e.FollowUpId == _followUpId)));

        page = await staffA.GetPageAsync(_findingUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await staffA.SubmitAsync(page, "form[data-action='AnswerFollowUp']", new() { ["note"] = "每月排查,未见反弹。" })).StatusCode);
        var answered = await FollowUpAsync(_followUpId);
        Assert.Equal(FollowUpStatus.Answered, answered.Status);
        Assert.Equal("每月排查,未见反弹。", answered.AnswerNote);
        Assert.Equal(["inspector"], await RecipientsAsync(NotificationKind.FollowUpAnswered));

        // The unit cannot accept its own answer.
        Assert.Equal(HttpStatusCode.Forbidden, (await staffA.PostAsync($"/FollowUps/Accept/{_followUpId}", new() { ["version"] = await VersionAsync() })).StatusCode);

        // A stale page is refused and changes nothing.
        using var inspector = await _app.LoginAsync("inspector");
        var review = await inspector.GetPageAsync(_findingUrl);
        await _app.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == _findingId);
            finding.UpdatedAt = DateTime.UtcNow; // someone else saved it meanwhile
            await db.SaveChangesAsync();
        });
        await inspector.SubmitAsync(review, "form[data-action='AcceptFollowUp']");
        Assert.Equal(FollowUpStatus.Answered, (await FollowUpAsync(_followUpId)).Status);

        review = await inspector.GetPageAsync(_findingUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(review, "form[data-action='AcceptFollowUp']", new() { ["comment"] = "巩固良好" })).StatusCode);
        Assert.Equal(FollowUpStatus.Accepted, (await FollowUpAsync(_followUpId)).Status);
        var next = await _app.WithDatabaseAsync(db => db.FollowUps.Where(f => f.FindingId == _findingId && f.Status == FollowUpStatus.Due).ToListAsync());
        Assert.Equal(s_due.AddMonths(3), Assert.Single(next).DueOn);
        var finding = await _app.LoadFindingAsync(_findingId);
        Assert.Equal(FindingStatus.Closed, finding.Status);
        Assert.Equal(s_due.AddMonths(3), finding.FollowUpDate);
        Assert.Contains(finding.Events, e => e.Kind == FindingEventKind.FollowUpAnswered);
        Assert.Contains(finding.Events, e => e.Kind == FindingEventKind.FollowUpAccepted);
        Assert.True(await _app.WithDatabaseAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(FollowUp) && a.EntityId == _followUpId.ToString())));
        Assert.All(await _app.WithDatabaseAsync(db => db.EvidenceItems.Where(e => e.FollowUpId == _followUpId).ToListAsync()),
            e => Assert.Equal(Rectification.Core.Evidence.EvidenceReview.Accepted, e.Review));
    }

    [Fact]
    public async Task The_office_reopens_the_finding_over_an_answer_and_it_is_back_in_progress()
    {
        await AnswerDirectlyAsync();
        using var inspector = await _app.LoginAsync("inspector");
        var page = await inspector.GetPageAsync(_findingUrl);

        // Without a reason: refused.
        await inspector.SubmitAsync(page, "form[data-action='ReopenFollowUp']", new() { ["comment"] = " " });
        Assert.Equal(FindingStatus.Closed, (await _app.LoadFindingAsync(_findingId)).Status);

        page = await inspector.GetPageAsync(_findingUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await inspector.SubmitAsync(page, "form[data-action='ReopenFollowUp']", new() { ["comment"] = "排查台账流于形式" })).StatusCode);
        var finding = await _app.LoadFindingAsync(_findingId);
        Assert.Equal(FindingStatus.InProgress, finding.Status);
        Assert.Null(finding.ClosedOn);
        var reopened = finding.Events.Single(e => e.Kind == FindingEventKind.Reopened);
        Assert.Equal((FindingStatus.Closed, FindingStatus.InProgress), (reopened.FromStatus!.Value, reopened.ToStatus!.Value));
        var followUp = await FollowUpAsync(_followUpId);
        Assert.Equal(FollowUpStatus.Reopened, followUp.Status);
        Assert.Equal("排查台账流于形式", followUp.ReviewComment);
        Assert.Empty(await _app.WithDatabaseAsync(db => db.FollowUps.Where(f => f.FindingId == _findingId && f.Status == FollowUpStatus.Due).ToListAsync()));
    }

    [Fact]
    public async Task Another_units_follow_up_is_not_found_and_nothing_changes()
    {
        using var headB = await _app.LoginAsync("head.b");
        var version = await VersionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await headB.PostAsync($"/FollowUps/Answer/{_followUpId}", new() { ["version"] = version, ["note"] = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await headB.GetAsync($"/Evidence/Upload?findingId={_findingId}&followUp={_followUpId}")).StatusCode);
        Assert.DoesNotContain(_findingId, (await headB.GetPageAsync("/FollowUps?show=All")).FindingIds());

        // Unit A's own school head (below unit A) does not see its parent's follow-up either.
        using var headA1 = await _app.LoginAsync("head.a1");
        Assert.Equal(HttpStatusCode.NotFound, (await headA1.PostAsync($"/FollowUps/Answer/{_followUpId}", new() { ["version"] = version, ["note"] = "越权" })).StatusCode);

        await AnswerDirectlyAsync();
        using var other = await _app.LoginAsync("head.b");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/FollowUps/Reopen/{_followUpId}", new() { ["version"] = await VersionAsync(), ["comment"] = "越权" })).StatusCode);
        Assert.Equal(FollowUpStatus.Answered, (await FollowUpAsync(_followUpId)).Status);
        Assert.Equal(FindingStatus.Closed, (await _app.LoadFindingAsync(_findingId)).Status);
    }

    [Fact]
    public async Task A_measure_past_its_deadline_turns_the_light_yellow_shows_its_days_and_is_reminded()
    {
        var findingId = await _app.WithDatabaseAsync(async db =>
        {
            // A finding of unit A on track (deadline far off), whose first measure is now two days late.
            var finding = await db.Findings.Include(f => f.Measures)
                .Where(f => f.OwningUnit!.Code == DemoData.UnitA && f.Status == FindingStatus.InProgress && f.Deadline > Today.AddDays(30))
                .FirstOrDefaultAsync();
            if (finding is null)
            {
                finding = await db.Findings.Include(f => f.Measures).FirstAsync(f => f.OwningUnit!.Code == DemoData.UnitA && f.Status == FindingStatus.InProgress);
                finding.Deadline = Today.AddDays(60);
            }

            finding.Measures.ForEach(m => m.Deadline = finding.Deadline);
            await db.SaveChangesAsync();
            return finding.Id;
        });
        using var staffA = await _app.LoginAsync("staff.a");
        Assert.Equal("Green", LightOf(await staffA.GetPageAsync($"/Findings/Details/{findingId}")));

        await _app.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.Include(f => f.Measures).SingleAsync(f => f.Id == findingId);
            var measure = finding.Measures.OrderBy(m => m.Ordinal).First();
            measure.Deadline = Today.AddDays(-2);
            measure.DoneDate = null;
            await db.SaveChangesAsync();
        });

        var page = await staffA.GetPageAsync($"/Findings/Details/{findingId}");
        Assert.Equal("Yellow", LightOf(page));
        Assert.Equal("2", page.QuerySelector("[data-measure-overdue]")!.GetAttribute("data-measure-overdue"));
        Assert.Contains(findingId, (await staffA.GetPageAsync("/Findings?Light=Yellow&PageSize=100")).FindingIds());

        await RunJobAsync();
        Assert.True(await _app.WithDatabaseAsync(db => db.Notifications.AnyAsync(n => n.FindingId == findingId && n.Kind == NotificationKind.MeasureOverdue && n.DaysOverdue == 2)));
    }

    private static string? LightOf(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("h1 ~ [data-light]")?.GetAttribute("data-light");

    private async Task AnswerDirectlyAsync() => await _app.WithDatabaseAsync(async db =>
    {
        var followUp = await db.FollowUps.SingleAsync(f => f.Id == _followUpId);
        followUp.Status = FollowUpStatus.Answered;
        followUp.AnswerNote = "每月排查。";
        followUp.AnsweredAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
    });

    private Task<FollowUp> FollowUpAsync(int id) => _app.WithDatabaseAsync(db => db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == id));

    private Task<string> VersionAsync() => _app.WithDatabaseAsync(async db =>
        (await db.Findings.Where(f => f.Id == _findingId).Select(f => f.Version).SingleAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<int> RunJobAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private Task<List<string>> RecipientsAsync(NotificationKind kind) => _app.WithDatabaseAsync(db => db.Notifications
        .Where(n => n.FindingId == _findingId && n.Kind == kind)
        .Select(n => n.User!.UserName!)
        .OrderBy(n => n)
        .ToListAsync());
}
