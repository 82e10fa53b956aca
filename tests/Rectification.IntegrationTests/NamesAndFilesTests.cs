using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Findings;
using Rectification.Core.Text;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// Names other people read — files', people's, units' — lose the invisible characters that reorder text
/// (<see cref="NameText"/>): "invoice\u202Eexe.pdf" would display as "invoicefdp.exe".
/// </summary>
public sealed class NamesAndFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Override = "\u202E";

    [Fact]
    public async Task A_file_name_with_a_right_to_left_override_is_kept_and_served_without_it()
    {
        using var staff = await app.LoginAsync("staff.a");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");

        var response = await staff.UploadAsync(page, "form[action^='/Evidence/Upload']",
            new() { ["Input.Description"] = "发票", ["Input.EvidenceDate"] = "2026-11-20" },
            ($"invoice{Override}exe.pdf", SampleFiles.Pdf(seed: 21)), ("\u2066会议\u200F纪要\u2069.pdf", SampleFiles.Pdf(seed: 22)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var names = await app.WithDatabaseAsync(db => db.EvidenceVersions
            .Where(v => v.EvidenceItem!.FindingId == findingId).Select(v => v.FileName).ToListAsync());
        Assert.Contains("invoiceexe.pdf", names);
        Assert.Contains("会议纪要.pdf", names);
        Assert.DoesNotContain(names, n => n.Any(NameText.IsHidden));

        var details = await staff.GetPageAsync($"/Findings/Details/{findingId}");
        Assert.Contains("invoiceexe.pdf", details.Text());
        var text = details.Text();
        var found = text.IndexOf(Override, StringComparison.Ordinal);
        Assert.True(found < 0, $"U+202E on the page: …{(found < 0 ? "" : text.Substring(Math.Max(0, found - 100), Math.Min(200, text.Length - Math.Max(0, found - 100))))}…");
    }

    [Fact]
    public async Task A_person_and_a_unit_are_saved_without_hidden_characters_and_a_name_of_nothing_else_is_refused()
    {
        using var admin = await app.LoginAsync("admin");
        var userId = await app.UserIdAsync("staff.b");
        var unitId = await app.UnitIdAsync(DemoData.UnitB);

        var user = await admin.SubmitAsync(await admin.GetPageAsync($"/Users/Edit/{userId}"), "form[action^='/Users/Edit']",
            new() { ["Input.DisplayName"] = $"林{Override}雪\u200F", ["Input.Title"] = "\u2067整改联络员\u2069" });
        Assert.Equal(HttpStatusCode.Redirect, user.StatusCode);
        var unit = await admin.SubmitAsync(await admin.GetPageAsync($"/Units/Edit/{unitId}"), "form[action^='/Units/Edit']",
            new() { ["Input.Name"] = $"卧龙山{Override}街道教办\u0085" });
        Assert.Equal(HttpStatusCode.Redirect, unit.StatusCode);

        var saved = await app.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        Assert.Equal("林雪", saved.DisplayName);
        Assert.Equal("整改联络员", saved.Title);
        Assert.Equal("卧龙山街道教办", await app.WithDatabaseAsync(db => db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync()));

        var emptyUser = await admin.SubmitAsync(await admin.GetPageAsync($"/Users/Edit/{userId}"), "form[action^='/Users/Edit']",
            new() { ["Input.DisplayName"] = $"{Override}\u2066\u200E" });
        Assert.Equal(HttpStatusCode.OK, emptyUser.StatusCode);
        Assert.Contains("请填写姓名", (await AppClient.ParseAsync(emptyUser)).Errors());
        var emptyUnit = await admin.SubmitAsync(await admin.GetPageAsync($"/Units/Edit/{unitId}"), "form[action^='/Units/Edit']",
            new() { ["Input.Name"] = $"{Override}\u200F" });
        Assert.Equal(HttpStatusCode.OK, emptyUnit.StatusCode);
        Assert.Contains("请填写单位名称", (await AppClient.ParseAsync(emptyUnit)).Errors());

        // A C0 control character (a BEL pasted from a terminal) is refused by the form binder for every text field.
        var bell = await admin.SubmitAsync(await admin.GetPageAsync($"/Units/Edit/{unitId}"), "form[action^='/Units/Edit']",
            new() { ["Input.Name"] = "卧龙山街道教办\u0007" });
        Assert.Equal(HttpStatusCode.OK, bell.StatusCode);
        Assert.Contains("单位名称不能包含控制字符。", (await AppClient.ParseAsync(bell)).Errors());

        Assert.Equal("林雪", await app.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal("卧龙山街道教办", await app.WithDatabaseAsync(db => db.Units.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync()));
    }
}
