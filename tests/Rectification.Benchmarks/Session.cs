using System.Net;
using System.Text.RegularExpressions;

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

    /// <summary>The session's cookies as one Cookie header, for a load tool that cannot sign in itself.</summary>
    public string CookieHeader() => _cookies.GetCookieHeader(Http.BaseAddress!);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
