namespace Rectification.Core.Scoping;

/// <summary>
/// The unit paths a scope covers, as one half-open range of the ordinal order, [<see cref="Low"/>, <see cref="High"/>).
/// A subtree is every path that starts with its root's (<c>/1/5/</c>); paths hold only digits and '/', and '/' sorts
/// just before '0', so those are exactly the paths from the root's own up to, not including, the root's with its last
/// '/' raised to '0' (<c>/1/50</c>). As a range of one column it is a condition every index on the path serves, on every
/// database, whatever the scope's shape.
/// </summary>
public readonly record struct PathRange(string Low, string High)
{
    /// <summary>Covers no path.</summary>
    public static PathRange Nothing { get; } = new(string.Empty, string.Empty);

    /// <summary>Covers every path.</summary>
    public static PathRange Everything { get; } = new("/", "0");

    /// <summary>The unit with this path and every unit below it.</summary>
    public static PathRange Subtree(string path) => new(path, string.Concat(path.AsSpan(0, path.Length - 1), "0"));

    /// <summary>The unit with this path alone: its sub-units' paths continue with an id, and no id starts with '0'.</summary>
    public static PathRange Unit(string path) => new(path, path + "0");

    public bool Contains(string path) =>
        string.CompareOrdinal(path, Low) >= 0 && string.CompareOrdinal(path, High) < 0;
}
