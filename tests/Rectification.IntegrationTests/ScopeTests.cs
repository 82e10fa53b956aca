using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Accounts;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Every user sees exactly the findings of their scope, on every list and filter.</summary>
public sealed class ScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> DemoUsers => new() { "admin", "inspector", "leader", "head.a", "staff.a", "head.b", "staff.b", "head.a1" };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Findings_list_shows_exactly_the_findings_of_the_users_scope(string userName)
    {
        var expected = await ExpectedFindingsAsync(userName);
        using var client = await app.LoginAsync(userName);

        var page = await client.GetPageAsync("/Findings?PageSize=100");

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), page.FindingIds().Order());
    }

    [Fact]
    public async Task Unit_staff_see_their_own_unit_only_while_the_unit_head_also_sees_sub_units()
    {
        using var staff = await app.LoginAsync("staff.a");
        using var head = await app.LoginAsync("head.a");
        var schoolFinding = await app.WithDatabaseAsync(db =>
            db.Findings.Where(f => f.OwningUnit!.Code == DemoData.SchoolA).Select(f => f.Id).FirstAsync());

        var staffSees = (await staff.GetPageAsync("/Findings?PageSize=100")).FindingIds();
        var headSees = (await head.GetPageAsync("/Findings?PageSize=100")).FindingIds();

        Assert.Contains(schoolFinding, headSees);
        Assert.DoesNotContain(schoolFinding, staffSees);
        Assert.Subset(headSees.ToHashSet(), staffSees.ToHashSet());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Findings/Details/{schoolFinding}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/Findings/Details/{schoolFinding}")).StatusCode);
    }

    [Fact]
    public async Task Filtering_by_another_units_id_or_searching_its_words_finds_nothing()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var findingOfB = await app.WithDatabaseAsync(db =>
            db.Findings.Where(f => f.OwningUnit!.Code == DemoData.UnitB && f.Status != FindingStatus.Draft).FirstAsync());

        var byUnit = await staffA.GetPageAsync($"/Findings?UnitId={unitB}&PageSize=100");
        var byText = await staffA.GetPageAsync($"/Findings?Text={Uri.EscapeDataString(findingOfB.Title)}&PageSize=100");

        Assert.Empty(byUnit.FindingIds());
        Assert.Empty(byText.FindingIds());
        Assert.DoesNotContain(findingOfB.Title, byText.Text());
    }

    [Fact]
    public async Task Inspection_details_and_counts_cover_only_the_users_findings()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var inspectionId = await app.InspectionIdAsync();
        var expected = await ExpectedFindingsAsync("staff.a");

        var page = await staffA.GetPageAsync($"/Inspections/Details/{inspectionId}");
        var list = await staffA.GetPageAsync("/Inspections");

        Assert.Equal(expected.Order(), page.FindingIds().Order());
        var countCell = list.QuerySelector($"a[href='/Findings?inspectionId={inspectionId}']");
        Assert.Equal(expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), countCell?.TextContent.Trim());
    }

    [Fact]
    public async Task Home_page_counts_agree_with_the_list_for_each_figure()
    {
        foreach (var user in new[] { "inspector", "head.b", "staff.a" })
        {
            using var client = await app.LoginAsync(user);
            var home = await client.GetPageAsync("/");
            foreach (var card in home.QuerySelectorAll("a.card-stat"))
            {
                var shown = int.Parse(card.QuerySelector(".value")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
                var href = card.GetAttribute("href")!;
                var list = await client.GetPageAsync(href + (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "PageSize=100");
                Assert.True(shown == list.FindingIds().Count, $"{user}: {href} shows {shown} on the home page but lists {list.FindingIds().Count}");
            }
        }
    }

    /// <summary>The rule of DESIGN.md, computed straight from the data: whose findings each role may see.</summary>
    private Task<List<int>> ExpectedFindingsAsync(string userName) => app.WithDatabaseAsync(async db =>
    {
        var user = await db.Users.Include(u => u.Unit).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var findings = await db.Findings.Select(f => new { f.Id, f.Status, f.OwningUnitId, f.OwningUnit!.Path }).ToListAsync();
        return findings.Where(f =>
        {
            if (roles.Contains(Roles.Admin))
            {
                return true;
            }

            var seesDrafts = roles.Contains(Roles.InspectionOffice);
            if (f.Status == FindingStatus.Draft && !seesDrafts)
            {
                return false;
            }

            var staffOnly = roles.SequenceEqual([Roles.UnitStaff]);
            return staffOnly ? f.OwningUnitId == user.UnitId : f.Path.StartsWith(user.Unit!.Path, StringComparison.Ordinal);
        }).Select(f => f.Id).ToList();
    });
}
