using System.Net;
using AngleSharp.Html.Dom;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>A page the crawl fetched: the action that answered it and its parsed HTML.</summary>
public sealed record CrawledPage(string Url, AppAction Action, IHtmlDocument Document);

/// <summary>
/// A real request for an action, as a page offered it: a link (GET) or a form (its fields as the page filled them).
/// Its route values and query (without "?") name items that exist and that the user who crawled may see.
/// </summary>
public sealed record RequestSample(
    string Path, IReadOnlyDictionary<string, string> RouteValues, string Query, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>What a user can reach by following links from the home page, a few pages and forms per action.</summary>
public sealed class CrawlResult
{
    public List<CrawledPage> Pages { get; } = [];

    /// <summary>Per action key ("Findings.Edit POST"), the requests pages offered for it.</summary>
    public Dictionary<string, List<RequestSample>> Samples { get; } = [];
}

/// <summary>
/// Follows the links a signed-in user sees, as a browser would, and records the links and forms found on the way
/// against the actions they lead to: real URLs with real ids, without a hand-kept list of them.
/// </summary>
public static class SiteCrawler
{
    public const int MaxPagesPerAction = 6;

    /// <summary>
    /// Fetches up to <paramref name="pagesPerAction"/> pages of each action, and up to <see cref="MaxPagesPerAction"/>
    /// while each one still leads to actions not seen before (a finding in another status offers other forms).
    /// </summary>
    public static async Task<CrawlResult> CrawlAsync(AppClient client, IReadOnlyList<AppAction> actions, int pagesPerAction = 1, int samplesPerAction = 1)
    {
        var result = new CrawlResult();
        var gets = actions.Where(a => a.Method == "GET").ToList();
        var posts = actions.Where(a => a.Method == "POST" && !a.AnyMethod).ToList();
        var fetched = new Dictionary<string, int>();
        var productive = new Dictionary<string, bool>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>();
        queue.Enqueue("/");
        while (queue.TryDequeue(out var url))
        {
            if (!seen.Add(url) || Find(gets, url) is not { } target)
            {
                continue;
            }

            var count = fetched.GetValueOrDefault(target.Action.Key);
            if (count >= MaxPagesPerAction || (count >= pagesPerAction && !productive.GetValueOrDefault(target.Action.Key)))
            {
                continue;
            }

            using var response = await client.GetAsync(url);
            if (url == "/" && response.StatusCode != HttpStatusCode.OK)
            {
                // A visitor, whom "/" sends away: the pages open to anyone instead (the sign-in, the public reports).
                foreach (var open in gets.Where(a => a.Anonymous && a.RouteParameters.All(p => p.IsOptional)))
                {
                    queue.Enqueue(open.Path(new Dictionary<string, string>()));
                }
            }

            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            fetched[target.Action.Key] = count + 1;
            var known = result.Samples.Count;
            var page = AppClient.Parse(await response.Content.ReadAsStringAsync());
            result.Pages.Add(new CrawledPage(url, target.Action, page));
            var links = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
                .Concat(page.QuerySelectorAll("iframe[src], img[src]").Select(e => e.GetAttribute("src")!));
            foreach (var link in links.Where(IsLocal))
            {
                if (Find(gets, link) is { } linked)
                {
                    Record(result, linked.Action, link, linked.Values, QueryFields(link), samplesPerAction);
                    queue.Enqueue(link);
                }
            }

            foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>())
            {
                var action = form.GetAttribute("action") is { Length: > 0 } given ? given : url;
                var isPost = string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase);
                if (IsLocal(action) && Find(isPost ? posts : gets, action) is { } submitted)
                {
                    Record(result, submitted.Action, action, submitted.Values, AppClient.FormFields(form, null), samplesPerAction);
                }
            }

            productive[target.Action.Key] = result.Samples.Count > known;
        }

        return result;
    }

    private static bool IsLocal(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);

    private static (AppAction Action, string Path, Dictionary<string, string> Values)? Find(IEnumerable<AppAction> actions, string url)
    {
        var path = url.Split('?', '#')[0];
        foreach (var action in actions)
        {
            if (action.Match(path) is { } values)
            {
                return (action, path, values);
            }
        }

        return null;
    }

    private static List<KeyValuePair<string, string>> QueryFields(string url) =>
        url.Split('#')[0].Split('?') is [_, var query]
            ? [.. Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty)))]
            : [];

    private static void Record(CrawlResult result, AppAction action, string url, Dictionary<string, string> values, List<KeyValuePair<string, string>> fields, int limit)
    {
        var samples = result.Samples.TryGetValue(action.Key, out var list) ? list : result.Samples[action.Key] = [];
        var parts = url.Split('#')[0].Split('?', 2);
        // Different items rather than the same one twice: the first fields for each address.
        if (samples.Count < limit && !samples.Any(s => s.Path.Equals(parts[0], StringComparison.OrdinalIgnoreCase) && s.Query == parts.ElementAtOrDefault(1)))
        {
            samples.Add(new RequestSample(parts[0], values, parts.ElementAtOrDefault(1) ?? string.Empty, fields));
        }
    }
}
