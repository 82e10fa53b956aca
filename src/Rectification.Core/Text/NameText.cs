using Rectification.Core.Common;

namespace Rectification.Core.Text;

/// <summary>
/// The one cleaning that every name other people read goes through: a file's name, a person's, a unit's, a
/// commenter's. It removes control characters (C0, DEL, C1) and the invisible marks that reorder the text around them:
/// the bidirectional embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the direction marks
/// (U+200E, U+200F, U+061C). With them, "invoice\u202Eexe.pdf" displays as "invoicefdp.exe"; cleaned, it reads
/// "invoiceexe.pdf", which is what it is.
/// </summary>
public static class NameText
{
    /// <summary>Whether <paramref name="c"/> is never kept in a name.</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c)
        || c is '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';

    /// <summary>The name without hidden characters, trimmed; empty for null.</summary>
    public static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        return (name.Any(IsHidden) ? string.Concat(name.Where(c => !IsHidden(c))) : name).Trim();
    }

    /// <summary>
    /// An uploaded file's name as kept for display: its last path segment, cleaned. Null when nothing is left, when
    /// it is longer than <see cref="Limits.FileName"/>, or when the path climbs out of a folder ("..": an attack,
    /// not a file name).
    /// </summary>
    public static string? FileName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var segments = raw.Split(['/', '\\'], StringSplitOptions.None);
        if (segments.Any(s => Clean(s) == ".."))
        {
            return null;
        }

        var name = Clean(segments[^1]);
        return name.Length is 0 or > Limits.FileName ? null : name;
    }

    /// <summary>
    /// A title as a file or folder name in a download: cleaned like every name, what a file system refuses turned into
    /// a space, at most <paramref name="maxLength"/> characters; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string ForFile(string? title, string fallback, int maxLength = 80)
    {
        var name = new string(Clean(title).Select(c => s_refusedInFileNames.Contains(c) ? ' ' : c).ToArray()).Trim();
        name = name.Length > maxLength ? name[..maxLength].TrimEnd() : name;
        return name.Trim('.', ' ').Length == 0 ? fallback : name;
    }

    private static readonly HashSet<char> s_refusedInFileNames =
        [.. Path.GetInvalidFileNameChars(), '\\', '/', ':', '*', '?', '"', '<', '>', '|'];
}
