using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Rectification.Benchmarks;

/// <summary>A signed-in user of the app under test, talking HTTP the way the browser does.</summary>
public sealed partial class Session : IDisposable
{
    private readonly CookieContainer _cookies;

    private Session(HttpClient http, CookieContainer cookies)
    {
        Http = http;
        _cookies = cookies;
    }

    public HttpClient Http { get; }

    public static async Task<Session> LoginAsync(Uri baseAddress, string userName, string password)
    {
        var cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        var session = new Session(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) }, cookies);
        var token = await session.TokenAsync("Account/Login");
        var response = await session.Http.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login of {userName} failed: {(int)response.StatusCode}");
        }

        return session;
    }

    /// <summary>The antiforgery token of a page's first form.</summary>
    public async Task<string> TokenAsync(string url) =>
        TokenPattern().Match(await Http.GetStringAsync(url)).Groups[1].Value is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"No antiforgery token on {url}.");

    public async Task<string> GetStringAsync(string url) => await Http.GetStringAsync(url);

    /// <summary>The findings list's total (its <c>data-total</c>) on a page of the list.</summary>
    public async Task<int> FindingsTotalAsync(string url = "Findings")
    {
        using var response = await Http.GetAsync(url);
        var total = TotalPattern().Match(await response.Content.ReadAsStringAsync());
        return response.StatusCode == HttpStatusCode.OK && total.Success
            ? int.Parse(total.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location} without the list's total.");
    }

    /// <summary>Parses a page, for <see cref="HtmlForm.Find"/>.</summary>
    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The session's cookies as one Cookie header, for a load tool that cannot sign in itself.</summary>
    public string CookieHeader() => _cookies.GetCookieHeader(Http.BaseAddress!);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("data-total=\"(\\d+)\"")]
    private static partial Regex TotalPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>
/// A form of a page as a browser would submit it: its action and its fields in document order (the antiforgery
/// token, hidden fields such as <c>version</c>, what inputs, text areas and selects hold now), for the caller to
/// type over a few of them and post.
/// </summary>
public sealed class HtmlForm
{
    private HtmlForm(string action, List<KeyValuePair<string, string>> fields)
    {
        Action = action;
        Fields = fields;
    }

    public string Action { get; }

    public List<KeyValuePair<string, string>> Fields { get; }

    public string? this[string name] => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>The form matching <paramref name="selector"/> (a CSS selector of the form itself), or null.</summary>
    public static HtmlForm? Find(IParentNode page, string selector)
    {
        if (page.QuerySelector(selector) is not IHtmlFormElement form || form.GetAttribute("action") is not { Length: > 0 } action)
        {
            return null;
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input
                    when input.Type is not ("checkbox" or "radio" or "submit" or "button" or "file" or "image" or "reset") || input.IsChecked:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    // A single select with nothing selected submits its first option, as a browser shows it.
                    var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? select.Options.FirstOrDefault();
                    fields.Add(new(name, option?.Value ?? string.Empty));
                    break;
            }
        }

        return new HtmlForm(action, fields);
    }

    /// <summary>Types <paramref name="value"/> into the field (replacing what it held), or adds it at the end.</summary>
    public HtmlForm Set(string name, string value)
    {
        var at = Fields.FindIndex(f => f.Key == name);
        if (at < 0)
        {
            Fields.Add(new(name, value));
        }
        else
        {
            Fields[at] = new(name, value);
        }

        return this;
    }

    public FormUrlEncodedContent ToContent() => new(Fields);

    /// <summary>
    /// The form as multipart/form-data: its fields in document order (the antiforgery token first, as the upload
    /// reader wants it), then one file named <paramref name="fileName"/> in the field <paramref name="fileField"/>,
    /// its name as raw UTF-8 the way browsers send it.
    /// </summary>
    public MultipartContent ToMultipart(string fileField, string fileName, byte[] content, string contentType)
    {
        // MultipartContent rather than MultipartFormDataContent: the latter rewrites a raw UTF-8 file name.
        var multipart = new MultipartContent("form-data", "----RectificationBenchmark" + Guid.NewGuid().ToString("N"))
        {
            HeaderEncodingSelector = (_, _) => Encoding.UTF8,
        };
        foreach (var (name, value) in Fields)
        {
            var field = new StringContent(value);
            field.Headers.ContentType = null;
            field.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{name}\"");
            multipart.Add(field);
        }

        var file = new ByteArrayContent(content);
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{fileField}\"; filename=\"{fileName}\"");
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        multipart.Add(file);
        return multipart;
    }
}
