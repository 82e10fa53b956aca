namespace Rectification.Core.Notifications.GroupRobots;

/// <summary>Where group robots may point, and how long a post may take.</summary>
public sealed class GroupRobotOptions
{
    public const string Section = "GroupRobots";

    /// <summary>
    /// The hosts a robot's address may name ("host" or "host:port"). The server posts only there, so a unit cannot
    /// point it at an internal address (SSRF). Add an on-premises 政务钉钉 host here.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Lets a robot use plain http (a test listener); never honoured in Production.</summary>
    public bool AllowHttp { get; set; }

    public int TimeoutSeconds { get; set; } = 10;
}
