namespace Rectification.Core.Findings;

/// <summary>
/// 红黄绿灯: where a finding stands against its deadline, derived from the finding's stored band and dates (<see cref="LightFacts"/>) and today's date, never stored itself.
/// </summary>
public enum Light
{
    /// <summary>Open, but no deadline set yet.</summary>
    None = 0,

    /// <summary>On track.</summary>
    Green = 1,

    /// <summary>Due within a few days, or most of its time used up.</summary>
    Yellow = 2,

    /// <summary>Overdue.</summary>
    Red = 3,

    /// <summary>Long-term (长期坚持): no red or yellow, followed up instead.</summary>
    Blue = 4,

    ClosedOnTime = 5,

    ClosedLate = 6,
}

public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>An open finding due within this many days (today included) shows yellow.</summary>
    public int DueSoonDays { get; set; } = 7;

    /// <summary>An open finding that has used up this share of its time (from assignment to deadline) shows yellow.</summary>
    public double WarningShare { get; set; } = 0.8;
}

/// <summary>What a finding's light depends on, as stored on the finding: its band, its deadline and the day its warning starts.</summary>
public sealed record LightFacts(LightBand Band, DateOnly? Deadline, DateOnly? WarningFrom);
