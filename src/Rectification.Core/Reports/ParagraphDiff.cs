namespace Rectification.Core.Reports;

public enum ParagraphChangeKind
{
    Unchanged,
    Added,
    Removed,

    /// <summary>A paragraph rewritten in place: removed and added at the same position.</summary>
    Changed,
}

/// <summary>One paragraph of a comparison; <see cref="Before"/> or <see cref="After"/> is null when it is not there.</summary>
public sealed record ParagraphChange(ParagraphChangeKind Kind, string? Before, string? After);

/// <summary>
/// What changed between two versions of a section, paragraph by paragraph: a longest-common-subsequence alignment of
/// the paragraphs, then each run of removals directly followed by a run of additions paired in order as changes
/// (a finding whose 落实情况 was rewritten keeps its place, so its old and new paragraph face each other).
/// </summary>
public static class ParagraphDiff
{
    public static IReadOnlyList<ParagraphChange> Compare(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        // common[i, j]: length of the longest common subsequence of before[i..] and after[j..]. Sections have tens
        // to a few hundred paragraphs, so the table stays small.
        var common = new int[before.Count + 1, after.Count + 1];
        for (var i = before.Count - 1; i >= 0; i--)
        {
            for (var j = after.Count - 1; j >= 0; j--)
            {
                common[i, j] = string.Equals(before[i], after[j], StringComparison.Ordinal)
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var changes = new List<ParagraphChange>();
        var removed = new List<string>();
        var added = new List<string>();
        int b = 0, a = 0;
        while (b < before.Count || a < after.Count)
        {
            if (b < before.Count && a < after.Count && string.Equals(before[b], after[a], StringComparison.Ordinal))
            {
                Flush(changes, removed, added);
                changes.Add(new ParagraphChange(ParagraphChangeKind.Unchanged, before[b], after[a]));
                b++;
                a++;
            }
            else if (a < after.Count && (b == before.Count || common[b, a + 1] >= common[b + 1, a]))
            {
                added.Add(after[a++]);
            }
            else
            {
                removed.Add(before[b++]);
            }
        }

        Flush(changes, removed, added);
        return changes;
    }

    public static bool HasChanges(IEnumerable<ParagraphChange> changes) => changes.Any(c => c.Kind != ParagraphChangeKind.Unchanged);

    private static void Flush(List<ParagraphChange> changes, List<string> removed, List<string> added)
    {
        var paired = Math.Min(removed.Count, added.Count);
        for (var i = 0; i < paired; i++)
        {
            changes.Add(new ParagraphChange(ParagraphChangeKind.Changed, removed[i], added[i]));
        }

        changes.AddRange(removed.Skip(paired).Select(r => new ParagraphChange(ParagraphChangeKind.Removed, r, null)));
        changes.AddRange(added.Skip(paired).Select(r => new ParagraphChange(ParagraphChangeKind.Added, null, r)));
        removed.Clear();
        added.Clear();
    }
}
