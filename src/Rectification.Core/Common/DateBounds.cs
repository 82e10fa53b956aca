namespace Rectification.Core.Common;

/// <summary>
/// The dates a filter or a form can mean. A date outside them (0001-01-01, 9999-12-31) is brought to them: every
/// stored date lies between, and day and month arithmetic on a bound (the day after, the next month) never nears the
/// ends of <see cref="DateOnly"/>, where it would overflow.
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static DateOnly? Bounded(DateOnly? date) =>
        date is { } day ? (day < Earliest ? Earliest : day > Latest ? Latest : day) : null;
}
