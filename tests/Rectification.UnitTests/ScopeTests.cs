using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;

namespace Rectification.UnitTests;

public sealed class ScopeTests
{
    private const string Bureau = "/1/3/";
    private const string UnitA = "/1/3/11/";
    private const string SchoolOfA = "/1/3/11/12/";
    private const string UnitB = "/1/3/14/";
    private const string UnitA1 = "/1/3/111/";

    [Fact]
    public void A_subtree_covers_its_descendants_but_not_a_sibling_whose_id_shares_digits()
    {
        var head = User(UnitA, Roles.UnitHead);

        Assert.True(head.Covers(UnitA));
        Assert.True(head.Covers(SchoolOfA));
        Assert.False(head.Covers(UnitB));
        Assert.False(head.Covers(UnitA1));
        Assert.False(head.Covers(Bureau));
    }

    [Fact]
    public void Unit_staff_cover_their_own_unit_only()
    {
        var staff = User(UnitA, Roles.UnitStaff);

        Assert.True(staff.OwnUnitOnly);
        Assert.True(staff.Covers(UnitA));
        Assert.False(staff.Covers(SchoolOfA));
    }

    [Fact]
    public void A_broader_role_widens_a_staff_members_scope()
    {
        var both = User(UnitA, Roles.UnitStaff, Roles.UnitHead);

        Assert.False(both.OwnUnitOnly);
        Assert.True(both.Covers(SchoolOfA));
    }

    [Fact]
    public void Administrators_see_everything_and_anonymous_users_nothing()
    {
        Assert.True(User(UnitA, Roles.Admin).Covers(UnitB));
        Assert.True(UserScope.System.Covers(UnitB));
        Assert.False(UserScope.Anonymous.Covers(UnitB));
        Assert.False(UserScope.Anonymous.Covers("/"));
    }

    [Theory]
    [InlineData(Roles.InspectionOffice, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Leader, false)]
    [InlineData(Roles.UnitHead, false)]
    [InlineData(Roles.UnitStaff, false)]
    public void Drafts_are_seen_by_the_inspection_office_only(string role, bool seesDraft)
    {
        var scope = User(Bureau, role);
        Assert.Equal(seesDraft, Visibility.CanSee(scope, Bureau, FindingStatus.Draft));
        Assert.True(Visibility.CanSee(scope, Bureau, FindingStatus.Assigned));
    }

    [Fact]
    public void Only_the_inspection_office_edits_and_the_unit_records_progress()
    {
        Assert.True(FindingPermissions.MayEdit(User(Bureau, Roles.InspectionOffice)));
        Assert.False(FindingPermissions.MayEdit(User(Bureau, Roles.Leader)));
        Assert.False(FindingPermissions.MayEdit(User(UnitA, Roles.UnitHead)));
        Assert.True(FindingPermissions.MayUpdateProgress(User(UnitA, Roles.UnitStaff)));
        Assert.False(FindingPermissions.MayUpdateProgress(User(Bureau, Roles.Leader)));
        Assert.False(FindingPermissions.AcceptsProgress(FindingStatus.Submitted));
        Assert.False(FindingPermissions.AcceptsProgress(FindingStatus.Closed));
        Assert.False(FindingPermissions.IsEditable(FindingStatus.Closed));
    }

    private static UserScope User(string path, params string[] roles) =>
        UserScope.ForUser("u1", "测试用户", int.Parse(path.TrimEnd('/').Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), path, roles);
}
