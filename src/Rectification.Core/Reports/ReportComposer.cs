using Rectification.Core.Text;

namespace Rectification.Core.Reports;

/// <summary>
/// Turns a report's stored text into the <see cref="ReportDocument"/> that both the .docx writer and the public page
/// render: title, opening, the three numbered sections, the contact line, signature and date.
/// </summary>
public static class ReportComposer
{
    public static ReportDocument Compose(PublicReport report, ReportInspectionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(facts);

        var blocks = new List<ReportBlock>();
        blocks.AddRange(Paragraphs(report.Opening).Select(p => new ReportBlock(ReportBlockKind.Paragraph, p)));
        blocks.Add(new ReportBlock(ReportBlockKind.Heading1, ChineseNumerals.Heading(1) + ReportWording.ProgressHeading));
        blocks.AddRange(ToBlocks(report.ProgressSection));
        blocks.Add(new ReportBlock(ReportBlockKind.Heading1, ChineseNumerals.Heading(2) + ReportWording.FeedbackHeading(facts.TeamShortName)));
        blocks.AddRange(ToBlocks(report.FeedbackSection));
        blocks.Add(new ReportBlock(ReportBlockKind.Heading1, ChineseNumerals.Heading(3) + ReportWording.PlansHeading));
        blocks.AddRange(ToBlocks(report.PlansSection));
        if (ReportWording.ContactLine(report.ContactPhone, report.ContactEmail) is { } contact)
        {
            blocks.Add(new ReportBlock(ReportBlockKind.Paragraph, contact));
        }

        return new ReportDocument(report.Title.Trim(), blocks, report.Signature.Trim(), ChineseDates.Format(report.ReportDate));
    }

    /// <summary>
    /// A section's text as blocks, one per non-empty line. A line opening with a sub-heading number, (一), is the
    /// lead-in of its paragraph up to its first 。 when text follows (section 一's (一)提高思想认识,迅速动员部署。…),
    /// and a sub-heading of its own when nothing does (section 二's (一)…问题整改落实情况).
    /// </summary>
    public static IReadOnlyList<ReportBlock> ToBlocks(string? text)
    {
        var blocks = new List<ReportBlock>();
        foreach (var line in Paragraphs(text))
        {
            if (!ReportWording.SubHeadingNumber(line).Success)
            {
                blocks.Add(new ReportBlock(ReportBlockKind.Paragraph, line));
                continue;
            }

            var stop = line.IndexOf('。', StringComparison.Ordinal);
            blocks.Add(stop >= 0 && stop < line.Length - 1
                ? new ReportBlock(ReportBlockKind.Paragraph, line[(stop + 1)..], line[..(stop + 1)])
                : new ReportBlock(ReportBlockKind.Heading2, line));
        }

        return blocks;
    }

    /// <summary>The non-empty lines of a text, trimmed: how every section is stored and edited.</summary>
    public static IReadOnlyList<string> Paragraphs(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>A section as stored: its paragraphs joined by single newlines.</summary>
    public static string Normalise(string? text) => string.Join('\n', Paragraphs(text));
}
