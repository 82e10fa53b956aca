using Rectification.Core.Units;

namespace Rectification.Core.Notifications.GroupRobots;

public enum RobotPlatform
{
    /// <summary>企业微信群机器人.</summary>
    WeCom = 1,

    /// <summary>钉钉 (or 政务钉钉) 自定义机器人, optionally with 加签.</summary>
    DingTalk = 2,
}

/// <summary>
/// A unit's group robot: every notification to someone of the unit is also posted to the unit's group. The
/// address carries the robot's key or token and, with the 钉钉 signing secret, is kept protected by Data
/// Protection; neither is ever shown again nor written to the audit trail (AuditCapture ignores them).
/// </summary>
public class GroupRobot
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    public RobotPlatform Platform { get; set; }

    /// <summary>The host the address points at, kept readable so the settings page can say where messages go.</summary>
    public required string Host { get; set; }

    /// <summary>The whole webhook address (with its key or access token), protected.</summary>
    public required string ProtectedAddress { get; set; }

    /// <summary>钉钉's 加签 secret, protected; none when the robot does not sign.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>Whether posts are signed (加签); readable, unlike the secret itself.</summary>
    public bool Signed { get; set; }

    /// <summary>
    /// Counts the saves: replacing only the key or the secret changes nothing else the audit trail may show, so
    /// this is what its entry records.
    /// </summary>
    public int Revision { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? LastDeliveredAt { get; set; }

    public DateTime? LastFailedAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// One notification to be posted to one group robot (the outbox row). Made in the same transaction as the
/// notification; sent once by <see cref="GroupRobotOutbox"/>, which claims it first like the mail outbox.
/// </summary>
public class GroupRobotMessage
{
    public long Id { get; set; }

    public int GroupRobotId { get; set; }

    public GroupRobot? GroupRobot { get; set; }

    public long NotificationId { get; set; }

    public Notification? Notification { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Not tried again before this moment: the back-off after a failure.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? ClaimedAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }
}
