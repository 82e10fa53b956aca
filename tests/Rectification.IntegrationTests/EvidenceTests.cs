using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>Uploading, storing and serving evidence: a file is never lost, altered or shown to the wrong unit.</summary>
public sealed class EvidenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UploadForm = "form[action^='/Evidence/Upload']";

    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "整改报告.pdf", SampleFiles.Executable(), "的内容与扩展名不符" },
        { "现场照片.png", SampleFiles.Html(), "的内容与扩展名不符" },
        { "发票.pdf", SampleFiles.HtmlWithPdfHeader(), "的内容与扩展名不符" },
        { "空白.pdf", [], "是空文件" },
        { "程序.exe", SampleFiles.Executable(), "的类型不在允许范围内" },
        { "..\\..\\x.pdf", SampleFiles.Pdf(), "无效" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_refused_file_is_named_in_the_message_and_leaves_no_record_and_no_file(string fileName, byte[] content, string reason)
    {
        using var staff = await app.LoginAsync("staff.a");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await CountsAsync(findingId);

        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var response = await staff.UploadAsync(page, UploadForm, Fields("被拒绝的材料"), (fileName, content));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await AppClient.ParseAsync(response)).Errors();
        Assert.Contains(errors, e => e.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync(findingId));
    }

    [Fact]
    public async Task An_oversize_file_is_refused_while_it_streams_and_nothing_is_kept()
    {
        await using var small = new SmallLimitFactory();
        using var staff = await small.LoginAsync("staff.a");
        var findingId = await small.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var files = StoredFiles(small);

        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var response = await staff.UploadAsync(page, UploadForm, Fields("超大文件"), ("超大.pdf", SampleFiles.Pdf(SmallLimitFactory.Limit + 1)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(response)).Errors(), e => e.Contains("超过了1MB的大小限制", StringComparison.Ordinal));
        Assert.Equal(files, StoredFiles(small));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(small.EvidenceRoot, "tmp")));
    }

    [Fact]
    public async Task A_multi_megabyte_file_comes_back_byte_for_byte_with_its_chinese_name()
    {
        using var staff = await app.LoginAsync("staff.a");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var content = SampleFiles.Pdf(6 * 1024 * 1024, seed: 42);

        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var uploaded = await staff.UploadAsync(page, UploadForm, Fields("关于加强校园安全管理的通知"), ("关于加强校园安全管理的通知(定稿).pdf", content));
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await AppClient.ParseAsync(uploaded)).Errors()));

        var version = await app.WithDatabaseAsync(db => db.EvidenceVersions
            .Where(v => v.EvidenceItem!.FindingId == findingId && v.FileName == "关于加强校园安全管理的通知(定稿).pdf").SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), version.Sha256);
        Assert.Equal(content.Length, version.Length);

        var download = await staff.GetAsync($"/Evidence/Download/{version.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("关于加强校园安全管理的通知(定稿).pdf", disposition.FileNameStar);

        // The preview page shows PDFs in the browser.
        var preview = await staff.GetPageAsync($"/Evidence/Preview/{version.Id}");
        Assert.NotNull(preview.QuerySelector($"object[data='/Evidence/Inline/{version.Id}']"));
        var inline = await staff.GetAsync($"/Evidence/Inline/{version.Id}");
        Assert.Equal("inline", inline.Content.Headers.ContentDisposition!.DispositionType);
    }

    [Fact]
    public async Task Identical_content_is_stored_once_and_several_files_go_in_one_upload()
    {
        using var head = await app.LoginAsync("head.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var content = SampleFiles.Pdf(4096, seed: 7);
        var before = StoredFiles(app).Count;

        var page = await head.GetPageAsync($"/Evidence/Upload?findingId={findingId}");
        var response = await head.UploadAsync(page, UploadForm, Fields("同一份文件"),
            ("通知-发文稿.pdf", content), ("通知-存档稿.pdf", content), ("现场照片.png", SampleFiles.Png()), ("台账.docx", SampleFiles.Docx()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var items = await app.WithDatabaseAsync(db => db.EvidenceItems.Include(e => e.Versions)
            .Where(e => e.FindingId == findingId && e.Description == "同一份文件").ToListAsync());
        Assert.Equal(4, items.Count);
        Assert.Equal(before + 3, StoredFiles(app).Count);
        Assert.Contains(items, i => i.Versions.Single().FileType == EvidenceFileType.Docx);
    }

    [Fact]
    public async Task Another_units_evidence_is_not_found_on_any_route()
    {
        using var staffA = await app.LoginAsync("staff.a");
        var findingOfB = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        var (itemId, versionId) = await app.WithDatabaseAsync(async db =>
        {
            var item = await db.EvidenceItems.Include(e => e.Versions).FirstAsync(e => e.FindingId == findingOfB);
            return (item.Id, item.Versions[0].Id);
        });

        foreach (var url in new[]
                 {
                     $"/Evidence/Download/{versionId}", $"/Evidence/Inline/{versionId}", $"/Evidence/Preview/{versionId}",
                     $"/Evidence/Delete/{itemId}", $"/Evidence/Upload?findingId={findingOfB}",
                 })
        {
            Assert.True((await staffA.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await staffA.PostAsync($"/Evidence/Delete/{itemId}", new() { ["reason"] = "越权删除" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staffA.PostAsync($"/Evidence/Review/{itemId}", new() { ["decision"] = "accept", ["version"] = "0" })).StatusCode);

        // Uploading into their finding with a form taken from one's own.
        var own = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var page = await staffA.GetPageAsync($"/Evidence/Upload?findingId={own}");
        page.QuerySelector(UploadForm)!.SetAttribute("action", $"/Evidence/Upload?findingId={findingOfB}");
        var upload = await staffA.UploadAsync(page, UploadForm, Fields("越权上传"), ("越权.pdf", SampleFiles.Pdf()));
        Assert.Equal(HttpStatusCode.NotFound, upload.StatusCode);
        Assert.False(await app.WithDatabaseAsync(db => db.EvidenceItems.AnyAsync(e => e.Description == "越权上传")));
        Assert.False((await app.WithDatabaseAsync(db => db.EvidenceItems.SingleAsync(e => e.Id == itemId))).IsDeleted);
    }

    [Fact]
    public async Task A_file_altered_on_disk_is_refused_not_served()
    {
        using var inspector = await app.LoginAsync("inspector");
        var version = await app.WithDatabaseAsync(db => db.EvidenceVersions.OrderBy(v => v.Id).FirstAsync());
        var path = Path.Combine(app.EvidenceRoot, "blobs", version.Sha256[..2], version.Sha256[2..4], version.Sha256);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/Evidence/Download/{version.Id}")).StatusCode);
        var original = await File.ReadAllBytesAsync(path);
        try
        {
            var altered = original.ToArray();
            altered[^10] ^= 0xFF;
            await File.WriteAllBytesAsync(path, altered);

            var response = await inspector.GetAsync($"/Evidence/Download/{version.Id}");

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            Assert.Contains("可能已被篡改", (await AppClient.ParseAsync(response)).Text());
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
    }

    [Fact]
    public async Task An_interrupted_upload_leaves_no_record_and_no_file()
    {
        using var staff = await app.LoginAsync("staff.a");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await CountsAsync(findingId);
        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");

        // The browser goes away a third of the way through: the body breaks and the request is aborted.
        using var abort = new CancellationTokenSource();
        var broken = new StreamContent(new FailingStream(SampleFiles.Pdf(3 * 1024 * 1024), failAfter: 1024 * 1024, abort));
        await Assert.ThrowsAnyAsync<Exception>(() => staff.UploadAsync(page, UploadForm, Fields("中断的上传"), abort.Token, ("中断.pdf", (HttpContent)broken)));

        // The server notices the abort on its own time; give it a moment, then nothing may remain.
        for (var wait = 0; wait < 50 && Directory.EnumerateFiles(Path.Combine(app.EvidenceRoot, "tmp")).Any(); wait++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(before, await CountsAsync(findingId));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.EvidenceRoot, "tmp")));
    }

    [Fact]
    public async Task An_upload_without_its_antiforgery_token_is_refused_before_any_file_is_read()
    {
        using var staff = await app.LoginAsync("staff.a");
        var findingId = await app.FindingAsync(DemoData.UnitA, FindingStatus.InProgress);
        var before = await CountsAsync(findingId);
        var page = await staff.GetPageAsync($"/Evidence/Upload?findingId={findingId}");

        var response = await staff.UploadAsync(page, UploadForm, new(Fields("伪造的表单")) { ["__RequestVerificationToken"] = null }, ("伪造.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync(findingId));
    }

    [Fact]
    public async Task A_new_version_keeps_the_old_one_and_needs_a_new_review_and_deleting_keeps_the_file()
    {
        using var head = await app.LoginAsync("head.b");
        var findingId = await app.FindingAsync(DemoData.UnitB, FindingStatus.Returned);
        var rejected = await app.WithDatabaseAsync(db => db.EvidenceItems.Include(e => e.Versions)
            .FirstAsync(e => e.FindingId == findingId && e.Review == EvidenceReview.Rejected));

        // The returned finding goes back to work, then the rejected minutes get a corrected version.
        var details = await head.GetPageAsync($"/Findings/Details/{findingId}");
        Assert.Equal(HttpStatusCode.Redirect, (await head.SubmitAsync(details, "form[data-action='Start']")).StatusCode);
        var page = await head.GetPageAsync($"/Evidence/Upload?findingId={findingId}&replaces={rejected.Id}");
        var response = await head.UploadAsync(page, UploadForm, [], ("专题会议纪要(盖章版).pdf", SampleFiles.Pdf(3000, seed: 9)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var item = await app.WithDatabaseAsync(db => db.EvidenceItems.Include(e => e.Versions).SingleAsync(e => e.Id == rejected.Id));
        Assert.Equal([1, 2], item.Versions.Select(v => v.Number).Order());
        Assert.Equal(EvidenceReview.Pending, item.Review);
        var history = await head.GetPageAsync($"/Findings/Details/{findingId}");
        Assert.Contains(rejected.Versions[0].FileName, history.QuerySelector($"[data-evidence-id='{item.Id}'] details")!.TextContent);

        // Deleting needs a reason, and keeps the record and the file.
        var deletePage = await head.GetPageAsync($"/Evidence/Delete/{item.Id}");
        var noReason = await head.SubmitAsync(deletePage, "form[action^='/Evidence/Delete']", new() { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var deleted = await head.SubmitAsync(deletePage, "form[action^='/Evidence/Delete']", new() { ["reason"] = "重复上传" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var after = await app.WithDatabaseAsync(db => db.EvidenceItems.Include(e => e.Versions).SingleAsync(e => e.Id == item.Id));
        Assert.True(after.IsDeleted);
        Assert.Equal("重复上传", after.DeleteReason);
        Assert.All(after.Versions, v => Assert.True(File.Exists(Path.Combine(app.EvidenceRoot, "blobs", v.Sha256[..2], v.Sha256[2..4], v.Sha256))));
    }

    [Fact]
    public async Task Evidence_of_a_closed_finding_cannot_be_changed()
    {
        using var inspector = await app.LoginAsync("inspector");
        var closed = await app.FindingAsync("JX-JTJ", FindingStatus.Closed);
        var itemId = await app.WithDatabaseAsync(db => db.EvidenceItems.Where(e => e.FindingId == closed).Select(e => e.Id).FirstAsync());

        var upload = await inspector.GetAsync($"/Evidence/Upload?findingId={closed}");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var delete = await inspector.PostAsync($"/Evidence/Delete/{itemId}", new() { ["reason"] = "试图删除已销号问题的材料" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, delete.StatusCode);
        Assert.False((await app.WithDatabaseAsync(db => db.EvidenceItems.SingleAsync(e => e.Id == itemId))).IsDeleted);
    }

    private static Dictionary<string, string?> Fields(string description) => new()
    {
        ["Input.Description"] = description,
        ["Input.EvidenceDate"] = "2026-11-20",
    };

    private Task<(int Items, int Versions)> CountsAsync(int findingId) => app.WithDatabaseAsync(async db =>
        (await db.EvidenceItems.CountAsync(e => e.FindingId == findingId),
         await db.EvidenceVersions.CountAsync(v => v.EvidenceItem!.FindingId == findingId)));

    private static List<string> StoredFiles(AppFactory factory) =>
        [.. Directory.EnumerateFiles(Path.Combine(factory.EvidenceRoot, "blobs"), "*", SearchOption.AllDirectories).Order()];

    /// <summary>An app whose per-file limit is 1 MB, so that refusing an oversize file is quick to prove.</summary>
    private sealed class SmallLimitFactory : AppFactory
    {
        public const int Limit = 1024 * 1024;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Evidence:MaxFileBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A request body that breaks part-way, like a browser closed during an upload.</summary>
    private sealed class FailingStream(byte[] content, int failAfter, CancellationTokenSource abort) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAfter ? Fail() : base.Read(buffer, offset, Math.Min(count, failAfter - (int)Position));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return Position >= failAfter
                ? Fail()
                : await base.ReadAsync(buffer[..Math.Min(buffer.Length, failAfter - (int)Position)], cancellationToken);
        }

        private int Fail()
        {
            abort.Cancel();
            throw new IOException("connection lost");
        }
    }
}
