namespace Rectification.Core.Notifications.GroupRobots;

/// <summary>
/// The one check of a robot's address, on save and again before every post: an absolute https address (http
/// only where <see cref="GroupRobotOptions.AllowHttp"/> is on outside Production) on a host of
/// <see cref="GroupRobotOptions.AllowedHosts"/>, without user information. Anything else could make the server
/// call an internal address of the unit's choosing.
/// </summary>
public static class GroupRobotAddress
{
    public const string NotAllowed = "机器人地址无效:须为以 https:// 开头的完整地址,且主机须在系统允许的机器人主机列表中。";

    /// <summary>The address when it may be used, otherwise null.</summary>
    public static Uri? Parse(string? address, GroupRobotOptions options, bool isProduction)
    {
        if (string.IsNullOrWhiteSpace(address)
            || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        var httpAllowed = options.AllowHttp && !isProduction;
        if (uri.Scheme != Uri.UriSchemeHttps && !(httpAllowed && uri.Scheme == Uri.UriSchemeHttp))
        {
            return null;
        }

        // Host alone matches the scheme's default port only; any other port must be listed as host:port.
        var allowed = options.AllowedHosts.Any(entry =>
            entry.Contains(':', StringComparison.Ordinal)
                ? string.Equals(entry, uri.Authority, StringComparison.OrdinalIgnoreCase)
                : uri.IsDefaultPort && string.Equals(entry, uri.IdnHost, StringComparison.OrdinalIgnoreCase));
        return allowed ? uri : null;
    }
}
