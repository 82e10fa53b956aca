namespace Rectification.Core.Reports;

public enum ReportBlockKind
{
    /// <summary>一、… (黑体).</summary>
    Heading1,

    /// <summary>(一)… on a line of its own (楷体).</summary>
    Heading2,

    /// <summary>Body text (仿宋), optionally opened by an inline <see cref="ReportBlock.LeadIn"/>.</summary>
    Paragraph,
}

/// <summary>
/// One block of the report body. For a <see cref="ReportBlockKind.Paragraph"/>, <paramref name="LeadIn"/>
/// (optional) is an inline second-level heading that starts the paragraph, e.g. <c>(一)提高思想认识,迅速动员部署。</c>
/// followed by <paramref name="Text"/>; it is set in 楷体 like a <see cref="ReportBlockKind.Heading2"/>.
/// </summary>
public sealed record ReportBlock(ReportBlockKind Kind, string Text, string? LeadIn = null);

/// <summary>
/// The whole document: title, body blocks in order, the signature (the issuing organisation) and the date line
/// (already formatted, e.g. <c>2023年5月9日</c>).
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<ReportBlock> Blocks, string Signature, string Date);
