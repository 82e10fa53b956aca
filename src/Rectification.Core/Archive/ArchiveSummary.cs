using System.Globalization;
using System.Text;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Archive;

/// <summary>问题概况.txt: a finding as the archive keeps it — responsibility, deadline, measures, history and evidence reviews.</summary>
internal static class ArchiveSummary
{
    public static string Write(
        ArchiveFinding finding, IEnumerable<ArchiveMeasure> measures, IEnumerable<ArchiveEvent> events, IReadOnlyList<ArchiveEvidence> evidence, BusinessClock clock)
    {
        var text = new StringBuilder();
        text.AppendLine(finding.Title).AppendLine();
        Line(text, "问题类别", ChineseNumerals.SubHeading(finding.CategoryOrdinal) + finding.Category);
        Line(text, "序号", ChineseNumerals.Enumerated(finding.Ordinal));
        Line(text, "整改状态", EnumNames.Of(finding.Status));
        Line(text, "整改类型", EnumNames.Of(finding.Kind));
        Line(text, "责任单位", finding.OwningUnit);
        Line(text, "责任科室", finding.Department);
        Line(text, "责任领导", finding.Leader);
        Line(text, "具体责任人", finding.Person);
        Line(text, "整改时限", Date(finding.Deadline));
        if (finding.OriginalDeadline is { } original && original != finding.Deadline)
        {
            Line(text, "原定时限", ChineseDates.Format(original));
        }

        Line(text, "销号日期", Date(finding.ClosedOn));
        Section(text, "问题描述").AppendLine(finding.Description);
        Section(text, "整改措施");
        foreach (var measure in measures)
        {
            text.Append(CultureInfo.InvariantCulture, $"{measure.Ordinal}. {measure.Description}");
            text.Append(CultureInfo.InvariantCulture, $"(责任人:{measure.Owner ?? "—"};时限:{Date(measure.Deadline)};完成:{Date(measure.DoneDate)})");
            text.AppendLine();
        }

        Section(text, "整改进展(落实情况)").AppendLine(finding.Summary);
        Section(text, "佐证材料及审核结果");
        foreach (var file in evidence)
        {
            text.Append(CultureInfo.InvariantCulture, $"{file.Description} — {file.FileName}(第{file.Number}版,{file.UploadedByName}上传于{Time(file.UploadedAt, clock)})");
            text.Append(CultureInfo.InvariantCulture, $":{EnumNames.Of(file.Review)}");
            text.AppendLine(string.IsNullOrWhiteSpace(file.ReviewNote) ? string.Empty : $"({file.ReviewNote})");
        }

        Section(text, "办理记录");
        foreach (var step in events)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Time(step.At, clock)} {step.ActorName} {EnumNames.Of(step.Kind)}");
            text.AppendLine(string.IsNullOrWhiteSpace(step.Comment) ? string.Empty : $":{step.Comment}");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string? value) => text.AppendLine($"{label}:{(string.IsNullOrEmpty(value) ? "—" : value)}");

    private static StringBuilder Section(StringBuilder text, string heading) => text.AppendLine().AppendLine($"【{heading}】");

    private static string Date(DateOnly? date) => date is { } d ? ChineseDates.Format(d) : "—";

    private static string Time(DateTime utc, BusinessClock clock) =>
        clock.ToLocalTime(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
