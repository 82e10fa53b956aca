using Rectification.Core.Reports;

namespace Rectification.UnitTests;

public sealed class ParagraphDiffTests
{
    [Fact]
    public void Identical_sections_have_no_changes()
    {
        var changes = ParagraphDiff.Compare(["甲", "乙"], ["甲", "乙"]);

        Assert.False(ParagraphDiff.HasChanges(changes));
        Assert.All(changes, c => Assert.Equal(ParagraphChangeKind.Unchanged, c.Kind));
    }

    [Fact]
    public void A_rewritten_paragraph_is_one_change_facing_its_old_text()
    {
        var changes = ParagraphDiff.Compare(["(一)类别", "一是旧的落实情况。", "二是不变。"], ["(一)类别", "一是新的落实情况。", "二是不变。"]);

        Assert.Equal(
        [
            new(ParagraphChangeKind.Unchanged, "(一)类别", "(一)类别"),
            new(ParagraphChangeKind.Changed, "一是旧的落实情况。", "一是新的落实情况。"),
            new(ParagraphChangeKind.Unchanged, "二是不变。", "二是不变。"),
        ], changes);
    }

    [Fact]
    public void Added_and_removed_paragraphs_are_told_apart_from_changed_ones()
    {
        var changes = ParagraphDiff.Compare(["甲", "乙", "丙"], ["甲", "丙", "丁", "戊"]);

        Assert.Equal(
        [
            new(ParagraphChangeKind.Unchanged, "甲", "甲"),
            new(ParagraphChangeKind.Removed, "乙", null),
            new(ParagraphChangeKind.Unchanged, "丙", "丙"),
            new(ParagraphChangeKind.Added, null, "丁"),
            new(ParagraphChangeKind.Added, null, "戊"),
        ], changes);
    }

    [Fact]
    public void More_new_paragraphs_than_old_in_one_place_pair_what_they_can_and_add_the_rest()
    {
        var changes = ParagraphDiff.Compare(["甲", "旧"], ["甲", "新一", "新二"]);

        Assert.Equal(
        [
            new(ParagraphChangeKind.Unchanged, "甲", "甲"),
            new(ParagraphChangeKind.Changed, "旧", "新一"),
            new(ParagraphChangeKind.Added, null, "新二"),
        ], changes);
    }

    [Fact]
    public void Every_paragraph_of_both_sides_appears_once_in_order()
    {
        string[] before = ["a", "b", "c", "d", "e", "f"];
        string[] after = ["b", "x", "d", "e", "y", "f", "z"];

        var changes = ParagraphDiff.Compare(before, after);

        Assert.Equal(before, changes.Where(c => c.Before is not null).Select(c => c.Before!));
        Assert.Equal(after, changes.Where(c => c.After is not null).Select(c => c.After!));
        Assert.Equal(["b", "d", "e", "f"], changes.Where(c => c.Kind == ParagraphChangeKind.Unchanged).Select(c => c.After!));
    }

    [Fact]
    public void From_nothing_everything_is_added_and_to_nothing_everything_removed()
    {
        Assert.All(ParagraphDiff.Compare([], ["甲", "乙"]), c => Assert.Equal(ParagraphChangeKind.Added, c.Kind));
        Assert.All(ParagraphDiff.Compare(["甲", "乙"], []), c => Assert.Equal(ParagraphChangeKind.Removed, c.Kind));
    }
}
