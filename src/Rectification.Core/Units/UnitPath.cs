namespace Rectification.Core.Units;

/// <summary>Builds and compares materialised paths (<c>/1/5/23/</c>).</summary>
public static class UnitPath
{
    public const char Separator = '/';

    public static string Root(int id) => $"/{id}/";

    public static string Child(string parentPath, int id) => $"{parentPath}{id}/";

    public static int DepthOf(string path) => path.Count(c => c == Separator) - 1;

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestorPath"/> itself or lies below it.</summary>
    public static bool IsWithin(string path, string ancestorPath) =>
        path.StartsWith(ancestorPath, StringComparison.Ordinal);
}
