using Rectification.Core.Notifications.GroupRobots;

namespace Rectification.Web.Features.GroupRobots;

public sealed class GroupRobotViewModel
{
    public required GroupRobotSettings Settings { get; init; }

    /// <summary>Only the platform is ever filled in: the address and secret fields start blank.</summary>
    public GroupRobotInput Input { get; init; } = new();
}
