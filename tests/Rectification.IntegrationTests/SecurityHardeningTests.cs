using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Response headers, cookie flags, rate and size limits, and what an error shows (nothing of the inside).</summary>
public sealed class SecurityHardeningTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Findings")]
    [InlineData("/Public/Reports")]
    [InlineData("/Findings/Details/987654")]
    [InlineData("/lib/bootstrap/dist/css/bootstrap.min.css")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var client = await app.LoginAsync("inspector");
        var response = await client.GetAsync(url);

        var csp = Single(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_for_the_policy_to_block()
    {
        using var client = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        foreach (var url in new[] { "/", "/Findings", $"/Findings/Details/{findingId}", "/Dashboard", "/Review", "/Account/ChangePassword" })
        {
            var page = await client.GetPageAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"Inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("style"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Only_the_evidence_preview_may_frame_a_file_and_only_from_this_site()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var pdf = await app.WithDatabaseAsync(db => db.EvidenceVersions
            .Where(v => v.EvidenceItem!.Finding!.OwningUnit!.Code == DemoData.UnitA && v.FileType == Rectification.Core.Evidence.EvidenceFileType.Pdf)
            .Select(v => v.Id).FirstAsync());

        var inline = await staffA.GetAsync($"/Evidence/Inline/{pdf}");
        Assert.Equal(HttpStatusCode.OK, inline.StatusCode);
        Assert.Equal("SAMEORIGIN", Single(inline, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'self'", Single(inline, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Single(await staffA.GetAsync($"/Evidence/Download/{pdf}"), "X-Frame-Options"));
    }

    [Fact]
    public async Task Cookies_are_secure_http_only_and_same_site()
    {
        using var client = app.Anonymous();
        var login = await client.GetAsync("/Account/Login");
        var signIn = await client.SubmitLoginAsync("inspector", Demo.Password);
        var language = await client.PostAsync("/Language/Set", new() { ["culture"] = "en", ["returnUrl"] = "/" });

        var cookies = new[] { login, signIn, language }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var v) ? v : []).ToList();
        Assert.Contains(cookies, c => c.StartsWith(AppClient.AuthCookieName + "=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Https_responses_tell_browsers_to_stay_on_https()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://zhenggai.example.gov.cn"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/Account/Login");
        Assert.StartsWith("max-age=31536000", Single(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_beyond_lockout()
    {
        using var limited = AppFactory.WithSettings(new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "3" });
        using var client = limited.Anonymous();
        var answers = new List<HttpStatusCode>();
        foreach (var name in new[] { "staff.a", "staff.b", "head.a", "head.b" })
        {
            answers.Add((await client.SubmitLoginAsync(name, "不是这个密码1a")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var page = AppClient.Parse(await (await client.SubmitLoginAsync("inspector", Demo.Password)).Content.ReadAsStringAsync());
        Assert.Contains("操作过于频繁", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_form_is_refused_and_saves_nothing()
    {
        using var inspector = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var before = await app.LoadFindingAsync(findingId);
        var form = await inspector.GetPageAsync($"/Findings/Edit/{findingId}");

        var response = await inspector.SubmitAsync(form, "form[action^='/Findings/Edit']", new() { ["Input.Description"] = new string('长', 3 * 1024 * 1024) });

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"Answered {(int)response.StatusCode}");
        Assert.Equal(before.Description, (await app.LoadFindingAsync(findingId)).Description);
        AssertNothingInternal(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_failure_inside_shows_the_error_page_without_stack_trace_or_sql()
    {
        using var broken = new AppFactory();
        using var client = await broken.LoginAsync("head.a");
        // Renamed rather than dropped: other tables (group robot messages) hold foreign keys to it, and both providers
        // rename a table with its keys.
        await broken.WithDatabaseAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Notifications\" RENAME TO \"NotificationsGone\""));

        var response = await client.GetAsync("/Notifications");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("出错了", body, StringComparison.Ordinal);
        AssertNothingInternal(body);
    }

    private static void AssertNothingInternal(string body)
    {
        foreach (var leak in new[] { "Exception", "   at ", "SELECT ", "Notifications\" ", "SQLite Error", "Npgsql", "Rectification.Core.", "StackTrace" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : response.Content.Headers.TryGetValues(header, out var content) ? content : []);
}
