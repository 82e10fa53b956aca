using Rectification.Core.Evidence;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;

namespace Rectification.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Rules the reference report says were issued (印发《…》), with plausible 文号 and dates, each linked to the
    /// findings it answers (by their position in <see cref="JiaxiangFindings.All"/>) and carrying a small real PDF.
    /// One is a township office's own, so that unit A's head has one to look after.
    /// </summary>
    private static readonly DemoMechanism[] s_mechanisms =
    [
        new("关于进一步加强师德师风建设的实施方案", "嘉教体发〔2023〕5号", "JX-JTJ", new DateOnly(2023, 1, 10),
            "把师德教育作为教师培训的第一模块,每月确定一个主题开展师德教育活动;建立学校、教师、学生、家长和社会“五位一体”师德师风评价机制,师德表现与聘用、评优、晋职和绩效工资挂钩,违反师德行为实行“一票否决”;公开举报电话和举报邮箱,定期督导各镇街教办师德失范集中治理行动。",
            [3, 9, 12], "Implementation plan: teachers' ethics (Jia Jiao Ti Fa [2023] No. 5)"),
        new("校外培训机构网格化管理办法", "嘉教体字〔2023〕3号", "JX-JTJ", new DateOnly(2023, 1, 6),
            "健全县、镇(街)、社区(村)三级监管体系,实行网格化管理,责任到人;校外培训机构“黑白名单”定期公示,举报公示牌张贴到所有中小学校和培训机构门口。",
            [5], "Grid management of off-campus tutoring (Jia Jiao Ti Zi [2023] No. 3)"),
        new("嘉祥街道教职工外出报备管理制度", "嘉街教发〔2023〕1号", "JX-JTJ-JXJD", new DateOnly(2023, 1, 12),
            "规范各中小学(幼儿园)教职工外出报备的台账记录、信息填写和证明材料收缴程序,教办每月抽查一次报备落实情况。",
            [6], "Staff absence reporting rules, Jiaxiang Subdistrict (Jia Jie Jiao Fa [2023] No. 1)"),
        new("关于进一步加强全县教育系统作风建设的实施方案", "嘉教体发〔2023〕9号", "JX-JTJ", new DateOnly(2023, 1, 18),
            "在全县教育系统开展作风建设活动,公布举报电话和邮箱,结合常态化警示教育和典型案例通报,建立长效警示教育机制。",
            [11], "Implementation plan: conduct of the education system (Jia Jiao Ti Fa [2023] No. 9)"),
        new("基层党组织党内组织生活六项制度", "嘉教体党发〔2023〕2号", "JX-JTJ", new DateOnly(2023, 2, 20),
            "规范“三会一课”、党费收缴、组织生活会和民主评议党员等组织生活的程序和记录,每季度开展一次党建工作督导检查。",
            [18, 21], "Six rules for Party organisation life (Jia Jiao Ti Dang Fa [2023] No. 2)"),
    ];

    private async Task SeedMechanismsAsync(Inspection inspection, CancellationToken cancellationToken)
    {
        var registrar = _users["inspector"];
        foreach (var demo in s_mechanisms)
        {
            var uploadedAt = At(demo.IssueDate.Year, demo.IssueDate.Month, demo.IssueDate.Day, 16).AddDays(2);
            var mechanism = new Mechanism
            {
                InspectionId = inspection.Id,
                Title = demo.Title,
                DocumentNumber = demo.DocumentNumber,
                IssuingUnitId = _units[demo.IssuingUnit].Id,
                IssueDate = demo.IssueDate,
                Summary = demo.Summary,
                CreatedAt = uploadedAt,
                CreatedById = registrar.Id,
                UpdatedAt = uploadedAt,
            };
            mechanism.Findings.AddRange(demo.Findings.Select(index => new MechanismFinding { FindingId = _findings[index].Id }));

            var blob = await evidenceStore.ReceiveAsync(new MemoryStream(DemoFiles.Pdf(demo.PdfText)), long.MaxValue, cancellationToken);
            await evidenceStore.CommitAsync(blob, cancellationToken);
            mechanism.Documents.Add(new MechanismDocument
            {
                Number = 1,
                FileName = MechanismTitle.Display(demo.Title) + ".pdf",
                FileType = EvidenceFileType.Pdf,
                Length = blob.Length,
                Sha256 = blob.Sha256,
                UploadedAt = uploadedAt,
                UploadedById = registrar.Id,
                UploadedByName = registrar.DisplayName,
            });
            db.Mechanisms.Add(mechanism);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record DemoMechanism(
        string Title, string DocumentNumber, string IssuingUnit, DateOnly IssueDate, string Summary, int[] Findings, string PdfText);
}
