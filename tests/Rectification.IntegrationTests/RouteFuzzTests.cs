using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Rectification.Core.Accounts;
using Rectification.Core.Auditing;
using Rectification.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Rectification.IntegrationTests;

/// <summary>
/// Fuzzes every route of the app, discovered from its endpoints, as every role and as an anonymous visitor, in the
/// Development and the Production environment: truncated and malformed multipart, wrong and missing content types,
/// oversize fields, extreme dates and numbers, invalid enum values, non-numeric and negative ids, control characters
/// and invalid UTF-8, each in a field the action really binds. No answer may be a server error (5xx) or a dropped
/// connection, and nothing may be saved: every business row stays as it was, and the audit trail gains only records
/// of refusals, sign-ins and reads, and still verifies.
/// </summary>
/// <remarks>
/// Real ids come from crawling the pages each user sees (<see cref="SiteCrawler"/>), the token from a real page: a
/// malformed value reaches the action's own code instead of stopping at a missing item or the antiforgery check.
/// So that no request is acceptable as a whole (which would rightly save), a field's malformed value goes with a
/// stale version where the action takes one, else with the action's other required fields left out, else with ids
/// that name nothing. Each malformed value is sent once per action, by one of the roles allowed to use it in turn;
/// every other identity gets a few requests that must be refused as usual.
/// </remarks>
public sealed class RouteFuzzTests(ITestOutputHelper output)
{
    private const string StaleVersion = "-1";
    private const string NoSuchId = "2147483647";
    private const string Boundary = "----FuzzBoundary7MA4YWxkTrZu0gW";

    private static readonly (string? UserName, string? Role)[] s_identities =
    [
        (null, null),
        ("admin", Roles.Admin),
        ("inspector", Roles.InspectionOffice),
        ("leader", Roles.Leader),
        ("head.a", Roles.UnitHead),
        ("staff.a", Roles.UnitStaff),
    ];

    /// <summary>What a malformed request may leave in the audit trail: refusals, sign-ins, and the record of a read.</summary>
    private static readonly HashSet<string> s_allowedAuditActions =
    [
        AuditActions.AccessDenied, AuditActions.Login, AuditActions.LoginFailed,
        AuditActions.Export, AuditActions.AuditExported, AuditActions.EvidenceDownload, AuditActions.EvidencePreview,
    ];

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Malformed_requests_to_every_route_get_no_server_error_and_change_nothing(string environment)
    {
        var watch = Stopwatch.StartNew();
        using var app = AppFactory.InEnvironment(environment);
        var actions = await AppActions.DiscoverAsync(app.Services);
        Assert.True(actions.Count > 90, $"Only {actions.Count} actions found");

        // The identities crawl side by side, as they later send side by side: each its own session.
        var users = (await Task.WhenAll(s_identities.Select(async identity =>
        {
            var (userName, role) = identity;
            var client = userName is null ? app.Anonymous() : await app.LoginAsync(userName);
            var crawl = await SiteCrawler.CrawlAsync(client, actions);
            var tokenPage = await client.GetPageAsync(userName is null ? "/Account/Login" : "/");
            var token = tokenPage.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            return new FuzzUser(userName ?? "anonymous", role, client, crawl, token);
        }))).ToList();

        var crawled = watch.Elapsed;
        var lastSequence = await app.WithDatabaseAsync(db => Task.FromResult(db.AuditEntries.Max(e => e.Sequence)));
        var before = await DataFingerprint.TakeAsync(app);
        var failures = new List<string>();
        var requests = 0;
        var turn = 0;

        foreach (var action in actions.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var allowed = users.Where(u => action.AllowsRole(u.Role) && (u.Role is not null || action.Anonymous)).ToList();
            var refused = users.Except(allowed).ToList();
            var cases = Cases(action).ToList();

            // Every case once, by the allowed identities in turn; the refused ones each try a few.
            var sends = new List<(FuzzUser User, FuzzCase Case)>();
            foreach (var fuzzCase in cases)
            {
                if (allowed.Count > 0)
                {
                    sends.Add((allowed[turn++ % allowed.Count], fuzzCase));
                }
            }

            foreach (var user in refused)
            {
                sends.AddRange(cases.Where((_, i) => i % Math.Max(1, cases.Count / 3) == 0).Take(3).Select(c => (user, c)));
            }

            requests += sends.Count;
            var answers = await Task.WhenAll(sends.GroupBy(s => s.User).Select(async group =>
            {
                var found = new List<string>();
                foreach (var (user, fuzzCase) in group)
                {
                    if (await SendAsync(user, users, action, fuzzCase) is { } failure)
                    {
                        found.Add(failure);
                    }
                }

                return found;
            }));
            failures.AddRange(answers.SelectMany(a => a));

            if (action.Method != "GET")
            {
                var after = await DataFingerprint.TakeAsync(app);
                if (DataFingerprint.Changed(before, after) is { Count: > 0 } changed)
                {
                    failures.Add($"{action.Key}: malformed requests changed {string.Join(", ", changed)}");
                    before = after;
                }
            }
        }

        // Still signed in: a request that ended a session would have tested nothing after it.
        foreach (var user in users.Where(u => u.Role is not null))
        {
            using var home = await user.Client.GetAsync("/");
            if (home.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{user.Name} is no longer signed in ({(int)home.StatusCode})");
            }
        }

        var recorded = await app.WithDatabaseAsync(db => Task.FromResult(db.AuditEntries
            .Where(e => e.Sequence > lastSequence).GroupBy(e => e.Action).Select(g => new { g.Key, Count = g.Count() }).ToList()));
        failures.AddRange(recorded.Where(r => !s_allowedAuditActions.Contains(r.Key)).Select(r => $"The audit trail recorded {r.Count} × {r.Key}"));
        AuditVerification verification;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        }


