using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The reminder job escalating along the responsibility chain as the fake clock moves day by day, and the outbox
/// delivering each e-mail once to a real SMTP server, even with two runs of each at the same moment.
/// </summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly MailFactory _app = new();
    private int _findingId;
    private string _title = string.Empty;

    public async Task InitializeAsync()
    {
        await _app.StartSmtpAsync();
        _title = "食堂采购票据管理不规范(提醒测试)";
        _findingId = await _app.WithDatabaseAsync(async db =>
        {
            // Everyone in the chain has an address; the leader reads English.
            foreach (var user in await db.Users.Where(u => new[] { "staff.a", "deputy2", "head.a", "inspector" }.Contains(u.UserName)).ToListAsync())
            {
                user.Email = user.UserName + "@jx.example.cn";
                user.Language = user.UserName == "deputy2" ? "en" : "zh-CN";
            }

            var inspection = await db.Inspections.Include(i => i.Categories).FirstAsync();
            var unitA = await db.Units.SingleAsync(u => u.Code == DemoData.UnitA);
            var finding = new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = inspection.Categories[0].Id,
                Ordinal = 99,
                Title = _title,
                OwningUnitId = unitA.Id,
                ResponsiblePersonId = (await db.Users.SingleAsync(u => u.UserName == "staff.a")).Id,
                ResponsibleLeaderId = (await db.Users.SingleAsync(u => u.UserName == "deputy2")).Id,
                Status = FindingStatus.InProgress,
                Kind = FindingKind.ByDeadline,
                AssignedOn = Today.AddDays(-60),
                Deadline = Today.AddDays(5),
            };
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            return finding.Id;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static DateOnly Today => DateOnly.FromDateTime(AppFactory.Start.DateTime);

    [Fact]
    public async Task Reminders_escalate_day_by_day_and_each_is_made_and_mailed_once()
    {
        // Five days before the deadline: due soon, for the specific responsible person only.
        await TwiceAtOnceAsync(RunJobAsync);
        await TwiceAtOnceAsync(SendMailAsync);
        Assert.Equal(["staff.a"], await RecipientsAsync(NotificationKind.DueSoon));
        var first = await MineAsync(1);
        Assert.Equal("staff.a@jx.example.cn", Assert.Single(first).To.Mailboxes.Single().Address);
        Assert.StartsWith("【巡察整改】", first[0].Subject, StringComparison.Ordinal);
        Assert.Contains(_title, first[0].TextBody ?? string.Empty, StringComparison.Ordinal);

        // On the deadline day, still open: the responsible leader too (the person's due-soon is not repeated).
        _app.Clock.Advance(TimeSpan.FromDays(5));
        await TwiceAtOnceAsync(RunJobAsync);
        await TwiceAtOnceAsync(SendMailAsync);
        Assert.Equal(["deputy2", "staff.a"], await RecipientsAsync(NotificationKind.DeadlineReached));
        var second = await MineAsync(3);
        var toLeader = second.Single(m => m.To.Mailboxes.Single().Address == "deputy2@jx.example.cn");
        Assert.StartsWith("[Rectification]", toLeader.Subject, StringComparison.Ordinal);

        // Three days overdue: the unit's head and the inspection office join.
        _app.Clock.Advance(TimeSpan.FromDays(3));
        await TwiceAtOnceAsync(RunJobAsync);
        await TwiceAtOnceAsync(SendMailAsync);
        Assert.Equal(["deputy2", "head.a", "inspector", "staff.a"], await RecipientsAsync(NotificationKind.Overdue));
        var third = await MineAsync(7);
        Assert.Contains(third, m => m.To.Mailboxes.Single().Address == "inspector@jx.example.cn" && (m.TextBody ?? string.Empty).Contains("3", StringComparison.Ordinal));

        // Another run the same day, as after a restart: nothing new, nothing sent twice.
        Assert.Equal(0, await RunJobAsync());
        Assert.Equal(0, await SendMailAsync());
        await Task.Delay(500);
        Assert.Equal(7, _app.Smtp.Messages.Count(m => (m.TextBody ?? string.Empty).Contains(_title, StringComparison.Ordinal)));
        Assert.Equal(7, await _app.WithDatabaseAsync(db => db.ReminderLogs.CountAsync(r => r.Key.Contains($":{_findingId}:"))));
    }

    [Fact]
    public async Task Assigning_a_finding_tells_its_unit_by_e_mail_once()
    {
        using var inspector = await _app.LoginAsync("inspector");
        var draft = await _app.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == _findingId);
            finding.Status = FindingStatus.Draft;
            await db.SaveChangesAsync();
            return finding.Id;
        });
        var page = await inspector.GetPageAsync($"/Findings/Details/{draft}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await inspector.SubmitAsync(page, "form[data-action='Assign']")).StatusCode);

        Assert.Equal(["head.a", "staff.a"], await RecipientsAsync(NotificationKind.Assigned));
        await TwiceAtOnceAsync(SendMailAsync);
        var mail = await MineAsync(2);
        Assert.Equal(["head.a@jx.example.cn", "staff.a@jx.example.cn"], mail.Select(m => m.To.Mailboxes.Single().Address).Order());
        await Task.Delay(500);
        Assert.Equal(2, (await MineAsync(2)).Count);
    }

    [Fact]
    public async Task Submitting_for_close_off_tells_the_inspection_office_by_e_mail()
    {
        await _app.WithDatabaseAsync(async db =>
        {
            var finding = await db.Findings.SingleAsync(f => f.Id == _findingId);
            finding.RectificationSummary = "已建立采购票据台账,逐月核对。";
            var item = new Rectification.Core.Evidence.EvidenceItem
            {
                FindingId = _findingId,
                Description = "票据台账",
                EvidenceDate = Today,
                CreatedAt = DateTime.UtcNow,
            };
            item.Versions.Add(new Rectification.Core.Evidence.EvidenceVersion
            {
                Number = 1,
                FileName = "台账.pdf",
                Sha256 = new string('a', 64),
                Length = 1,
                UploadedByName = "张三",
                UploadedAt = DateTime.UtcNow,
            });
            db.EvidenceItems.Add(item);
            await db.SaveChangesAsync();
            return 0;
        });
        using var head = await _app.LoginAsync("head.a");
        var page = await head.GetPageAsync($"/Findings/Details/{_findingId}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await head.SubmitAsync(page, "form[data-action='Submit']")).StatusCode);

        // The inspection office, whose scope covers the unit, is told; the unit that asked is not.
        Assert.Equal(["inspector"], await RecipientsAsync(NotificationKind.SubmittedForReview));
        await SendMailAsync();
        var mail = Assert.Single(await MineAsync(1));
        Assert.Equal("inspector@jx.example.cn", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("【巡察整改】申请销号:", mail.Subject, StringComparison.Ordinal);
    }

    /// <summary>The e-mails about this test's finding (the demo's own findings send theirs too), once there are <paramref name="count"/>.</summary>
    private async Task<List<MimeKit.MimeMessage>> MineAsync(int count)
    {
        for (var wait = 0; wait < 100; wait++)
        {
            var mine = _app.Smtp.Messages.Where(m => (m.TextBody ?? string.Empty).Contains(_title, StringComparison.Ordinal)).ToList();
            if (mine.Count >= count)
            {
                return mine;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Expected {count} e-mails about the finding.");
    }

    private async Task<int> RunJobAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private async Task<int> SendMailAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendPendingAsync(CancellationToken.None);
    }

    /// <summary>Two runs at the same moment, as on two instances.</summary>
    private static async Task TwiceAtOnceAsync(Func<Task<int>> run) => await Task.WhenAll(Task.Run(run), Task.Run(run));

    private Task<List<string>> RecipientsAsync(NotificationKind kind) => _app.WithDatabaseAsync(db => db.Notifications
        .Where(n => n.FindingId == _findingId && n.Kind == kind)
        .Select(n => n.User!.UserName!)
        .OrderBy(n => n)
        .ToListAsync());

    /// <summary>The app with e-mail on, pointed at an SMTP server running in this process.</summary>
    private sealed class MailFactory : AppFactory
    {
        public TestSmtpServer Smtp { get; private set; } = null!;

        public async Task StartSmtpAsync()
        {
            Smtp = await TestSmtpServer.StartAsync();
            _ = Services; // start the app now, with the server's port in its settings
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Smtp:Host", Smtp.Host);
            builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Smtp:Security", "None");
            builder.UseSetting("Smtp:FromAddress", "zhenggai@jx.example.cn");
            builder.UseSetting("App:BaseUrl", "https://zhenggai.jx.example.cn/");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }
}
