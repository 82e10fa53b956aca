using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rectification.Core.Data;
using Rectification.Core.Evidence;
using Rectification.Core.Findings;
using Rectification.Core.Mechanisms;
using Rectification.Core.Scoping;
using Rectification.IntegrationTests.Infrastructure;

namespace Rectification.IntegrationTests;

/// <summary>长效机制: registered with their document and findings, listed per inspection and on findings, kept in scope.</summary>
public sealed class MechanismTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UploadForm = "form[action^='/Mechanisms/Upload']";

    [Fact]
    public async Task The_register_shows_on_the_inspection_its_own_page_and_each_linked_finding()
    {
        using var inspector = await app.LoginAsync("inspector");
        var inspectionId = await app.InspectionIdAsync();
        var ethics = await app.MechanismIdAsync(ReportData.EthicsPlan);
        var linked = await app.WithDatabaseAsync(db => db.MechanismFindings.Where(l => l.MechanismId == ethics).Select(l => l.FindingId).ToListAsync());

        var all = await app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.InspectionId == inspectionId).Select(m => m.Id).ToListAsync());

        var inspection = await inspector.GetPageAsync($"/Inspections/Details/{inspectionId}");
        var register = await inspector.GetPageAsync($"/Mechanisms?inspectionId={inspectionId}");

        // The inspection office sees the whole register, the demo's five rules at least.
        Assert.True(all.Count >= 5);
        Assert.Equal(all.ToHashSet(), Ids(inspection.QuerySelectorAll("#mechanisms tr[data-mechanism-id]")));
        Assert.Equal(all.ToHashSet(), Ids(register.QuerySelectorAll("tr[data-mechanism-id]")));
        var row = register.QuerySelector($"tr[data-mechanism-id='{ethics}']")!;
        Assert.Contains("《关于进一步加强师德师风建设的实施方案》", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("嘉教体发〔2023〕5号", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2023年1月10日", row.TextContent, StringComparison.Ordinal);

        Assert.Equal(3, linked.Count);
        foreach (var findingId in linked)
        {
            var finding = await inspector.GetPageAsync($"/Findings/Details/{findingId}");
            Assert.NotNull(finding.QuerySelector($"#mechanisms li[data-mechanism-id='{ethics}'] a[href='/Mechanisms/Details/{ethics}']"));
        }

        var details = await inspector.GetPageAsync($"/Mechanisms/Details/{ethics}");
        Assert.Equal(linked.ToHashSet(), details.QuerySelectorAll("li[data-finding-id]").Select(e => int.Parse(e.GetAttribute("data-finding-id")!, CultureInfo.InvariantCulture)).ToHashSet());
    }

    [Fact]
    public async Task A_unit_head_registers_a_mechanism_of_their_unit_with_its_findings_and_document()
    {
        using var head = await app.LoginAsync("head.a");
        var inspectionId = await app.InspectionIdAsync();
        var unitA = await app.UnitIdAsync(DemoData.UnitA);
        var pathA = await app.WithDatabaseAsync(db => db.Units.Where(u => u.Id == unitA).Select(u => u.Path).SingleAsync());
        var ownFindings = await app.WithDatabaseAsync(db => db.Findings
            .Where(f => f.InspectionId == inspectionId && f.OwningUnit!.Path.StartsWith(pathA) && f.Status != FindingStatus.Draft)
            .OrderBy(f => f.Id).Select(f => f.Id).ToListAsync());

        var form = await head.GetPageAsync($"/Mechanisms/Create?inspectionId={inspectionId}");
        // The form offers exactly the findings this head can see: their unit's and its schools'.
        Assert.Equal(ownFindings.ToHashSet(), form.QuerySelectorAll("input[name='Input.FindingIds']").Select(i => int.Parse(i.GetAttribute("value")!, CultureInfo.InvariantCulture)).ToHashSet());

        var created = await head.Http.PostAsync(form.QuerySelector("form[action^='/Mechanisms/Create']")!.GetAttribute("action"), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", Token(form)),
            new("Input.Title", "《嘉祥街道校园安全隐患排查整治制度》"),
            new("Input.DocumentNumber", "嘉街教发〔2023〕2号"),
            new("Input.IssuingUnitId", unitA.ToString(CultureInfo.InvariantCulture)),
            new("Input.IssueDate", "2023-02-01"),
            new("Input.Summary", "每月开展一次校园安全隐患排查。"),
            new("Input.FindingIds", ownFindings[0].ToString(CultureInfo.InvariantCulture)),
            new("Input.FindingIds", ownFindings[1].ToString(CultureInfo.InvariantCulture)),
        ]));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var mechanism = await app.WithDatabaseAsync(db => db.Mechanisms.Include(m => m.Findings).SingleAsync(m => m.DocumentNumber == "嘉街教发〔2023〕2号"));
        Assert.Equal("嘉祥街道校园安全隐患排查整治制度", mechanism.Title);
        Assert.Equal(new DateOnly(2023, 2, 1), mechanism.IssueDate);
        Assert.Equal(ownFindings.Take(2).ToHashSet(), mechanism.Findings.Select(l => l.FindingId).ToHashSet());
        Assert.Equal($"/Mechanisms/Upload/{mechanism.Id}", created.Headers.Location!.OriginalString);

        var content = SampleFiles.Pdf(3000, seed: 11);
        var uploadPage = await head.GetPageAsync($"/Mechanisms/Upload/{mechanism.Id}");
        var uploaded = await head.UploadAsync(uploadPage, UploadForm, new(), ("嘉街教发〔2023〕2号.pdf", content));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var details = await head.GetPageAsync($"/Mechanisms/Details/{mechanism.Id}");
        Assert.Equal("《嘉祥街道校园安全隐患排查整治制度》", details.QuerySelector("h1")!.TextContent.Trim());
        var link = details.QuerySelector("li[data-document-id] a")!;
        var download = await head.GetAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("嘉街教发〔2023〕2号.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        // Shown on its findings' pages too.
        var finding = await head.GetPageAsync($"/Findings/Details/{ownFindings[0]}");
        Assert.NotNull(finding.QuerySelector($"li[data-mechanism-id='{mechanism.Id}']"));
    }

    [Fact]
    public async Task A_document_whose_content_is_not_what_its_name_says_is_refused()
    {
        using var head = await app.LoginAsync("head.a");
        var mechanismId = await app.MechanismIdAsync(ReportData.AbsenceRules);
        var before = await app.WithDatabaseAsync(db => db.MechanismDocuments.CountAsync(d => d.MechanismId == mechanismId));

        var page = await head.GetPageAsync($"/Mechanisms/Upload/{mechanismId}");
        var response = await head.UploadAsync(page, UploadForm, new(), ("制度.pdf", SampleFiles.Executable()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains((await AppClient.ParseAsync(response)).Errors(), e => e.Contains("的内容与扩展名不符", StringComparison.Ordinal));
        Assert.Equal(before, await app.WithDatabaseAsync(db => db.MechanismDocuments.CountAsync(d => d.MechanismId == mechanismId)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.EvidenceRoot, "tmp")));
    }

    [Fact]
    public async Task A_document_altered_on_disk_is_refused_not_served()
    {
        using var inspector = await app.LoginAsync("inspector");
        var documentId = await app.DocumentIdAsync(await app.MechanismIdAsync(ReportData.TutoringRules));
        var sha = await app.WithDatabaseAsync(db => db.MechanismDocuments.Where(d => d.Id == documentId).Select(d => d.Sha256).SingleAsync());
        var path = Path.Combine(app.EvidenceRoot, "blobs", sha[..2], sha[2..4], sha);
        var original = await File.ReadAllBytesAsync(path);
        try
        {
            var altered = original.ToArray();
            altered[^5] ^= 0xFF;
            await File.WriteAllBytesAsync(path, altered);

            var response = await inspector.GetAsync($"/Mechanisms/Download/{documentId}");

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("可能已被篡改", (await AppClient.ParseAsync(response)).Text());
        }
        finally
        {
            await File.WriteAllBytesAsync(path, original);
        }
    }

    [Theory]
    [InlineData("head.b")]
    [InlineData("staff.b")]
    public async Task Another_units_mechanism_is_not_found_on_any_route(string userName)
    {
        using var client = await app.LoginAsync(userName);
        var foreign = await app.MechanismIdAsync(ReportData.AbsenceRules);
        var documentId = await app.DocumentIdAsync(foreign);
        var before = await app.WithDatabaseAsync(db => db.Mechanisms.AsNoTracking().SingleAsync(m => m.Id == foreign));

        foreach (var url in new[] { $"/Mechanisms/Details/{foreign}", $"/Mechanisms/Download/{documentId}" })
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        var register = await client.GetPageAsync($"/Mechanisms?inspectionId={before.InspectionId}");
        Assert.Null(register.QuerySelector($"tr[data-mechanism-id='{foreign}']"));
        var inspection = await client.GetPageAsync($"/Inspections/Details/{before.InspectionId}");
        Assert.Null(inspection.QuerySelector($"tr[data-mechanism-id='{foreign}']"));

        if (userName == "head.b")
        {
            // A unit head may register, so the role passes: the mechanism itself must not be there for them.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Mechanisms/Edit/{foreign}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Mechanisms/Upload/{foreign}")).StatusCode);
            var edit = await client.PostAsync($"/Mechanisms/Edit/{foreign}", EditFields(before.Version, "越权修改", before.IssuingUnitId));
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);

            // Uploading into it with a form taken from one of their own.
            var own = await app.MechanismIdAsync(ReportData.TutoringRules);
            var page = await client.GetPageAsync($"/Mechanisms/Details/{own}");
            Assert.Null(page.QuerySelector($"a[href='/Mechanisms/Upload/{own}']")); // issued by the bureau: not theirs to change
            var ownInspection = await client.GetPageAsync($"/Mechanisms/Create?inspectionId={before.InspectionId}");
            Assert.NotNull(ownInspection.QuerySelector("form[action^='/Mechanisms/Create']"));
        }

        var after = await app.WithDatabaseAsync(db => db.Mechanisms.AsNoTracking().Include(m => m.Documents).SingleAsync(m => m.Id == foreign));
        Assert.Equal(before.Title, after.Title);
        Assert.Equal(before.Version, after.Version);
        Assert.Single(after.Documents);
    }

    [Fact]
    public async Task An_upload_into_another_units_mechanism_through_ones_own_form_is_not_found()
    {
        using var headB = await app.LoginAsync("head.b");
        var foreign = await app.MechanismIdAsync(ReportData.AbsenceRules);
        var inspectionId = await app.InspectionIdAsync();
        var ownId = await CreateAsUnitHeadAsync(headB, inspectionId, DemoData.UnitB, "卧龙山街道有偿补课排查制度");

        var page = await headB.GetPageAsync($"/Mechanisms/Upload/{ownId}");
        page.QuerySelector(UploadForm)!.SetAttribute("action", $"/Mechanisms/Upload/{foreign}");
        var response = await headB.UploadAsync(page, UploadForm, new(), ("越权.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await app.WithDatabaseAsync(db => db.MechanismDocuments.CountAsync(d => d.MechanismId == foreign)));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.EvidenceRoot, "tmp")));
    }

    [Fact]
    public async Task The_register_of_an_inspection_out_of_scope_is_not_found()
    {
        // An inspection of 纸坊镇教办 with one finding there: nothing of it is in unit A's subtree.
        var inspectionId = await app.WithDatabaseAsync(async db =>
        {
            var unit = await db.Units.SingleAsync(u => u.Code == "JX-JTJ-ZF");
            var inspection = new Core.Inspections.Inspection
            {
                Title = "测试巡察纸坊镇教办",
                TeamName = "县委第二巡察组",
                InspectedUnitId = unit.Id,
                InspectionStart = new DateOnly(2026, 3, 1),
                InspectionEnd = new DateOnly(2026, 4, 1),
                FeedbackDate = new DateOnly(2026, 6, 1),
                RectificationDueDate = new DateOnly(2026, 9, 1),
            };
            inspection.Categories.AddRange(Core.Inspections.StandardCategories.Create());
            db.Inspections.Add(inspection);
            await db.SaveChangesAsync();
            db.Findings.Add(new Finding
            {
                InspectionId = inspection.Id,
                CategoryId = inspection.Categories[0].Id,
                Ordinal = 1,
                Title = "纸坊镇的问题",
                OwningUnitId = unit.Id,
                Status = FindingStatus.InProgress,
            });
            await db.SaveChangesAsync();
            return inspection.Id;
        });
        using var head = await app.LoginAsync("head.a");

        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/Mechanisms?inspectionId={inspectionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/Mechanisms/Create?inspectionId={inspectionId}")).StatusCode);
        var created = await head.PostAsync($"/Mechanisms/Create?inspectionId={inspectionId}", new()
        {
            ["Input.Title"] = "越权登记的制度",
            ["Input.IssuingUnitId"] = (await app.UnitIdAsync(DemoData.UnitA)).ToString(CultureInfo.InvariantCulture),
            ["Input.IssueDate"] = "2026-07-01",
        });
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.False(await app.WithDatabaseAsync(db => db.Mechanisms.AnyAsync(m => m.Title == "越权登记的制度")));
    }

    [Fact]
    public async Task Roles_that_only_read_may_not_register_or_change_mechanisms()
    {
        var inspectionId = await app.InspectionIdAsync();
        var ethics = await app.MechanismIdAsync(ReportData.EthicsPlan);
        var absence = await app.MechanismIdAsync(ReportData.AbsenceRules);
        var version = await app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.Id == absence).Select(m => m.Version).SingleAsync());

        foreach (var userName in new[] { "staff.a", "leader" })
        {
            using var client = await app.LoginAsync(userName);
            // They read what they can see.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Mechanisms/Details/{ethics}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Mechanisms/Download/{await app.DocumentIdAsync(ethics)}")).StatusCode);

            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Mechanisms/Create?inspectionId={inspectionId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Mechanisms/Edit/{absence}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Mechanisms/Upload/{absence}")).StatusCode);
            var edit = await client.PostAsync($"/Mechanisms/Edit/{absence}", EditFields(version, "越权修改", await app.UnitIdAsync(DemoData.UnitA)));
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        }

        // A unit head sees the bureau's plan through their unit's finding, but it is not theirs to change.
        using var headA = await app.LoginAsync("head.a");
        Assert.Equal(HttpStatusCode.OK, (await headA.GetAsync($"/Mechanisms/Details/{ethics}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await headA.GetAsync($"/Mechanisms/Edit/{ethics}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await headA.GetAsync($"/Mechanisms/Upload/{ethics}")).StatusCode);
        Assert.Equal("嘉祥街道教职工外出报备管理制度", await app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.Id == absence).Select(m => m.Title).SingleAsync()));
    }

    [Fact]
    public async Task Findings_of_another_unit_or_an_issuing_unit_out_of_scope_are_refused()
    {
        using var head = await app.LoginAsync("head.a");
        var inspectionId = await app.InspectionIdAsync();
        var findingOfB = await app.FindingAsync(DemoData.UnitB, FindingStatus.InProgress);
        var unitA = await app.UnitIdAsync(DemoData.UnitA);
        var form = await head.GetPageAsync($"/Mechanisms/Create?inspectionId={inspectionId}");

        var foreignFinding = await head.SubmitAsync(form, "form[action^='/Mechanisms/Create']", new()
        {
            ["Input.Title"] = "借道关联他单位问题",
            ["Input.IssuingUnitId"] = unitA.ToString(CultureInfo.InvariantCulture),
            ["Input.IssueDate"] = "2023-02-01",
            ["Input.FindingIds"] = findingOfB.ToString(CultureInfo.InvariantCulture),
        });
        var foreignUnit = await head.SubmitAsync(form, "form[action^='/Mechanisms/Create']", new()
        {
            ["Input.Title"] = "以他单位名义发文",
            ["Input.IssuingUnitId"] = (await app.UnitIdAsync(DemoData.UnitB)).ToString(CultureInfo.InvariantCulture),
            ["Input.IssueDate"] = "2023-02-01",
        });

        Assert.Contains("所选问题不属于这次巡察,或不在您的管理范围内。", (await AppClient.ParseAsync(foreignFinding)).Errors());
        Assert.Contains("所选发文单位不存在、已停用或不在您的管理范围内。", (await AppClient.ParseAsync(foreignUnit)).Errors());
        Assert.False(await app.WithDatabaseAsync(db => db.Mechanisms.AnyAsync(m => m.Title == "借道关联他单位问题" || m.Title == "以他单位名义发文")));
    }

    [Fact]
    public async Task Editing_keeps_the_links_to_findings_the_editor_cannot_see()
    {
        var absence = await app.MechanismIdAsync(ReportData.AbsenceRules);
        var findingOfB = await app.FindingAsync(DemoData.UnitB, FindingStatus.Submitted);
        await app.WithDatabaseAsync(async db =>
        {
            db.MechanismFindings.Add(new MechanismFinding { MechanismId = absence, FindingId = findingOfB });
            await db.SaveChangesAsync();
        });
        using var head = await app.LoginAsync("head.a");

        var form = await head.GetPageAsync($"/Mechanisms/Edit/{absence}");
        Assert.Null(form.QuerySelector($"input[name='Input.FindingIds'][value='{findingOfB}']"));
        var saved = await head.SubmitAsync(form, "form[action^='/Mechanisms/Edit']", new() { ["Input.Summary"] = "修订:每月抽查两次。" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var links = await app.WithDatabaseAsync(db => db.MechanismFindings.Where(l => l.MechanismId == absence).Select(l => l.FindingId).ToListAsync());
        Assert.Contains(findingOfB, links);
        Assert.Equal(2, links.Count);
        Assert.Equal("修订:每月抽查两次。", await app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.Id == absence).Select(m => m.Summary).SingleAsync()));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_latest_content_and_overwrites_nothing()
    {
        using var first = await app.LoginAsync("inspector");
        using var second = await app.LoginAsync("inspector");
        var tutoring = await app.MechanismIdAsync(ReportData.TutoringRules);
        var formOfFirst = await first.GetPageAsync($"/Mechanisms/Edit/{tutoring}");
        var formOfSecond = await second.GetPageAsync($"/Mechanisms/Edit/{tutoring}");

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(formOfFirst, "form[action^='/Mechanisms/Edit']", new() { ["Input.DocumentNumber"] = "嘉教体字〔2023〕4号" })).StatusCode);
        var refused = await second.SubmitAsync(formOfSecond, "form[action^='/Mechanisms/Edit']", new() { ["Input.DocumentNumber"] = "嘉教体字〔2023〕9号" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await AppClient.ParseAsync(refused);
        Assert.Contains(page.Errors(), e => e.Contains("修改了这项长效机制", StringComparison.Ordinal));
        Assert.Contains("嘉教体字〔2023〕4号", page.QuerySelector(".card.border-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("嘉教体字〔2023〕4号", await app.WithDatabaseAsync(db => db.Mechanisms.Where(m => m.Id == tutoring).Select(m => m.DocumentNumber).SingleAsync()));
    }

    [Fact]
    public async Task Each_user_counts_and_lists_exactly_the_mechanisms_the_scope_rule_gives()
    {
        var inspectionId = await app.InspectionIdAsync();
        var mechanisms = await app.WithDatabaseAsync(db => db.Mechanisms.AsNoTracking()
            .Select(m => new { m.Id, m.IssuingUnit!.Path, Owners = m.Findings.Select(l => new { l.Finding!.OwningUnit!.Path, l.Finding.Status }).ToList() })
            .ToListAsync());

        foreach (var userName in new[] { "inspector", "leader", "head.a", "staff.a", "head.b", "staff.b", "head.a1" })
        {
            var scope = await ScopeOfAsync(userName);
            // The rule, computed independently: the issuing unit in scope, or a linked finding the user can see.
            var expected = mechanisms
                .Where(m => scope.Covers(m.Path) || m.Owners.Any(o => Visibility.CanSee(scope, o.Path, o.Status)))
                .Select(m => m.Id).ToHashSet();

            await using var services = app.Services.CreateAsyncScope();
            var options = services.ServiceProvider.GetRequiredService<DbContextOptions<RectificationDbContext>>();
            await using var db = new RectificationDbContext(options, new FixedScope(scope));
            var service = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<MechanismService>(services.ServiceProvider, db);
            Assert.Equal(expected.Count, await service.CountAsync(null));
            Assert.Equal(expected.Count, await service.CountAsync(inspectionId));
            Assert.Equal(0, await service.CountAsync(inspectionId + 1000));

            using var client = await app.LoginAsync(userName);
            var register = await client.GetPageAsync($"/Mechanisms?inspectionId={inspectionId}");
            Assert.Equal(expected, register.QuerySelectorAll("tr[data-mechanism-id]").Select(r => int.Parse(r.GetAttribute("data-mechanism-id")!, CultureInfo.InvariantCulture)).ToHashSet());
        }
    }

    [Fact]
    public async Task The_evidence_sweep_counts_mechanism_documents_as_referenced()
    {
        await using var fresh = new AppFactory();
        using var client = fresh.CreateBrowserlessClient();
        Assert.True(await fresh.WithDatabaseAsync(db => db.MechanismDocuments.AnyAsync()));

        // Past the grace period every stored file is examined: all of them belong to a record.
        fresh.Clock.Advance(TimeSpan.FromDays(400));
        var sweeper = fresh.Services.GetServices<IHostedService>().OfType<EvidenceSweeper>().Single();
        var (_, unreferenced) = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0, unreferenced);
    }

    private async Task<int> CreateAsUnitHeadAsync(AppClient head, int inspectionId, string unitCode, string title)
    {
        var form = await head.GetPageAsync($"/Mechanisms/Create?inspectionId={inspectionId}");
        var response = await head.SubmitAsync(form, "form[action^='/Mechanisms/Create']", new()
        {
            ["Input.Title"] = title,
            ["Input.IssuingUnitId"] = (await app.UnitIdAsync(unitCode)).ToString(CultureInfo.InvariantCulture),
            ["Input.IssueDate"] = "2023-03-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.MechanismIdAsync(title);
    }

    private async Task<UserScope> ScopeOfAsync(string userName) => await app.WithDatabaseAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var path = await db.Units.Where(u => u.Id == user.UnitId).Select(u => u.Path).SingleAsync();
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return UserScope.ForUser(user.Id, user.DisplayName, user.UnitId, path, roles);
    });

    private static Dictionary<string, string> EditFields(int version, string title, int issuingUnitId) => new()
    {
        ["version"] = version.ToString(CultureInfo.InvariantCulture),
        ["Input.Title"] = title,
        ["Input.IssuingUnitId"] = issuingUnitId.ToString(CultureInfo.InvariantCulture),
        ["Input.IssueDate"] = "2023-01-12",
    };

    private static HashSet<int> Ids(AngleSharp.Dom.IHtmlCollection<AngleSharp.Dom.IElement> rows) =>
        rows.Select(r => int.Parse(r.GetAttribute("data-mechanism-id")!, CultureInfo.InvariantCulture)).ToHashSet();

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
}