        var unsampled = actions.Where(a => users[0].Sample(a, users) is null).Select(a => a.Key).Order(StringComparer.Ordinal);
        output.WriteLine("Actions no page links to (fuzzed without real ids): " + string.Join(", ", unsampled));
        output.WriteLine($"{environment}: {requests} malformed requests to {actions.Count} actions as {users.Count} identities " +
            $"in {watch.Elapsed.TotalSeconds:F0} s (crawl {crawled.TotalSeconds:F0} s); audit records added: " +
            string.Join(", ", recorded.Select(r => $"{r.Key} {r.Count}")));
        Assert.True(verification.Intact, $"The audit chain is broken at {verification.BrokenAt}: {verification.Problem}");
        Assert.True(requests > 2000, $"Only {requests} requests made");
        Assert.True(failures.Count == 0, $"{failures.Count} failure(s):\n" + string.Join('\n', failures.Take(200)));
    }

    private sealed record FuzzUser(string Name, string? Role, AppClient Client, CrawlResult Crawl, string Token)
    {
        /// <summary>A real request for the action from this user's crawl, else from anyone's (its ids may be out of scope).</summary>
        /// <remarks>A page that answers any method is posted to at the address of its links.</remarks>
        public RequestSample? Sample(AppAction action, IEnumerable<FuzzUser> everyone)
        {
            string[] keys = action.AnyMethod ? [action.Key, action.Key.Replace(" POST", " GET", StringComparison.Ordinal)] : [action.Key];
            return keys.SelectMany(key => new[] { this }.Concat(everyone).Select(u => u.Crawl.Samples.GetValueOrDefault(key)?.FirstOrDefault()))
                .FirstOrDefault(s => s is not null);
        }
    }

    /// <summary>
    /// One malformed request. <paramref name="Build"/> makes it for a user: the path and query (ids from the user's
    /// sample) and the body, with the user's antiforgery token where the request is to get past that check.
    /// </summary>
    private sealed record FuzzCase(string What, Func<FuzzUser, RequestSample?, HttpRequestMessage> Build);

    private static IEnumerable<FuzzCase> Cases(AppAction action)
    {
        var method = new HttpMethod(action.Method);
        var isGet = action.Method == "GET";
        // An action that answers any method is a page: its POST gets the malformed bodies, its fields are fuzzed as GET.
        var fuzzFields = isGet || !action.AnyMethod;

        // Ids in the route that are not numbers, negative or out of range: in the parameters the action reads (every
        // conventional route has an optional {id}; an action that takes none would treat the request as valid).
        var bound = action.Fields.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in action.RouteParameters.Where(p => bound.Contains(p.Name) || !p.IsOptional))
        {
            // (A NUL, %00, is refused by the server before any of the app runs; the test server cannot even send it.)
            foreach (var id in new[] { "abc", "-1", "2147483648", "99999999999999999999", "1.5", "%E2%80%AE1", "%C0%AF" })
            {
                yield return new FuzzCase($"route {parameter.Name}={id}", (user, sample) =>
                {
                    var values = new Dictionary<string, string>(sample?.RouteValues ?? new Dictionary<string, string>()) { [parameter.Name] = id };
                    var request = new HttpRequestMessage(method, action.Path(values) + Query(sample, replaceIds: false));
                    if (!isGet)
                    {
                        request.Content = UrlEncoded($"__RequestVerificationToken={Uri.EscapeDataString(user.Token)}");
                    }

                    return request;
                });
            }
        }

        // Each field the action binds, malformed for its type, in the query (GET) or the body (POST).
        var routeNames = action.RouteParameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var versioned = action.Fields.Any(f => f.Name.Equals("version", StringComparison.OrdinalIgnoreCase));
        foreach (var field in fuzzFields ? action.Fields : [])
        {
            foreach (var (label, encoded) in MalformedValues(field.ValueType))
            {
                yield return new FuzzCase($"{field.Name}={label}", (user, sample) =>
                {
                    // Nothing acceptable as a whole: a stale version, or a required field missing, or ids that name nothing.
                    var given = sample is null ? [] : sample.RouteValues.Keys.Concat(QueryHelpers.ParseQuery(sample.Query).Keys).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var othersMissing = action.Fields.Any(f => f.Required && f.Name != field.Name && !given.Contains(f.Name));
                    var replaceIds = !isGet && !versioned && !othersMissing;
                    var values = new Dictionary<string, string>(sample?.RouteValues ?? new Dictionary<string, string>());
                    foreach (var name in routeNames.Where(n => replaceIds && values.ContainsKey(n)))
                    {
                        values[name] = NoSuchId;
                    }

                    var pairs = new List<string> { $"{Uri.EscapeDataString(field.Name)}={encoded}" };
                    if (versioned && !field.Name.Equals("version", StringComparison.OrdinalIgnoreCase))
                    {
                        pairs.Add("version=" + StaleVersion);
                    }

                    var path = action.Path(values);
                    if (isGet)
                    {
                        return new HttpRequestMessage(method, path + Query(sample, replaceIds, except: field.Name, extra: pairs));
                    }

                    pairs.Insert(0, "__RequestVerificationToken=" + Uri.EscapeDataString(user.Token));
                    var request = new HttpRequestMessage(method, path + Query(sample, replaceIds, except: field.Name));
                    request.Content = action.StreamsUpload
                        ? Multipart(pairs.Select(p => (Uri.UnescapeDataString(p.Split('=')[0]), Uri.UnescapeDataString(p.Split('=', 2)[1]))), withFile: true)
                        : UrlEncoded(string.Join('&', pairs));
                    return request;
                });
            }
        }

        if (isGet)
        {
            yield break;
        }

        // Bodies that are not what they claim to be.
        var someField = action.Fields.FirstOrDefault()?.Name ?? "Input.Description";
        yield return new FuzzCase("multipart without its closing boundary", (user, sample) => Post(action, sample, new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{user.Token}\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"cut.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 cut short"))
        {
            Headers = { { "Content-Type", $"multipart/form-data; boundary={Boundary}" } },
        }));
        yield return new FuzzCase("multipart with a header line that does not parse", (user, sample) => Post(action, sample, new ByteArrayContent(Encoding.UTF8.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{user.Token}\r\n" +
            $"--{Boundary}\r\nthis is not a header\r\n\r\nvalue\r\n--{Boundary}--\r\n"))
        {
            Headers = { { "Content-Type", $"multipart/form-data; boundary={Boundary}" } },
        }));
        yield return new FuzzCase("multipart without a boundary", (_, sample) => Post(action, sample, Raw("--x\r\n\r\n", "multipart/form-data")));
        yield return new FuzzCase("Content-Type ;;;", (_, sample) => Post(action, sample, Raw("a=b", ";;;")));
        yield return new FuzzCase("no Content-Type", (_, sample) => Post(action, sample, Raw("a=b", null)));
        yield return new FuzzCase("a JSON body", (_, sample) => Post(action, sample, Raw("{\"id\": -1, \"Input\": {\"Title\": null}}", "application/json")));
        yield return new FuzzCase("text/plain", (_, sample) => Post(action, sample, Raw("\u0000\u0001", "text/plain")));

        // Bodies that are well formed and carry the token: sent only where a field of the action can make them invalid.
        if (action.Fields.Count == 0 && !action.StreamsUpload)
        {
            yield break;
        }

        var tooLong = new string('长', 20_000);
        yield return new FuzzCase($"multipart with {someField} of 20,000 characters", (user, sample) =>
            Post(action, sample, Multipart([("__RequestVerificationToken", user.Token), (someField, tooLong), .. Stale(action)], withFile: true)));
        yield return new FuzzCase("invalid UTF-8 in a form body", (user, sample) => Post(action, sample, new ByteArrayContent(
            [.. Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(user.Token)}&{someField}="), 0xC0, 0xAF, 0xFF, 0xFE, .. Encoding.ASCII.GetBytes(string.Concat(Stale(action).Select(p => $"&{p.Name}={p.Value}")))])
        {
            Headers = { { "Content-Type", "application/x-www-form-urlencoded" } },
        }));
        if (action.StreamsUpload)
        {
            // The ordinary form encoding, to an action that reads a multipart upload.
            yield return new FuzzCase("urlencoded body to an upload", (user, sample) =>
                Post(action, sample, UrlEncoded($"__RequestVerificationToken={Uri.EscapeDataString(user.Token)}&{someField}=x")));
        }
    }

    /// <summary>The stale version that keeps a well-formed body from saving, when the action takes a version.</summary>
    private static IEnumerable<(string Name, string Value)> Stale(AppAction action) =>
        action.Fields.Any(f => f.Name.Equals("version", StringComparison.OrdinalIgnoreCase)) ? [("version", StaleVersion)] : [];

    /// <summary>Malformed values for a field of <paramref name="type"/>: a label and the value URL-encoded.</summary>
    private static IEnumerable<(string Label, string Encoded)> MalformedValues(Type type)
    {
        static (string, string) Text(string label, string value) => (label, Uri.EscapeDataString(value));

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(decimal) || type == typeof(double))
        {
            return [Text("abc", "abc"), Text("-1", "-1"), Text("2147483648", "2147483648"), Text("-9223372036854775809", "-9223372036854775809"),
                Text("1e3", "1e3"), Text("Arabic-Indic 3", "٣")];
        }

        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return [Text("9999-12-31", "9999-12-31"), Text("0001-01-01", "0001-01-01"), Text("10000-01-01", "10000-01-01"),
                Text("2026-02-30", "2026-02-30"), Text("abc", "abc")];
        }

        if (type == typeof(bool))
        {
            return [Text("maybe", "maybe"), Text("2", "2")];
        }

        if (type.IsEnum)
        {
            return [Text("999", "999"), Text("-1", "-1"), Text("Nope", "Nope"), Text("1,2", "1,2")];
        }

        if (type == typeof(Guid))
        {
            return [Text("abc", "abc"), Text("empty guid", Guid.Empty.ToString())];
        }

        return
        [
            Text("20,000 characters", new string('长', 20_000)),
            Text("control characters", "整改\u0000\u0001\u0007\u001b[2J\u007f\u0085\u2028\u202e\ufeff\ufffe"),
            Text("markup and format items", "{0}{1}%s<script>alert(1)</script>'\"--"),
            ("invalid UTF-8", "%C0%AF%FF%FE"),
        ];
    }

    /// <summary>The sample's query (ids of a form's action URL, a link's filters), with ids replaced or a field left out.</summary>
    private static string Query(RequestSample? sample, bool replaceIds, string? except = null, IEnumerable<string>? extra = null)
    {
        var pairs = new List<string>();
        var query = sample is null ? [] : QueryHelpers.ParseQuery(sample.Query);
        foreach (var (name, values) in query.Where(q => !q.Key.Equals(except, StringComparison.OrdinalIgnoreCase)))
        {
            pairs.AddRange(values.Select(v => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(replaceIds && long.TryParse(v, out _) ? NoSuchId : v ?? string.Empty)}"));
        }

        pairs.AddRange(extra ?? []);
        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }

    private static HttpRequestMessage Post(AppAction action, RequestSample? sample, HttpContent content) =>
        new(new HttpMethod(action.Method), action.Path(sample?.RouteValues ?? new Dictionary<string, string>()) + Query(sample, replaceIds: false))
        {
            Content = content,
        };

    private static ByteArrayContent UrlEncoded(string body) => Raw(body, "application/x-www-form-urlencoded");

    private static ByteArrayContent Raw(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    /// <summary>A well-formed multipart body: the fields in order, then (for uploads) a file that is no known type.</summary>
    private static MultipartContent Multipart(IEnumerable<(string Name, string Value)> fields, bool withFile)
    {
        var content = new MultipartContent("form-data", Boundary);
        foreach (var (name, value) in fields)
        {
            var field = new StringContent(value);
            field.Headers.ContentType = null;
            field.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{name}\"");
            content.Add(field);
        }

        if (withFile)
        {
            var file = new ByteArrayContent(Encoding.ASCII.GetBytes("not a document of any allowed type"));
            file.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"files\"; filename=\"fuzz.pdf\"");
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file);
        }

        return content;
    }

    /// <summary>Sends one case; a description of what went wrong, or null.</summary>
    private static async Task<string?> SendAsync(FuzzUser user, IReadOnlyList<FuzzUser> everyone, AppAction action, FuzzCase fuzzCase)
    {
        using var request = fuzzCase.Build(user, user.Sample(action, everyone));
        var what = $"{user.Name} {request.Method} {Shorten(request.RequestUri!.ToString())} [{action.Key}] {fuzzCase.What}";
        try
        {
            using var response = await user.Client.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (int)response.StatusCode >= 500 ? $"{what}: {(int)response.StatusCode} {Shorten(body)}" : null;
        }
        catch (Exception exception) when (exception is not Xunit.Sdk.XunitException)
        {
            return $"{what}: the request failed: {exception.GetType().Name}: {exception.Message}";
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
