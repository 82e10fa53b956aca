namespace Rectification.Core.Units;

/// <summary>Builds and compares materialised paths (<c>/1/5/23/</c>).</summary>
public static class UnitPath
{
    public const char Separator = '/';

    public static string Root(int id) => $"/{id}/";

    public static string Child(string parentPath, int id) => $"{parentPath}{id}/";

    public static int DepthOf(string path) => path.Count(c => c == Separator) - 1;

    /// <summary>The ids on a path, from the root down to the unit itself: the unit and every unit above it.</summary>
    public static int[] Ids(string path)
    {
        var parts = path.AsSpan().Trim(Separator);
        var ids = new int[parts.Count(Separator) + 1];
        var i = 0;
        foreach (var range in parts.Split(Separator))
        {
            ids[i++] = int.Parse(parts[range], System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestorPath"/> itself or lies below it.</summary>
    public static bool IsWithin(string path, string ancestorPath) =>
        path.StartsWith(ancestorPath, StringComparison.Ordinal);
}
