namespace Rectification.Core.Common;

/// <summary>
/// Every size limit of what people type and attach, in one place: the entity configurations size their columns with
/// these, the input models' [StringLength] and the services' checks read the same constants, so a form, a service and
/// the database can never disagree about how long a text may be. Changing a length that sizes a column needs a
/// migration (scripts/add-migration.sh); the limits marked "checked only" have no column of that size.
/// </summary>
public static class Limits
{
    // How many parts one finding may hold. One progress post once added 1,000 measures: the finding's page then weighed
    // 2.4 MB and took 3.1 s to render.

    /// <summary>
    /// Findings changed by one bulk action of the list (交办, 时限, 督办). Checked only. Every finding is checked and
    /// saved in one transaction, and a refused one is named on the page, so the batch stays one a person can read.
    /// </summary>
    public const int BulkFindings = 200;

    /// <summary>Measures (整改措施) of one finding. Checked only.</summary>
    public const int MeasuresPerFinding = 50;

    /// <summary>Evidence items (佐证材料) of one finding, deleted ones included: they stay on its page. Checked only.</summary>
    public const int EvidenceItemsPerFinding = 200;

    // People and units.

    /// <summary>A person's name (姓名) as shown everywhere, and the copies of it kept on records (ActorName…).</summary>
    public const int PersonName = 50;

    /// <summary>A person's post (职务).</summary>
    public const int PersonTitle = 50;

    /// <summary>Sign-in name; Identity's column is longer (256).</summary>
    public const int UserName = 50;

    /// <summary>Identity's column length for e-mail addresses.</summary>
    public const int Email = 256;

    public const int UnitName = 100;

    public const int UnitCode = 50;

    // Inspections and findings.

    public const int InspectionTitle = 200;

    public const int TeamName = 100;

    public const int TeamShortName = 50;

    /// <summary>被巡察党组织 and 党组织全称.</summary>
    public const int PartyOrganisation = 100;

    public const int CategoryName = 100;

    public const int FindingTitle = 200;

    public const int FindingDescription = 4000;

    /// <summary>落实情况, the paragraph the public report uses.</summary>
    public const int FindingSummary = 10_000;

    public const int MeasureDescription = 2000;

    /// <summary>The comment of a status change (退回原因…), kept on the timeline.</summary>
    public const int TimelineComment = 2000;

    /// <summary>延期理由 and the decision's note.</summary>
    public const int ExtensionText = 1000;

    /// <summary>督办意见.</summary>
    public const int UrgeMessage = 1000;

    // Evidence and documents.

    public const int EvidenceDescription = 500;

    /// <summary>审核意见 and 删除原因 of an evidence item.</summary>
    public const int EvidenceNote = 2000;

    /// <summary>A file's name as kept for display (evidence, mechanism documents, ledger imports).</summary>
    public const int FileName = 200;

    public const int MechanismTitle = 200;

    public const int DocumentNumber = 100;

    public const int MechanismSummary = 4000;

    /// <summary>现场查验's team: the members' names joined by 、.</summary>
    public const int VisitTeam = 500;

    /// <summary>A visit's note on one finding.</summary>
    public const int VisitNote = 1000;

    // The public report and the public's comments.

    public const int ReportTitle = 200;

    public const int ReportOpening = 2000;

    /// <summary>Each section's limit: ten times the reference report's section 二 (about 9,000 characters). Checked only.</summary>
    public const int ReportSection = 100_000;

    public const int ReportPhone = 50;

    public const int ReportEmail = 100;

    public const int ReportSignature = 100;

    public const int CommentName = 50;

    public const int CommentPhone = 30;

    public const int CommentContent = 1000;

    public const int CommentResponse = 2000;
}
