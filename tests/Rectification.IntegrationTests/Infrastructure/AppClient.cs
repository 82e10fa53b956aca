using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// A signed-in (or anonymous) user driving the app over HTTP the way a browser does: pages are parsed, forms are
/// filled from what the page holds and posted with their own antiforgery token.
/// </summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser s_parser = new();

    public HttpClient Http { get; } = http;

    public const string AuthCookieName = "Rectification.Auth";

    public async Task<HttpResponseMessage> LoginAsync(string userName, string password)
    {
        var response = await SubmitLoginAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Login of {userName} failed: {(int)response.StatusCode}");
        return response;
    }

    /// <summary>Fills in and posts the login form; the response is the page's answer, whatever it is.</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(string userName, string password)
    {
        var page = await GetPageAsync("/Account/Login");
        return await SubmitAsync(page, "form[action='/Account/Login']", new() { ["UserName"] = userName, ["Password"] = password });
    }

    /// <summary>The sign-in cookie a response sets, as a Cookie header ("name=value"), or null when it sets none.</summary>
    public static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith(AuthCookieName + "=", StringComparison.Ordinal) && v.Length > AuthCookieName.Length + 1)
            : null;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    /// <summary>GETs a page that must answer 200, and parses it.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}: {Excerpt(body)}");
        return Parse(body);
    }

    public static IHtmlDocument Parse(string html) => s_parser.ParseDocument(html);

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Submits a form of <paramref name="page"/> as a browser would: its current field values, with
    /// <paramref name="values"/> typed over them, to its action, with its antiforgery token.
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, Dictionary<string, string?>? values = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var fields = FormFields(form, values);

        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action.");
        return Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Submits a multipart form the way a browser does: its fields in document order (so the antiforgery token
    /// comes first), then the files, their names as raw UTF-8 in <c>filename="…"</c> like Chrome sends them.
    /// </summary>
    public Task<HttpResponseMessage> UploadAsync(
        IHtmlDocument page, string formSelector, Dictionary<string, string?> values, params (string FileName, byte[] Content)[] files) =>
        UploadAsync(page, formSelector, values, files.Select(f => (f.FileName, (HttpContent)new ByteArrayContent(f.Content))).ToArray());

    public Task<HttpResponseMessage> UploadAsync(
        IHtmlDocument page, string formSelector, Dictionary<string, string?> values, params (string FileName, HttpContent Content)[] files) =>
        UploadAsync(page, formSelector, values, CancellationToken.None, files);

    public Task<HttpResponseMessage> UploadAsync(
        IHtmlDocument page, string formSelector, Dictionary<string, string?> values, CancellationToken cancellationToken,
        params (string FileName, HttpContent Content)[] files)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page.");
        var fields = FormFields(form, values);

        // MultipartContent rather than MultipartFormDataContent: the latter rewrites Content-Disposition headers
        // it cannot parse, and a browser's raw UTF-8 file name is one of those.
        var content = new MultipartContent("form-data", "----RectificationBoundary" + Guid.NewGuid().ToString("N"))
        {
            HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
        };
        foreach (var (name, value) in fields)
        {
            var field = new StringContent(value);
            field.Headers.ContentType = null;
            field.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{name}\"");
            content.Add(field);
        }

        foreach (var (fileName, file) in files)
        {
            file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"files\"; filename=\"{fileName}\"");
            file.Headers.TryAddWithoutValidation("Content-Type", "application/octet-stream");
            content.Add(file);
        }

        return Http.PostAsync(form.GetAttribute("action"), content, cancellationToken);
    }

    /// <summary>
    /// POSTs fields to any URL with a valid antiforgery token taken from <paramref name="tokenPage"/>, as an
    /// attacker with a real session would: it proves that a refusal comes from the scope or role checks.
    /// </summary>
    public async Task<HttpResponseMessage> PostAsync(string url, Dictionary<string, string> fields, string tokenPage = "/")
    {
        var page = await GetPageAsync(tokenPage);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenPage}.");
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Http.PostAsync(url, new FormUrlEncodedContent(content));
    }

    public void Dispose() => Http.Dispose();

    /// <summary>A form's fields as a browser would send them, with <paramref name="values"/> typed over them.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form, Dictionary<string, string?>? values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input
                    when input.Type is not ("checkbox" or "radio" or "submit" or "button" or "file") || input.IsChecked:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        foreach (var (name, value) in values ?? [])
        {
            var at = fields.FindIndex(f => f.Key == name);
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Insert(at < 0 ? fields.Count : at, new(name, value));
            }
        }

        return fields;
    }

    private static string Excerpt(string body) => body.Length > 400 ? body[..400] : body;
}
