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

    public async Task LoginAsync(string userName, string password)
    {
        var page = await GetPageAsync("/Account/Login");
        var response = await SubmitAsync(page, "form[action='/Account/Login']", new() { ["UserName"] = userName, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Login of {userName} failed: {(int)response.StatusCode}");
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    /// <summary>GETs a page that must answer 200, and parses it.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {Excerpt(body)}");
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
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input
                    when input.Type is not ("checkbox" or "radio" or "submit" or "button") || input.IsChecked:
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
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("The form has no action.");
        return Http.PostAsync(action, new FormUrlEncodedContent(fields));
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

    private static string Excerpt(string body) => body.Length > 400 ? body[..400] : body;
}
