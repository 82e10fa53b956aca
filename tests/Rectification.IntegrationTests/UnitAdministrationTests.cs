using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

public sealed class UnitAdministrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Moving_a_unit_moves_its_subtree_and_the_scope_of_its_people()
    {
        using var admin = await app.LoginAsync("admin");
        var school = await app.UnitIdAsync(DemoData.SchoolA);
        var unitB = await app.UnitIdAsync(DemoData.UnitB);
        var schoolFinding = await app.WithDatabaseAsync(db => db.Findings.Where(f => f.OwningUnitId == school).Select(f => f.Id).FirstAsync());
        using var headB = await app.LoginAsync("head.b");
        Assert.Equal(HttpStatusCode.NotFound, (await headB.GetAsync($"/Findings/Details/{schoolFinding}")).StatusCode);

        var form = await admin.GetPageAsync($"/Units/Edit/{school}");
        var moved = await admin.SubmitAsync(form, "form[action^='/Units/Edit']", new()
        {
            ["Input.ParentId"] = unitB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var (path, parentPath) = await app.WithDatabaseAsync(async db =>
            (await db.Units.Where(u => u.Id == school).Select(u => u.Path).SingleAsync(),
             await db.Units.Where(u => u.Id == unitB).Select(u => u.Path).SingleAsync()));
        Assert.Equal($"{parentPath}{school}/", path);
        Assert.Equal(HttpStatusCode.OK, (await headB.GetAsync($"/Findings/Details/{schoolFinding}")).StatusCode);
    }

    [Fact]
    public async Task A_unit_cannot_move_below_itself_and_codes_are_unique()
    {
        using var admin = await app.LoginAsync("admin");
        var bureau = await app.UnitIdAsync("JX-JTJ");
        var township = await app.UnitIdAsync("JX-JTJ-ZF");

        var form = await admin.GetPageAsync($"/Units/Edit/{bureau}");
        var below = await admin.SubmitAsync(form, "form[action^='/Units/Edit']", new()
        {
            ["Input.ParentId"] = township.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Contains("不能把单位移动到它自己或它的下级单位之下。", (await AppClient.ParseAsync(below)).Errors());

        var create = await admin.GetPageAsync("/Units/Create");
        var duplicate = await admin.SubmitAsync(create, "form[action='/Units/Create']", new()
        {
            ["Input.Name"] = "重复编码的单位",
            ["Input.Code"] = "JX-JTJ",
        });
        Assert.Contains("单位编码“JX-JTJ”已被使用。", (await AppClient.ParseAsync(duplicate)).Errors());

        var created = await admin.SubmitAsync(create, "form[action='/Units/Create']", new()
        {
            ["Input.Name"] = "纸坊镇第二小学",
            ["Input.Code"] = "JX-JTJ-ZF-02",
            ["Input.ParentId"] = township.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Kind"] = "School",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (path, townshipPath) = await app.WithDatabaseAsync(async db =>
            (await db.Units.Where(u => u.Code == "JX-JTJ-ZF-02").Select(u => u.Path).SingleAsync(),
             await db.Units.Where(u => u.Id == township).Select(u => u.Path).SingleAsync()));
        Assert.StartsWith(townshipPath, path, StringComparison.Ordinal);
    }
}
