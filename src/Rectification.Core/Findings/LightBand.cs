namespace Rectification.Core.Findings;

/// <summary>
/// The part of a finding's light that does not change with the day, stored on the finding (<see cref="Finding.Band"/>)
/// so that lists, counters and reminders read it from one column: closed on time or late, long-term (blue), no
/// deadline, or dated — whose red, yellow or green then depends only on today against <see cref="Finding.Deadline"/>
/// and <see cref="Finding.WarningFrom"/>.
/// </summary>
public enum LightBand
{
    /// <summary>Open, with a deadline: green, yellow or red depending on the day.</summary>
    Dated = 0,

    /// <summary>Open and long-term (长期坚持): blue.</summary>
    LongTerm = 1,

    /// <summary>Open, no deadline yet: no light.</summary>
    Undated = 2,

    ClosedOnTime = 3,

    ClosedLate = 4,
}
