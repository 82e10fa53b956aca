namespace Rectification.Core.Findings;

/// <summary>
/// 红黄绿灯: where a finding stands against its deadline, derived from its dates and today's date, never stored.
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

/// <summary>
/// The dates a finding's light depends on. <c>Start</c> is when its time started: the day it was assigned, else the
/// inspection's feedback date.
/// </summary>
public sealed record LightFacts(FindingStatus Status, FindingKind Kind, DateOnly? Deadline, DateOnly Start, DateOnly? ClosedOn);
