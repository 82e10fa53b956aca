using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>An app in the Production environment, where an unhandled exception becomes a 500 page.</summary>
public sealed class ProductionApp : IDisposable
{
    public AppFactory App { get; } = AppFactory.InEnvironment("Production");

    public void Dispose() => App.Dispose();
}

/// <summary>
/// The server errors the security review found, each asked for again in the Production environment: a malformed
/// upload, a form field over the upload reader's limit, a date at the end of the calendar, a status code that is not
/// one, a check box that is not a bool, a version that is not a number. Each is the client's mistake: 400, or the form
/// again with the reason, never a 500, and nothing saved.
/// </summary>
public sealed class MalformedRequestTests(ProductionApp production) : IClassFixture<ProductionApp>
{
    private const string Boundary = "----MalformedBoundary";

    private AppFactory App => production.App;

    public static TheoryData<string, string> Uploads()
    {
        var data = new TheoryData<string, string>();
        foreach (var upload in new[] { "evidence", "mechanism", "ledger" })
        {
            foreach (var body in new[] { "no closing boundary", "Content-Type ;;;", "no Content-Type", "urlencoded", "multipart without boundary" })
            {
                data.Add(upload, body);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task A_malformed_upload_is_refused_with_400_and_keeps_nothing(string upload, string body)
    {
        var (client, page) = await UploadPageAsync(upload);
        using var _ = client;
        var token = Token(page);
        var before = await DataFingerprint.TakeAsync(App);

        using var request = new HttpRequestMessage(HttpMethod.Post, page.QuerySelector("form[enctype='multipart/form-data']")!.GetAttribute("action"));
        request.Content = body switch
        {
            "no closing boundary" => Content(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n" +
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 and then nothing",
                $"multipart/form-data; boundary={Boundary}"),
            "Content-Type ;;;" => Content("a=b", ";;;"),
            "no Content-Type" => Content("a=b", null),
            "urlencoded" => Content($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Description=x", "application/x-www-form-urlencoded"),
            _ => Content($"--{Boundary}\r\n\r\n", "multipart/form-data"),
        };
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", (await AppClient.ParseAsync(response)).Text(), StringComparison.Ordinal);
        Assert.Empty(DataFingerprint.Changed(before, await DataFingerprint.TakeAsync(App)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(App.EvidenceRoot, "tmp")));
    }

    [Theory]
    [InlineData("zh-CN", "材料说明不能超过500个字")]
    [InlineData("en", "cannot be longer than 500 characters")]
    public async Task A_description_longer_than_the_upload_reader_keeps_is_refused_on_the_form_and_kept(string culture, string message)
    {
        using var staff = await App.LoginAsync("staff.a");
        if (culture != "zh-CN")
        {
            await staff.PostAsync("/Language/Set", new() { ["culture"] = culture, ["returnUrl"] = "/" });
        }

        var findingId = await App.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var description = string.Concat(Enumerable.Repeat("一段很长的材料说明,", 2_000)); // 20,000 characters
        var before = await DataFingerprint.TakeAsync(App);

        var response = await staff.UploadAsync(page, "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = description, ["Input.EvidenceDate"] = "2026-11-20" }, ("说明太长.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var form = await AppClient.ParseAsync(response);
        Assert.Contains(form.Errors(), e => e.Contains(message, StringComparison.Ordinal));
        // What the reader kept of it (its first 16K characters) is back in the box, to shorten rather than retype.
        var kept = form.QuerySelector("[name='Input.Description']")!.GetAttribute("value")!;
        Assert.True(kept.Length >= 16 * 1024 && description.StartsWith(kept, StringComparison.Ordinal), $"Kept {kept.Length} characters");
        Assert.Empty(DataFingerprint.Changed(before, await DataFingerprint.TakeAsync(App)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(App.EvidenceRoot, "tmp")));
    }

    [Theory]
    [InlineData("/Audit?To=9999-12-31")]
    [InlineData("/Audit?From=0001-01-01&To=9999-12-31")]
    [InlineData("/Audit/Export?To=9999-12-31")]
    public async Task An_audit_range_to_the_end_of_the_calendar_means_no_limit(string url)
    {
        using var inspector = await App.LoginAsync("inspector");
        var response = await inspector.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // This test's own sign-in is within the range, on the page (data-action) and in the export.
        Assert.True(body.Contains("data-action=\"Login\"", StringComparison.Ordinal) || body.Contains(",Login,", StringComparison.Ordinal), body[..Math.Min(300, body.Length)]);
    }

    /// <summary>PostgreSQL refuses a NUL in a query parameter: these were server errors there, and only there.</summary>
    [Theory]
    [InlineData("/Findings?Text=%E6%95%B4%E6%94%B9%00")]
    [InlineData("/Audit?User=a%00b")]
    [InlineData("/Users?Text=a%00b")]
    [InlineData("/Users?UnitId=-1")]
    public async Task A_filter_with_a_control_character_or_for_no_unit_finds_nothing_without_error(string url)
    {
        using var admin = await App.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
    }

    /// <summary>A terminal's colour codes pasted with a name, say. (A NUL in a form body the framework itself refuses: 400.)</summary>
    [Fact]
    public async Task Text_with_control_characters_is_refused_on_the_form()
    {
        using var admin = await App.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Units/Create");
        var units = await App.WithDatabaseAsync(db => db.Units.CountAsync());

        var response = await admin.SubmitAsync(page, "form[action='/Units/Create']", new() { ["Input.Name"] = "新单位\u001b[0m\u0007", ["Input.Code"] = "JX-NEW-02" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(response)).Errors(), e => e.Contains("单位名称不能包含控制字符。", StringComparison.Ordinal));
        Assert.Equal(units, await App.WithDatabaseAsync(db => db.Units.CountAsync()));
    }

    [Theory]
    [InlineData("999999999", HttpStatusCode.NotFound)]
    [InlineData("1000", HttpStatusCode.NotFound)]
    [InlineData("-1", HttpStatusCode.NotFound)]
    [InlineData("200", HttpStatusCode.NotFound)]
    [InlineData("404", HttpStatusCode.NotFound)]
    [InlineData("503", HttpStatusCode.ServiceUnavailable)]
    public async Task The_status_page_answers_with_an_error_status_only(string code, HttpStatusCode expected)
    {
        using var visitor = App.Anonymous();
        var response = await visitor.GetAsync($"/Home/Status/{code}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("返回工作台", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    public async Task A_check_box_that_is_not_a_bool_shows_the_form_again_with_the_reason(string value)
    {
        using var admin = await App.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Units/Create");
        var units = await App.WithDatabaseAsync(db => db.Units.CountAsync());

        var response = await admin.SubmitAsync(page, "form[action='/Units/Create']",
            new() { ["Input.Name"] = "新单位", ["Input.Code"] = "JX-NEW-01", ["Input.IsActive"] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(response)).Errors(), e => e.Contains($"启用的值“{value}”无效", StringComparison.Ordinal));
        Assert.Equal(units, await App.WithDatabaseAsync(db => db.Units.CountAsync()));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("99999999999")]
    public async Task A_version_that_is_not_a_number_is_refused_not_read_as_zero(string version)
    {
        using var inspector = await App.LoginAsync("inspector");
        var report = await App.WithDatabaseAsync(db => db.PublicReports.AsNoTracking().OrderBy(r => r.Id).FirstAsync());
        Assert.Equal((0, false), (report.Version, report.IsPublished)); // a version read as 0 would publish it

        var response = await inspector.PostAsync($"/Reports/Publish/{report.Id}", new() { ["version"] = version });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await App.WithDatabaseAsync(db => db.PublicReports.AsNoTracking().SingleAsync(r => r.Id == report.Id));
        Assert.Equal((report.Version, report.IsPublished), (after.Version, after.IsPublished));
    }

    private async Task<(AppClient Client, AngleSharp.Html.Dom.IHtmlDocument Page)> UploadPageAsync(string upload)
    {
        switch (upload)
        {
            case "evidence":
                var staff = await App.LoginAsync("staff.a");
                var findingId = await App.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
                return (staff, await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}"));
            case "mechanism":
                var inspector = await App.LoginAsync("inspector");
                var mechanismId = await App.WithDatabaseAsync(db => db.Mechanisms.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync());
                return (inspector, await inspector.GetPageAsync($"/Mechanisms/Upload/{mechanismId}"));
            default:
                var office = await App.LoginAsync("inspector");
                return (office, await office.GetPageAsync($"/Ledger/Import?inspectionId={await App.InspectionIdAsync()}"));
        }
    }

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("form[enctype='multipart/form-data'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    private static ByteArrayContent Content(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }
}
