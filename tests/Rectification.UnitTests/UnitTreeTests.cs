using Rectification.Core.Units;

namespace Rectification.UnitTests;

public sealed class UnitTreeTests
{
    private sealed record Node(int Id, int? ParentId, int SortOrder, string Name);

    [Fact]
    public void Units_are_listed_depth_first_with_siblings_in_sort_order()
    {
        Node[] nodes =
        [
            new(5, 1, 2, "乙"),
            new(1, null, 0, "县委"),
            new(7, 5, 0, "学校"),
            new(4, 1, 1, "甲"),
            new(9, 42, 0, "孤儿"),
        ];

        var ordered = UnitService.InTreeOrder(nodes, n => n.Id, n => n.ParentId, n => n.SortOrder, n => n.Name);

        Assert.Equal([1, 4, 5, 7, 9], ordered.Select(n => n.Id));
    }

    [Theory]
    [InlineData("/1/", 1)]
    [InlineData("/1/3/11/", 3)]
    public void Depth_counts_the_levels_of_a_path(string path, int depth) => Assert.Equal(depth, UnitPath.DepthOf(path));

    [Fact]
    public void Paths_compose_from_ids()
    {
        Assert.Equal("/4/", UnitPath.Root(4));
        Assert.Equal("/4/17/", UnitPath.Child("/4/", 17));
        Assert.True(UnitPath.IsWithin("/4/17/", "/4/"));
        Assert.False(UnitPath.IsWithin("/41/", "/4/"));
    }
}
