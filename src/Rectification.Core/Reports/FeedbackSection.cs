using Rectification.Core.Text;

namespace Rectification.Core.Reports;

/// <summary>A category of the ledger as section 二 needs it: its name and its findings in ledger order.</summary>
public sealed record FeedbackCategory(string Name, IReadOnlyList<FeedbackFinding> Findings);

/// <summary>A finding as section 二 needs it: its 落实情况, and its title for when that is still empty.</summary>
public sealed record FeedbackFinding(string Title, string Summary);

/// <summary>
/// Builds section 二 from the ledger: for each category with findings a sub-heading
/// (一){category}问题整改落实情况, then one paragraph per finding, 一是…, 二是…, … 十一是…, from its
/// 落实情况. A category with a single finding has its paragraph without 一是, as (四) in the reference report.
/// </summary>
public static class FeedbackSection
{
    /// <summary>The section's paragraphs (sub-headings included), one per line of the stored text.</summary>
    public static IReadOnlyList<string> Build(IEnumerable<FeedbackCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var lines = new List<string>();
        var number = 0;
        foreach (var category in categories.Where(c => c.Findings.Count > 0))
        {
            // Numbered by position among the categories that appear, so the document never skips a number.
            lines.Add(ChineseNumerals.SubHeading(++number) + ReportWording.CategoryHeading(category.Name.Trim()));
            var single = category.Findings.Count == 1;
            for (var index = 0; index < category.Findings.Count; index++)
            {
                var text = Paragraph(category.Findings[index]);
                lines.Add(single ? text : ChineseNumerals.Enumerated(index + 1) + text);
            }
        }

        return lines;
    }

    public static string BuildText(IEnumerable<FeedbackCategory> categories) => string.Join('\n', Build(categories));

    /// <summary>One paragraph: a summary typed over several lines is one paragraph of the report all the same.</summary>
    private static string Paragraph(FeedbackFinding finding)
    {
        var summary = string.Concat(finding.Summary.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()));
        return summary.Length > 0 ? summary : ReportWording.MissingSummary(finding.Title.Trim());
    }
}
