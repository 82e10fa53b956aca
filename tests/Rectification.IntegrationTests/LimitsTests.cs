using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>
/// The limits of <see cref="Limits"/>, tried over HTTP: more measures or evidence than a finding may hold, and texts far
/// beyond their length, are refused with a message in the user's language, and nothing is saved.
/// </summary>
public sealed class LimitsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ProgressForm = "form[action^='/Findings/Progress']";

    [Fact]
    public async Task A_progress_post_of_1001_measures_is_refused_and_adds_none()
    {
        using var staff = await app.LoginAsync("staff.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var before = await SnapshotAsync(findingId);

        // New rows only, each with its description alone: 1,003 values, within the form's limit of 1,024.
        var fields = Enumerable.Range(0, 1001).ToDictionary(i => $"Input.Measures[{i}].Description", i => $"批量添加的措施{i}");
        fields["version"] = before.Version.ToString(CultureInfo.InvariantCulture);
        var response = await staff.PostAsync($"/Findings/Progress/{findingId}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"每个问题最多{Limits.MeasuresPerFinding}项整改措施,本次保存后将有{before.Measures + 1001}项。请合并或删除部分措施后再保存。",
            (await AppClient.ParseAsync(response)).Errors());
        Assert.Equal(before, await SnapshotAsync(findingId));
    }

    [Fact]
    public async Task Measures_up_to_the_limit_are_saved_and_one_more_is_refused()
    {
        using var staff = await app.LoginAsync("staff.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var before = await SnapshotAsync(findingId);
        var room = Limits.MeasuresPerFinding - before.Measures;

        var tooMany = await staff.SubmitAsync(await staff.GetPageAsync($"/Findings/Progress/{findingId}"), ProgressForm, NewMeasures(before.Measures, room + 1));
        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(tooMany)).Errors(), e => e.StartsWith($"每个问题最多{Limits.MeasuresPerFinding}项整改措施", StringComparison.Ordinal));
        Assert.Equal(before, await SnapshotAsync(findingId));

        var enough = await staff.SubmitAsync(await staff.GetPageAsync($"/Findings/Progress/{findingId}"), ProgressForm, NewMeasures(before.Measures, room));
        Assert.Equal(HttpStatusCode.Redirect, enough.StatusCode);
        Assert.Equal(Limits.MeasuresPerFinding, (await SnapshotAsync(findingId)).Measures);
    }

    [Fact]
    public async Task An_upload_that_would_pass_the_evidence_limit_is_refused_and_stores_nothing()
    {
        using var staff = await app.LoginAsync("staff.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var existing = await FillEvidenceAsync(findingId, Limits.EvidenceItemsPerFinding - 1);
        var before = await EvidenceCountsAsync(findingId);

        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var refused = await staff.UploadAsync(page, "form[action^='/Evidence/Upload']", EvidenceFields(),
            ("第一份.pdf", SampleFiles.Pdf(seed: 11)), ("第二份.pdf", SampleFiles.Pdf(seed: 12)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(refused)).Errors(), e => e.StartsWith(
            $"每个问题最多{Limits.EvidenceItemsPerFinding}份佐证材料(已删除的仍保留在记录中,也计算在内),现有{existing}份,本次上传的2份将超出上限。", StringComparison.Ordinal));
        Assert.Equal(before, await EvidenceCountsAsync(findingId));

        // The last place left takes one file.
        var accepted = await staff.UploadAsync(await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}"), "form[action^='/Evidence/Upload']",
            EvidenceFields(), ("最后一份.pdf", SampleFiles.Pdf(seed: 13)));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(Limits.EvidenceItemsPerFinding, (await EvidenceCountsAsync(findingId)).Items);
    }

    [Fact]
    public async Task Texts_of_20000_characters_are_refused_with_their_limit_and_change_nothing()
    {
        var text = new string('长', 20_000);
        using var staff = await app.LoginAsync("staff.b");
        using var inspector = await app.LoginAsync("inspector");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var before = await SnapshotAsync(findingId);

        var progress = await staff.GetPageAsync($"/Findings/Progress/{findingId}");
        var summary = await staff.SubmitAsync(progress, ProgressForm, new() { ["Input.RectificationSummary"] = text });
        Assert.Contains($"整改进展(落实情况)不能超过{Limits.FindingSummary}个字", (await AppClient.ParseAsync(summary)).Errors());
        var measure = await staff.SubmitAsync(progress, ProgressForm, new() { ["Input.Measures[0].Description"] = text });
        Assert.Contains($"整改措施不能超过{Limits.MeasureDescription}个字", (await AppClient.ParseAsync(measure)).Errors());

        var edit = await inspector.GetPageAsync($"/Findings/Edit/{findingId}");
        var description = await inspector.SubmitAsync(edit, "form[action^='/Findings/Edit']", new() { ["Input.Description"] = text });
        Assert.Contains($"问题描述不能超过{Limits.FindingDescription}个字", (await AppClient.ParseAsync(description)).Errors());

        var urge = await inspector.GetPageAsync($"/Urges/Create?findingId={findingId}");
        var message = await inspector.SubmitAsync(urge, "form[action^='/Urges/Create']", new() { ["Input.Message"] = text });
        Assert.Contains($"督办意见不能超过{Limits.UrgeMessage}个字", (await AppClient.ParseAsync(message)).Errors());

        Assert.Equal(before, await SnapshotAsync(findingId));
        Assert.Equal(0, await app.WithDatabaseAsync(db => db.Urges.CountAsync(u => u.FindingId == findingId && u.Message.Length > Limits.UrgeMessage)));
    }

    private sealed record Snapshot(int Version, int Measures, int Events, string Summary, string Description);

    private Task<Snapshot> SnapshotAsync(int findingId) => app.WithDatabaseAsync(async db =>
    {
        var finding = await db.Findings.AsNoTracking().SingleAsync(f => f.Id == findingId);
        return new Snapshot(
            finding.Version,
            await db.Measures.CountAsync(m => m.FindingId == findingId),
            await db.FindingEvents.CountAsync(e => e.FindingId == findingId),
            finding.RectificationSummary,
            finding.Description);
    });

    private static Dictionary<string, string?> NewMeasures(int from, int count) =>
        Enumerable.Range(from, count).ToDictionary(i => $"Input.Measures[{i}].Description", i => (string?)$"新增措施{i}");

    private static Dictionary<string, string?> EvidenceFields() => new()
    {
        ["Input.Description"] = "补充材料",
        ["Input.EvidenceDate"] = "2026-11-20",
    };

    private Task<(int Items, int Versions)> EvidenceCountsAsync(int findingId) => app.WithDatabaseAsync(async db =>
        (await db.EvidenceItems.CountAsync(e => e.FindingId == findingId),
         await db.EvidenceVersions.CountAsync(v => v.EvidenceItem!.FindingId == findingId)));

    /// <summary>Adds items (each with a version of an existing file) until the finding holds <paramref name="total"/>.</summary>
    private Task<int> FillEvidenceAsync(int findingId, int total) => app.WithDatabaseAsync(async db =>
    {
        var model = await db.EvidenceVersions.AsNoTracking().Include(v => v.EvidenceItem).FirstAsync();
        var present = await db.EvidenceItems.CountAsync(e => e.FindingId == findingId);
        for (var i = present; i < total; i++)
        {
            var item = new EvidenceItem
            {
                FindingId = findingId,
                Description = $"已有材料{i}",
                EvidenceDate = model.EvidenceItem!.EvidenceDate,
                CreatedAt = model.UploadedAt,
            };
            item.Versions.Add(new EvidenceVersion
            {
                Number = 1,
                FileName = model.FileName,
                FileType = model.FileType,
                Length = model.Length,
                Sha256 = model.Sha256,
                UploadedAt = model.UploadedAt,
                UploadedByName = model.UploadedByName,
            });
            db.EvidenceItems.Add(item);
        }

        await db.SaveChangesAsync();
        return total;
    });
}
