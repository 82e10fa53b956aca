using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rectification.Core.Notifications.GroupRobots;

/// <summary>
/// A message in the platform's own format: 企业微信 {"msgtype":"markdown","markdown":{"content"}}, 钉钉
/// {"msgtype":"markdown","markdown":{"title","text"}}, and for a 钉钉 robot with 加签 the timestamp and signature
/// added to the address (sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded).
/// </summary>
public static class GroupRobotPost
{
    public static string Body(RobotPlatform platform, string title, string text)
    {
        var markdown = platform switch
        {
            RobotPlatform.WeCom => new JsonObject { ["content"] = $"### {title}\n{text}" },
            RobotPlatform.DingTalk => new JsonObject { ["title"] = title, ["text"] = $"### {title}\n{text}" },
            _ => throw new ArgumentOutOfRangeException(nameof(platform)),
        };
        var body = new JsonObject { ["msgtype"] = "markdown", ["markdown"] = markdown };
        return body.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The address to post to: as saved, or with 钉钉's timestamp (ms since the epoch) and signature.</summary>
    public static Uri Address(Uri address, string? secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return address;
        }

        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var separator = string.IsNullOrEmpty(address.Query) ? "?" : "&";
        return new Uri($"{address.AbsoluteUri}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(Sign(timestamp, secret))}");
    }

    public static string Sign(string timestamp, string secret)
    {
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret));
        return Convert.ToBase64String(signature);
    }

    /// <summary>Both platforms answer {"errcode":0,...}; anything else, even with HTTP 200, is a failure (null: success).</summary>
    public static string? Refusal(int statusCode, string reply)
    {
        if (statusCode is < 200 or > 299)
        {
            return $"HTTP {statusCode.ToString(CultureInfo.InvariantCulture)}";
        }

        try
        {
            using var json = JsonDocument.Parse(reply);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number)
            {
                if (code.GetInt32() == 0)
                {
                    return null;
                }

                var message = json.RootElement.TryGetProperty("errmsg", out var errmsg) ? errmsg.ToString() : string.Empty;
                return $"errcode {code.GetInt32().ToString(CultureInfo.InvariantCulture)}: {message}";
            }
        }
        catch (JsonException)
        {
        }

        return "unexpected reply (no errcode)";
    }
}
