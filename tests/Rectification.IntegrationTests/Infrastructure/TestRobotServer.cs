using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on a free loopback port that plays the 企业微信 group robot (POST
/// /cgi-bin/webhook/send?key=…) and the 钉钉 custom robot (POST /robot/send?access_token=…[&amp;timestamp&amp;sign]).
/// Like the platforms, it answers {"errcode":0} only for a known key or token, a well-formed markdown message and,
/// for a signing 钉钉 robot, a signature made with its secret and a timestamp within an hour of <see cref="Now"/>;
/// it answers a failure for the next queued <see cref="FailNext"/>. Every request is kept, accepted or not.
/// </summary>
public sealed class TestRobotServer : IAsyncDisposable
{
    public const string WeComKey = "wecom-key-5d7f0c2b9a";
    public const string DingTalkToken = "dingtalk-token-81be44e0c3";
    public const string DingTalkSecret = "SECdingtalk-secret-3f9a27c1e6d04b58";

    private readonly List<RobotRequest> _requests = [];
    private readonly Queue<Failure> _failures = new();
    private WebApplication _app = null!;

    private TestRobotServer()
    {
    }

    public enum Failure
    {
        /// <summary>HTTP 500.</summary>
        ServerError,

        /// <summary>HTTP 200 with a non-zero errcode, as both platforms answer a throttled or refused message.</summary>
        ErrorCode,
    }

    /// <summary>What the robot's clock says now, for the signature's freshness (the app's fake clock).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>host:port, for GroupRobots:AllowedHosts.</summary>
    public string Authority { get; private set; } = string.Empty;

    public string WeComAddress => $"http://{Authority}/cgi-bin/webhook/send?key={WeComKey}";

    public string DingTalkAddress => $"http://{Authority}/robot/send?access_token={DingTalkToken}";

    public IReadOnlyList<RobotRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The requests the robot accepted (answered errcode 0), i.e. the messages that reached the group.</summary>
    public IReadOnlyList<RobotRequest> Delivered => Requests.Where(r => r.Accepted).ToList();

    public static async Task<TestRobotServer> StartAsync()
    {
        var server = new TestRobotServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        server._app = builder.Build();
        server._app.Urls.Add("http://127.0.0.1:0");
        server._app.MapPost("/cgi-bin/webhook/send", (Delegate)server.WeComAsync);
        server._app.MapPost("/robot/send", (Delegate)server.DingTalkAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Authority = new Uri(address).Authority;
        return server;
    }

    public void FailNext(params Failure[] failures)
    {
        lock (_failures)
        {
            foreach (var failure in failures)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    private async Task<IResult> WeComAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        string? refusal = context.Request.Query["key"] != WeComKey ? "invalid webhook url" : null;
        string? title = null;
        string? text = null;
        if (refusal is null)
        {
            (text, refusal) = Markdown(body, "content");
            title = text?.Split('\n')[0].TrimStart('#', ' ');
        }

        return Answer(new RobotRequest("WeCom", context.Request.QueryString.Value ?? string.Empty, body, title, text, Signed: false), refusal);
    }

    private async Task<IResult> DingTalkAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
        var query = context.Request.Query;
        string? refusal = query["access_token"] != DingTalkToken ? "token is not exist" : SignatureRefusal(query["timestamp"], query["sign"]);
        string? title = null;
        string? text = null;
        if (refusal is null)
        {
            (text, refusal) = Markdown(body, "text");
            title = JsonDocument.Parse(body).RootElement.GetProperty("markdown").TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
            refusal ??= string.IsNullOrEmpty(title) ? "markdown.title missing" : null;
        }

        return Answer(new RobotRequest("DingTalk", context.Request.QueryString.Value ?? string.Empty, body, title, text, Signed: true), refusal);
    }

    /// <summary>钉钉's 加签 check: sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), within an hour.</summary>
    private string? SignatureRefusal(string? timestamp, string? sign)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || string.IsNullOrEmpty(sign))
        {
            return "sign not match (missing timestamp or sign)";
        }

        if (Math.Abs((Now() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)).TotalMinutes) > 60)
        {
            return "timestamp is not fresh";
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(DingTalkSecret), Encoding.UTF8.GetBytes(timestamp + "\n" + DingTalkSecret)));
        return expected == sign ? null : "sign not match";
    }

    private static (string? Text, string? Refusal) Markdown(string body, string field)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            if (root.GetProperty("msgtype").GetString() != "markdown")
            {
                return (null, "msgtype is not markdown");
            }

            var text = root.GetProperty("markdown").GetProperty(field).GetString();
            return string.IsNullOrWhiteSpace(text) ? (null, $"markdown.{field} missing") : (text, null);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, "invalid json: " + exception.Message);
        }
    }

    private IResult Answer(RobotRequest request, string? refusal)
    {
        Failure? failure = null;
        lock (_failures)
        {
            if (refusal is null && _failures.Count > 0)
            {
                failure = _failures.Dequeue();
            }
        }

        lock (_requests)
        {
            _requests.Add(request with { Accepted = refusal is null && failure is null, Refusal = refusal ?? failure?.ToString() });
        }

        return failure switch
        {
            Failure.ServerError => Results.StatusCode(StatusCodes.Status500InternalServerError),
            Failure.ErrorCode => Results.Json(new { errcode = 45009, errmsg = "api freq out of limit" }),
            _ when refusal is not null => Results.Json(new { errcode = 310000, errmsg = refusal }),
            _ => Results.Json(new { errcode = 0, errmsg = "ok" }),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request to the robot: the platform it addressed, its query, its body, and what the robot made of it.</summary>
public sealed record RobotRequest(string Platform, string Query, string Body, string? Title, string? Text, bool Signed)
{
    public bool Accepted { get; init; }

    public string? Refusal { get; init; }
}
