using Rectification.Core.Accounts;
using Rectification.Core.Common;
using Rectification.Core.Inspections;

namespace Rectification.Core.Reports;

/// <summary>
/// The public report (整改情况通报) of one inspection: one per inspection, because the 通报 is one document and its
/// public address must not change. The columns hold the working draft; publishing freezes the composed document into
/// <see cref="PublishedContent"/>, so the public keeps reading what was published while the draft is edited, until it
/// is published again.
/// </summary>
public class PublicReport : IVersioned
{
    public int Id { get; set; }

    public int InspectionId { get; set; }

    public Inspection? Inspection { get; set; }

    /// <summary>The public address (/Public/Reports/{slug}): random, set once, so it is stable and reveals nothing.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>The opening paragraph (根据…统一部署,…现将巡察整改情况予以公布。).</summary>
    public string Opening { get; set; } = string.Empty;

    /// <summary>一、整改工作进展情况: one paragraph per line; a line opening with (一)…。 starts a paragraph with a lead-in.</summary>
    public string ProgressSection { get; set; } = string.Empty;

    /// <summary>二、…反馈意见整改落实情况: generated from the ledger, then editable; lines of (一)… alone are sub-headings.</summary>
    public string FeedbackSection { get; set; } = string.Empty;

    /// <summary>三、今后整改工作打算: one paragraph per line.</summary>
    public string PlansSection { get; set; } = string.Empty;

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>The issuing organisation under the text, e.g. 中共嘉祥县教育和体育局党组.</summary>
    public required string Signature { get; set; }

    /// <summary>The date under the signature (成文日期).</summary>
    public DateOnly ReportDate { get; set; }

    public bool IsPublished { get; set; }

    /// <summary>The title as last published, for the public list (which should not parse every snapshot).</summary>
    public string? PublishedTitle { get; set; }

    /// <summary>The composed document as last published (JSON), what the public page and its readers see.</summary>
    public string? PublishedContent { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedById { get; set; }

    public AppUser? PublishedBy { get; set; }

    public string? PublishedByName { get; set; }

    public List<ReportComment> Comments { get; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}
