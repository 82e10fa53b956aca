using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Findings;
using Rectification.Core.Notifications;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Two instances of the app on one database and one evidence store, as behind a load balancer without sticky
/// sessions: a user moves freely between them, files uploaded through one download through the other, background
/// work running on both at once does everything once, and an edit made on one is a conflict on the other.
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private TestSmtpServer _smtp = null!;
    private AppFactory _first = null!;
    private AppFactory _second = null!;

    public async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _first = AppFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = _smtp.Host,
            ["Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:FromAddress"] = "zhenggai@jx.example.cn",
        });
        _ = _first.Services;
        _second = AppFactory.OnDatabaseOf(_first);
        _ = _second.Services;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_user_signed_in_on_one_instance_carries_on_on_the_other()
    {
        // The sign-in cookie copied to the other instance, as a load balancer sends the next request there.
        using var anonymous = _first.Anonymous();
        var cookie = AppClient.AuthCookie(await anonymous.LoginAsync("inspector", Demo.Password))!;
        using var copy = _second.WithCookie(cookie);
        var name = await _first.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == "inspector").Select(u => u.DisplayName).SingleAsync());
        Assert.Contains(name, (await copy.GetPageAsync("/Findings")).QuerySelector("#user-menu")!.TextContent);

        // One browser whose requests alternate between the instances: a form from one is posted to the other
        // (the antiforgery token is protected with the shared keys too), and the result shows on the first.
        var jar = new CookieContainer();
        using var onFirst = Browser(_first, jar);
        using var onSecond = Browser(_second, jar);
        await onFirst.LoginAsync("inspector", Demo.Password);
        var findingId = await _first.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var form = await onSecond.GetPageAsync($"/Findings/Edit/{findingId}");
        var saved = await onFirst.SubmitAsync(form, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "跨实例保存的标题" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("跨实例保存的标题", (await onSecond.GetPageAsync($"/Findings/Details/{findingId}")).Text());

        // Signing out through one instance ends that session on both, even for a copy of its cookie kept from
        // before; the other session (the first copied cookie) goes on.
        var kept = jar.GetCookies(AppFactory.BaseAddress)[AppClient.AuthCookieName]!;
        var logout = await onSecond.PostAsync("/Account/Logout", [], tokenPage: "/Findings");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        using var replay = _first.WithCookie($"{kept.Name}={kept.Value}");
        Assert.True(Accounts.IsLoginRedirect(await replay.GetAsync("/Findings")));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Findings")).StatusCode);
    }

    [Fact]
    public async Task A_unit_renamed_on_one_instance_shows_in_the_other_instances_pickers_at_its_next_request()
    {
        using var onFirst = await _first.LoginAsync("inspector");
        using var adminOnSecond = await _second.LoginAsync("admin");
        var unitB = await _first.UnitIdAsync(DemoData.UnitB);
        async Task<string> PickerOnFirstAsync() =>
            (await onFirst.GetPageAsync("/Findings")).QuerySelector($"select[name='UnitId'] option[value='{unitB}']")!.TextContent.Trim();
        Assert.DoesNotContain("改名后的教办", await PickerOnFirstAsync());

        // The first instance keeps the unit tree in memory; the rename saved through the second moves the tree's revision.
        var form = await adminOnSecond.GetPageAsync($"/Units/Edit/{unitB}");
        var saved = await adminOnSecond.SubmitAsync(form, "form[action^='/Units/Edit']", new() { ["Input.Name"] = "改名后的教办" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("改名后的教办", await PickerOnFirstAsync());
    }

    [Fact]
    public async Task Evidence_uploaded_through_one_instance_downloads_through_the_other_byte_for_byte()
    {
        using var anonymous = _first.Anonymous();
        var cookie = AppClient.AuthCookie(await anonymous.LoginAsync("staff.a", Demo.Password))!;
        var findingId = await _first.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var jar = new CookieContainer();
        using var staff = Browser(_first, jar);
        await staff.LoginAsync("staff.a", Demo.Password);
        var content = SampleFiles.Pdf(3 * 1024 * 1024, seed: 11);

        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var uploaded = await staff.UploadAsync(
            page,
            "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = "两个实例共用的佐证材料", ["Input.EvidenceDate"] = "2026-11-20" },
            ("整改会议纪要(实例一上传).pdf", content));
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await AppClient.ParseAsync(uploaded)).Errors()));
        var version = await _first.WithDatabaseAsync(db => db.EvidenceVersions
            .SingleAsync(v => v.EvidenceItem!.FindingId == findingId && v.FileName == "整改会议纪要(实例一上传).pdf"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), version.Sha256);

        using var other = _second.WithCookie(cookie);
        var download = await other.GetAsync($"/Evidence/Download/{version.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("整改会议纪要(实例一上传).pdf", download.Content.Headers.ContentDisposition!.FileNameStar);

        // And the other way round, through the same browser moving between the instances.
        using var staffOnSecond = Browser(_second, jar);
        var second = SampleFiles.Pdf(8192, seed: 12);
        page = await staffOnSecond.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        uploaded = await staffOnSecond.UploadAsync(
            page,
            "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = "实例二上传的材料", ["Input.EvidenceDate"] = "2026-11-21" },
            ("现场查验记录(实例二上传).pdf", second));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var secondId = await _first.WithDatabaseAsync(db => db.EvidenceVersions
            .Where(v => v.FileName == "现场查验记录(实例二上传).pdf").Select(v => v.Id).SingleAsync());
        Assert.Equal(second, await (await staff.GetAsync($"/Evidence/Download/{secondId}")).Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Reminders_and_their_e_mails_made_on_both_instances_at_once_are_made_and_sent_once()
    {
        // Everyone has an address, so every reminder also wants an e-mail.
        await _first.WithDatabaseAsync(async db =>
        {
            foreach (var user in await db.Users.ToListAsync())
            {
                user.Email = user.UserName + "@jx.example.cn";
                user.NormalizedEmail = user.Email.ToUpperInvariant();
            }

            await db.SaveChangesAsync();
        });
        var remindersBefore = await _first.WithDatabaseAsync(db => db.ReminderLogs.CountAsync());
        var lastBefore = await _first.WithDatabaseAsync(db => db.Notifications.MaxAsync(n => (long?)n.Id)) ?? 0;
        var logsBefore = remindersBefore;

        // Three days on, both instances' clocks at the same moment: the demo has findings due soon, at their
        // deadline and overdue by then.
        foreach (var day in new[] { 0, 3 })
        {
            _first.Clock.SetUtcNow(AppFactory.Start.AddDays(day));
            _second.Clock.SetUtcNow(AppFactory.Start.AddDays(day));
            var made = await Task.WhenAll(Task.Run(() => RunJobAsync(_first)), Task.Run(() => RunJobAsync(_second)), Task.Run(() => RunJobAsync(_second)));
            var logged = await _first.WithDatabaseAsync(db => db.ReminderLogs.CountAsync());
            Assert.Equal(logged - remindersBefore, made.Sum());
            remindersBefore = logged;
        }

        var reminders = await _first.WithDatabaseAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Id > lastBefore)
            .Where(n => n.Kind == NotificationKind.DueSoon || n.Kind == NotificationKind.DeadlineReached || n.Kind == NotificationKind.Overdue
                || n.Kind == NotificationKind.FollowUpDue || n.Kind == NotificationKind.FollowUpLapsed || n.Kind == NotificationKind.MeasureOverdue)
            .Select(n => new { n.UserId, n.FindingId, n.Kind, n.Date })
            .ToListAsync());
        Assert.True(reminders.Count >= 3, $"The demo should give several reminders, got {reminders.Count}.");
        Assert.Contains(reminders, r => r.Kind == NotificationKind.Overdue);
        // A deadline reminder is one per user, finding, stage and deadline; follow-up and measure reminders may repeat
        // those (two stages of one 回头看, two measures of one finding), and their uniqueness is the log count below.
        var deadlineReminders = reminders.Where(r => r.Kind is NotificationKind.DueSoon or NotificationKind.DeadlineReached or NotificationKind.Overdue).ToList();
        Assert.Equal(deadlineReminders.Count, deadlineReminders.Distinct().Count());
        Assert.Contains(reminders, r => r.Kind is NotificationKind.FollowUpDue or NotificationKind.FollowUpLapsed);
        Assert.Equal(reminders.Count, await _first.WithDatabaseAsync(db => db.ReminderLogs.CountAsync()) - logsBefore);

        var sent = await Task.WhenAll(Task.Run(() => SendMailAsync(_first)), Task.Run(() => SendMailAsync(_second)), Task.Run(() => SendMailAsync(_first)));
        var wanted = await _first.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.EmailWanted));
        Assert.Equal(wanted, sent.Sum());
        Assert.Equal(wanted, await _first.WithDatabaseAsync(db => db.Notifications.CountAsync(n => n.EmailWanted && n.EmailSentAt != null)));
        await _smtp.WaitForAsync(wanted, TimeSpan.FromSeconds(10));
        await Task.Delay(500); // a duplicate would arrive now
        Assert.Equal(wanted, _smtp.Messages.Count);

        // Later runs on either instance find nothing left to do.
        Assert.Equal(0, await RunJobAsync(_second));
        Assert.Equal(0, await SendMailAsync(_first) + await SendMailAsync(_second));
    }

    [Fact]
    public async Task An_edit_saved_on_one_instance_is_a_conflict_for_a_stale_form_on_the_other()
    {
        using var onFirst = await _first.LoginAsync("inspector");
        using var onSecond = await _second.LoginAsync("inspector");
        var findingId = await _first.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var url = $"/Findings/Edit/{findingId}";
        var firstForm = await onFirst.GetPageAsync(url);
        var secondForm = await onSecond.GetPageAsync(url);

        var firstSave = await onFirst.SubmitAsync(firstForm, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "实例一保存的标题" });
        var secondSave = await onSecond.SubmitAsync(secondForm, "form[action^='/Findings/Edit']", new() { ["Input.Title"] = "实例二保存的标题" });

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        var conflict = await AppClient.ParseAsync(secondSave);
        Assert.Contains(conflict.Errors(), e => e.Contains("修改了这个问题", StringComparison.Ordinal));
        Assert.Contains("实例一保存的标题", conflict.QuerySelector("[data-conflict]")!.TextContent);
        Assert.Equal("实例一保存的标题", (await _second.LoadFindingAsync(findingId)).Title);
    }

    /// <summary>A browser on one instance with a cookie jar that other "browsers" on other instances may share.</summary>
    private static AppClient Browser(AppFactory app, CookieContainer jar) =>
        new(app.CreateDefaultClient(AppFactory.BaseAddress, new CookieContainerHandler(jar)));

    private static async Task<int> RunJobAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<int> SendMailAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailOutbox>().SendPendingAsync(CancellationToken.None);
    }
}
