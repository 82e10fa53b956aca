using System.Net;
using AngleSharp.Html.Dom;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Two-factor authentication with an authenticator app. Codes are computed here from the shared key the setup
/// page shows, by RFC 6238, at the real time: Identity's authenticator provider reads the machine's clock.
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

        var second = await SubmitCodeAsync(client, "/Account/LoginWithCode", Totp.Code(key, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Findings")).StatusCode);
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

    /// <summary>Sets up the authenticator as a user would; returns the key the page showed and the recovery codes.</summary>
    private static async Task<(string Key, IReadOnlyList<string> Codes)> EnableAsync(AppClient user)
    {
        var setup = await user.GetPageAsync("/TwoFactor/Setup");
        var key = SharedKey(setup);
        var enabled = await user.SubmitAsync(setup, "form[action='/TwoFactor/Setup']", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        return (key, [.. (await AppClient.ParseAsync(enabled)).QuerySelectorAll("[data-recovery-code]").Select(e => e.TextContent.Trim())]);
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
