using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Two-factor authentication with an authenticator app. Codes are computed here from the shared key the setup
/// page shows, by RFC 6238, at the real time: the authenticator provider reads the machine's clock. Each code works
/// once, so a test that needs a second code takes the app's next one (30 s ahead), which the provider accepts at
/// once (it allows two steps either way).
/// </summary>
public sealed class TwoFactorTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void The_test_authenticator_matches_the_rfc_6238_reference_values()
    {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", 8 digits.
        var secret = "12345678901234567890"u8.ToArray();
        Assert.Equal("94287082", Totp.Code(secret, 59 / 30, digits: 8));
        Assert.Equal("07081804", Totp.Code(secret, 1111111109 / 30, digits: 8));
        Assert.Equal("65353130", Totp.Code(secret, 20000000000 / 30, digits: 8));
    }

    [Fact]
    public async Task Enabling_with_a_code_then_signing_in_asks_for_the_code()
    {
        using var user = await app.LoginAsync("staff.a");
        var setup = await user.GetPageAsync("/TwoFactor/Setup");
        var key = SharedKey(setup);

        var qr = await user.GetAsync("/TwoFactor/QrCode");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.True(qr.Headers.CacheControl!.NoStore);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        var wrong = await user.SubmitAsync(setup, "form[action='/TwoFactor/Setup']", new() { ["Code"] = WrongCode(key) });
        Assert.Contains("验证码不正确,请核对手机时间后输入应用中当前显示的验证码。", (await AppClient.ParseAsync(wrong)).Errors());

        var (enabledKey, codes) = await EnableAsync(user);
        Assert.Equal(key, enabledKey);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.NotNull((await user.GetPageAsync("/TwoFactor")).QuerySelector("[data-two-factor='enabled']"));
        // The key of an active authenticator is not shown again.
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync("/TwoFactor/QrCode")).StatusCode);

        using var client = app.Anonymous();
        var first = await client.SubmitLoginAsync("staff.a", Demo.Password);
        Assert.Equal("/Account/LoginWithCode", Accounts.RedirectPath(first));
        Assert.Null(AppClient.AuthCookie(first));
        Assert.True(Accounts.IsLoginRedirect(await client.GetAsync("/Findings")));

        // The set-up used the current step's code, and a code works once: the app's next one signs in.
        var second = await SubmitCodeAsync(client, "/Account/LoginWithCode", Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
    }

    [Fact]
    public async Task The_same_code_does_not_sign_in_a_second_session()
    {
        string key;
        using (var user = await app.LoginAsync("head.b"))
        {
            (key, _) = await EnableAsync(user);
        }

        // Steps after the set-up's, all within the accepted window (two steps ahead).
        var now = DateTimeOffset.UtcNow;
        var code = Totp.Code(key, now.AddSeconds(30));
        var next = Totp.Code(key, now.AddSeconds(60));

        using var first = app.Anonymous();
        await first.SubmitLoginAsync("head.b", Demo.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(first, "/Account/LoginWithCode", code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Findings")).StatusCode);

        // Someone else with the password and the code just typed (over a shoulder, through a phishing page).
        using var second = app.Anonymous();
        await second.SubmitLoginAsync("head.b", Demo.Password);
        var replayed = await SubmitCodeAsync(second, "/Account/LoginWithCode", code);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains(Accounts.CodeAlreadyUsed, (await AppClient.ParseAsync(replayed)).Errors());
        Assert.Null(AppClient.AuthCookie(replayed));
        Assert.True(Accounts.IsLoginRedirect(await second.GetAsync("/Findings")));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Findings")).StatusCode);

        // The app's next code works.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(second, "/Account/LoginWithCode", next)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/Findings")).StatusCode);

        // Once a step is used, so are the ones before it: the first code, sent again, and an earlier one.
        using var third = app.Anonymous();
        await third.SubmitLoginAsync("head.b", Demo.Password);
        Assert.Contains(Accounts.CodeAlreadyUsed, (await AppClient.ParseAsync(await SubmitCodeAsync(third, "/Account/LoginWithCode", code))).Errors());
        Assert.Contains(Accounts.CodeAlreadyUsed, (await AppClient.ParseAsync(
            await SubmitCodeAsync(third, "/Account/LoginWithCode", Totp.Code(key, now.AddSeconds(-30))))).Errors());
        var failures = await app.WithDatabaseAsync(db => db.AuditEntries
            .Where(e => e.Action == Rectification.Core.Auditing.AuditActions.LoginFailed && e.UserName.StartsWith("head.b(")
                && e.Details!.Contains(nameof(Rectification.Core.Accounts.LoginOutcome.CodeAlreadyUsed)))
            .CountAsync());
        Assert.Equal(3, failures);
    }

    [Fact]
    public async Task Two_sign_ins_with_the_same_code_at_the_same_moment_let_one_through()
    {
        string key;
        using (var user = await app.LoginAsync("deputy1"))
        {
            (key, _) = await EnableAsync(user);
        }

        var code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        var clients = Enumerable.Range(0, 4).Select(_ => app.Anonymous()).ToList();
        try
        {
            var forms = new List<IHtmlDocument>();
            foreach (var client in clients)
            {
                await client.SubmitLoginAsync("deputy1", Demo.Password);
                forms.Add(await client.GetPageAsync("/Account/LoginWithCode"));
            }

            var answers = await Task.WhenAll(clients.Select((client, i) =>
                client.SubmitAsync(forms[i], "form[action='/Account/LoginWithCode']", new() { ["Code"] = code })));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
            Assert.Single(answers, a => AppClient.AuthCookie(a) is not null);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Two_sign_ins_with_the_same_recovery_code_at_the_same_moment_let_one_through()
    {
        IReadOnlyList<string> codes;
        using (var user = await app.LoginAsync("head.b2"))
        {
            (_, codes) = await EnableAsync(user);
        }

        var clients = Enumerable.Range(0, 4).Select(_ => app.Anonymous()).ToList();
        try
        {
            var forms = new List<IHtmlDocument>();
            foreach (var client in clients)
            {
                await client.SubmitLoginAsync("head.b2", Demo.Password);
                forms.Add(await client.GetPageAsync("/Account/LoginWithRecoveryCode"));
            }

            var answers = await Task.WhenAll(clients.Select((client, i) =>
                client.SubmitAsync(forms[i], "form[action='/Account/LoginWithRecoveryCode']", new() { ["Code"] = codes[0] })));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
            Assert.Equal(9, await app.WithDatabaseAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.UserName == "head.b2");
                var stored = await db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync();
                return stored!.Split(';').Length;
            }));
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Confirming_the_set_up_takes_a_code_only_once()
    {
        using var user = await app.LoginAsync("staff.b");
        var now = DateTimeOffset.UtcNow;
        var (key, _) = await EnableAsync(user, now);

        // Off and on again keeps the key: the code that confirmed it the first time does not confirm it again.
        var status = await user.GetPageAsync("/TwoFactor");
        await user.SubmitAsync(status, "form[action='/TwoFactor/Disable']", new() { ["Password"] = Demo.Password });
        var setup = await user.GetPageAsync("/TwoFactor/Setup");
        Assert.Equal(key, SharedKey(setup));
        var again = await user.SubmitAsync(setup, "form[action='/TwoFactor/Setup']", new() { ["Code"] = Totp.Code(key, now) });
        Assert.Contains("验证码不正确,请核对手机时间后输入应用中当前显示的验证码。", (await AppClient.ParseAsync(again)).Errors());
        Assert.NotNull((await user.GetPageAsync("/TwoFactor")).QuerySelector("[data-two-factor='disabled']"));

        await EnableAsync(user, now.AddSeconds(30));
        Assert.NotNull((await user.GetPageAsync("/TwoFactor")).QuerySelector("[data-two-factor='enabled']"));
    }

    [Fact]
    public async Task A_new_key_takes_its_first_code_at_once()
    {
        using var user = await app.LoginAsync("head.a");
        var now = DateTimeOffset.UtcNow;
        var (oldKey, _) = await EnableAsync(user, now.AddSeconds(60));

        // The old key's codes are used up to two steps ahead; the new key's current code has never been used.
        var status = await user.GetPageAsync("/TwoFactor");
        await user.SubmitAsync(status, "form[action='/TwoFactor/Reset']", new() { ["Password"] = Demo.Password });
        var (newKey, _) = await EnableAsync(user, now);
        Assert.NotEqual(oldKey, newKey);

        using var client = app.Anonymous();
        await client.SubmitLoginAsync("head.a", Demo.Password);
        Assert.Contains(Accounts.SecondStepRefused, (await AppClient.ParseAsync(
            await SubmitCodeAsync(client, "/Account/LoginWithCode", Totp.Code(oldKey, now.AddSeconds(90))))).Errors());
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(client, "/Account/LoginWithCode", Totp.Code(newKey, now.AddSeconds(30)))).StatusCode);
    }

    [Fact]
    public async Task Saving_a_user_read_before_a_code_was_used_does_not_make_the_code_usable_again()
    {
        var userId = await app.UserIdAsync("deputy2");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Rectification.Core.Accounts.AppUser>>();
        var stale = (await users.FindByIdAsync(userId))!;

        // Another request accepts a code meanwhile.
        await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, 123_456L)));

        // Identity writes the whole user from its copy (here: a changed title), but never this column.
        stale.Title = "改过的职务";
        Assert.True((await users.UpdateAsync(stale)).Succeeded);
        var saved = await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => new { u.LastTotpStep, u.Title }).SingleAsync());
        Assert.Equal("改过的职务", saved.Title);
        Assert.Equal(123_456L, saved.LastTotpStep);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        using var user = await app.LoginAsync("head.a1");
        var (_, codes) = await EnableAsync(user);

        using (var client = app.Anonymous())
        {
            await client.SubmitLoginAsync("head.a1", Demo.Password);
            var signedIn = await SubmitCodeAsync(client, "/Account/LoginWithRecoveryCode", codes[3].ToLowerInvariant());
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
            Assert.Contains("剩余恢复码9个", (await client.GetPageAsync("/TwoFactor")).Text());
        }

        using var again = app.Anonymous();
        await again.SubmitLoginAsync("head.a1", Demo.Password);
        var reused = await SubmitCodeAsync(again, "/Account/LoginWithRecoveryCode", codes[3]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains(Accounts.SecondStepRefused, (await AppClient.ParseAsync(reused)).Errors());
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(again, "/Account/LoginWithRecoveryCode", codes[4])).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_like_five_wrong_passwords()
    {
        string key;
        using (var user = await app.LoginAsync("head.finance"))
        {
            (key, _) = await EnableAsync(user);
        }

        using var client = app.Anonymous();
        await client.SubmitLoginAsync("head.finance", Demo.Password);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var refused = await SubmitCodeAsync(client, "/Account/LoginWithCode", WrongCode(key));
            Assert.Contains(Accounts.SecondStepRefused, (await AppClient.ParseAsync(refused)).Errors());
        }

        var right = await SubmitCodeAsync(client, "/Account/LoginWithCode", Totp.Code(key, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Accounts.SecondStepRefused, (await AppClient.ParseAsync(right)).Errors());

        using var fresh = app.Anonymous();
        var password = await fresh.SubmitLoginAsync("head.finance", Demo.Password);
        Assert.Contains(Accounts.LoginRefused, (await AppClient.ParseAsync(password)).Errors());
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password()
    {
        using var user = await app.LoginAsync("head.disc");
        await EnableAsync(user);

        var status = await user.GetPageAsync("/TwoFactor");
        await user.SubmitAsync(status, "form[action='/TwoFactor/Disable']", new() { ["Password"] = "Wrong#2026" });
        Assert.NotNull((await user.GetPageAsync("/TwoFactor")).QuerySelector("[data-two-factor='enabled']"));

        status = await user.GetPageAsync("/TwoFactor");
        await user.SubmitAsync(status, "form[action='/TwoFactor/Disable']", new() { ["Password"] = Demo.Password });
        Assert.NotNull((await user.GetPageAsync("/TwoFactor")).QuerySelector("[data-two-factor='disabled']"));
        using var client = app.Anonymous();
        Assert.Equal("/", Accounts.RedirectPath(await client.SubmitLoginAsync("head.disc", Demo.Password)));
    }

    [Fact]
    public async Task A_role_that_requires_it_must_set_it_up_before_anything_else()
    {
        using var app = AppFactory.WithSettings(new Dictionary<string, string?> { ["Account:RequireTwoFactorForRoles:0"] = "InspectionOffice" });
        using (var leader = await app.LoginAsync("leader"))
        {
            Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/Findings")).StatusCode);
        }

        using var inspector = await app.LoginAsync("inspector");
        Assert.Equal("/TwoFactor/Setup", Accounts.RedirectPath(await inspector.GetAsync("/Findings")));
        Assert.Equal("/TwoFactor/Setup", Accounts.RedirectPath(await inspector.GetAsync("/Review")));
        Assert.Equal("/TwoFactor/Setup", Accounts.RedirectPath(await inspector.GetAsync("/TwoFactor")));
        var setup = await inspector.GetPageAsync("/TwoFactor/Setup");
        Assert.NotNull(setup.QuerySelector("[data-two-factor='required']"));

        await EnableAsync(inspector);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync("/Findings")).StatusCode);

        // It cannot be turned off while the role requires it.
        var status = await inspector.GetPageAsync("/TwoFactor");
        Assert.Null(status.QuerySelector("form[action='/TwoFactor/Disable']"));
        await inspector.PostAsync("/TwoFactor/Disable", new() { ["Password"] = Demo.Password }, "/TwoFactor");
        Assert.NotNull((await inspector.GetPageAsync("/TwoFactor")).QuerySelector("[data-two-factor='enabled']"));

        using var next = app.Anonymous();
        Assert.Equal("/Account/LoginWithCode", Accounts.RedirectPath(await next.SubmitLoginAsync("inspector", Demo.Password)));
    }

    /// <summary>
    /// Sets up the authenticator as a user would, with the code the app shows at <paramref name="at"/> (now unless
    /// given); returns the key the page showed and the recovery codes.
    /// </summary>
    private static async Task<(string Key, IReadOnlyList<string> Codes)> EnableAsync(AppClient user, DateTimeOffset? at = null)
    {
        var setup = await user.GetPageAsync("/TwoFactor/Setup");
        var key = SharedKey(setup);
        var enabled = await user.SubmitAsync(setup, "form[action='/TwoFactor/Setup']", new() { ["Code"] = Totp.Code(key, at ?? DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        IReadOnlyList<string> codes = [.. (await AppClient.ParseAsync(enabled)).QuerySelectorAll("[data-recovery-code]").Select(e => e.TextContent.Trim())];
        Assert.NotEmpty(codes);
        return (key, codes);
    }

    private static async Task<HttpResponseMessage> SubmitCodeAsync(AppClient client, string page, string code)
    {
        var form = await client.GetPageAsync(page);
        return await client.SubmitAsync(form, $"form[action='{page}']", new() { ["Code"] = code });
    }

    private static string SharedKey(IHtmlDocument setup) => setup.QuerySelector("[data-shared-key]")!.TextContent.Trim();

    /// <summary>A six-digit code that no step within Identity's window (±2 steps of 30 s) accepts.</summary>
    private static string WrongCode(string key)
    {
        var now = DateTimeOffset.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }
}
