namespace Rectification.Core.Counting;

/// <summary>
/// The deadline options with which the findings' stored warning days (<see cref="Findings.Finding.WarningFrom"/>) and
/// the counters were last computed; one row. Saves read the options from here, so every instance derives the same
/// values; start-up recomputes everything when the configured options differ, or when the row is missing (a new or
/// upgraded database).
/// </summary>
public class CountingState
{
    public const int SingletonId = 1;

    /// <summary>
    /// The shape of the counter rows this version of the app keeps; a database whose counters were built in another
    /// shape has them rebuilt at start-up. 2: day events also counted by month. 3: a finding's warning day counts its
    /// measures' deadlines (<see cref="Findings.Finding.MeasuresDueBy"/>, filled in by that rebuild).
    /// </summary>
    public const int CurrentFormat = 3;

    public int Id { get; set; } = SingletonId;

    public int DueSoonDays { get; set; }

    public double WarningShare { get; set; }

    /// <summary>The <see cref="CurrentFormat"/> the counters were built in.</summary>
    public int Format { get; set; }

    public DateTime RebuiltAt { get; set; }
}
