using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Scoping;
using Rectification.Core.Text;

namespace Rectification.Core.Ledger;

/// <summary>A row matched to the ids it will be saved with, and how the preview shows it.</summary>
internal sealed record ResolvedRow(LedgerPreviewRow Preview, int CategoryId, int OwningUnitId, string? LeaderId, int? DepartmentId, string? PersonId);

/// <summary>
/// Checks every row of an uploaded ledger and matches its names to the inspection's categories, to active units in
/// the user's scope (by exact name, or by code when names repeat) and to active people in the user's scope (by name,
/// or with the title in brackets when names repeat). Every problem of every row is collected; none stops the others being found.
/// The lookups are one query each, for all rows at once.
/// </summary>
internal sealed class LedgerRowResolver(RectificationDbContext db)
{
    private const int MinYear = 2000;
    private const int MaxYear = 2099;

    private sealed record UnitCandidate(int Id, string Name, string Code, string Path);

    private sealed record PersonCandidate(string Id, string DisplayName, string? Title, string UnitName, string UnitPath);

    public async Task<(List<ResolvedRow> Rows, List<LedgerError> Errors)> ResolveAsync(
        LedgerImportTarget target, IReadOnlyList<LedgerSourceRow> rows, UserScope scope, CancellationToken cancellationToken)
    {
        var categories = await db.FindingCategories.AsNoTracking()
            .Where(c => c.InspectionId == target.InspectionId)
            .Select(c => new { c.Id, c.Ordinal, c.Name })
            .ToListAsync(cancellationToken);
        var units = await UnitsAsync(rows, scope, cancellationToken);
        var people = await PeopleAsync(rows, scope, cancellationToken);
        // Duplicates are judged against every finding of the inspection, drafts and other units' included: the check
        // says only that one exists, and a second copy would be wrong whoever can see the first.
        var existing = (await db.Findings.IgnoreQueryFilters().AsNoTracking()
                .Where(f => f.InspectionId == target.InspectionId)
                .Select(f => new { f.CategoryId, f.Title, f.Description })
                .ToListAsync(cancellationToken))
            .Select(f => DuplicateKey(f.CategoryId, f.Title, f.Description))
            .ToHashSet(StringComparer.Ordinal);

        var resolved = new List<ResolvedRow>();
        var errors = new List<LedgerError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var rowErrors = new List<LedgerError>();
            void Error(LedgerColumn column, string message, params object[] args) =>
                rowErrors.Add(new LedgerError(row.RowNumber, column.Header, message, args));

            foreach (var column in LedgerColumns.All.Where(c => c.Required && row.Cell(c).Length == 0))
            {
                Error(column, "请填写{0}", column.Header);
            }

            var categoryText = row.Cell(LedgerColumns.Category);
            var category = categoryText.Length == 0
                ? null
                : categories.FirstOrDefault(c => LedgerCells.CategoryKey(c.Name) == LedgerCells.CategoryKey(categoryText));
            if (categoryText.Length > 0 && category is null)
            {
                Error(LedgerColumns.Category, "本次巡察没有“{0}”这个问题类别。可填写:{1}。", categoryText, string.Join("、", categories.Select(c => c.Name)));
            }

            var (title, description) = LedgerCells.SplitDescription(row.Cell(LedgerColumns.Description));
            if (description.Length > Limits.FindingDescription)
            {
                Error(LedgerColumns.Description, "{0}不能超过{1}个字", LedgerColumns.Description.Header, Limits.FindingDescription);
            }

            var measures = LedgerCells.SplitMeasures(row.Cell(LedgerColumns.Measures));
            if (measures.Count > Limits.MeasuresPerFinding)
            {
                Error(LedgerColumns.Measures, "每个问题最多{0}项整改措施,这一行有{1}项。", Limits.MeasuresPerFinding, measures.Count);
            }

            for (var index = 0; index < measures.Count; index++)
            {
                if (measures[index].Length > Limits.MeasureDescription)
                {
                    Error(LedgerColumns.Measures, "第{0}条整改措施超过{1}个字。", index + 1, Limits.MeasureDescription);
                }
            }

            var summary = row.Cell(LedgerColumns.Summary);
            if (summary.Length > Limits.FindingSummary)
            {
                Error(LedgerColumns.Summary, "{0}不能超过{1}个字", LedgerColumns.Summary.Header, Limits.FindingSummary);
            }

            var kind = ParseKind(row.Cell(LedgerColumns.Kind));
            if (kind is null)
            {
                Error(LedgerColumns.Kind, "整改类型“{0}”无效,应为立行立改、限期整改或长期坚持。", row.Cell(LedgerColumns.Kind));
            }

            var deadline = ParseDeadline(row, target, Error);
            var owningUnit = MatchUnit(units, row.Cell(LedgerColumns.OwningUnit), LedgerColumns.OwningUnit, Error);
            var department = MatchUnit(units, row.Cell(LedgerColumns.Department), LedgerColumns.Department, Error);
            var leader = MatchPerson(people, row.Cell(LedgerColumns.Leader), LedgerColumns.Leader, Error);
            var person = MatchPerson(people, row.Cell(LedgerColumns.Person), LedgerColumns.Person, Error);

            if (category is not null && title.Length > 0)
            {
                var key = DuplicateKey(category.Id, title, description);
                if (seen.TryGetValue(key, out var firstRow))
                {
                    Error(LedgerColumns.Description, "与第{0}行重复(问题类别和问题描述都相同)。", firstRow);
                }
                else if (existing.Contains(key))
                {
                    Error(LedgerColumns.Description, "本次巡察已有同一类别下相同的问题。");
                }
                else
                {
                    seen[key] = row.RowNumber;
                }
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.OrderBy(e => ColumnOrder(e.Column)));
                continue;
            }

            var preview = new LedgerPreviewRow(
                row.RowNumber, category!.Ordinal, category.Name, title, description, measures, kind!.Value,
                owningUnit!.Name, leader?.DisplayName, department?.Name, person?.DisplayName, deadline, summary);
            resolved.Add(new ResolvedRow(preview, category.Id, owningUnit.Id, leader?.Id, department?.Id, person?.Id));
        }

        return (resolved, errors);
    }

    private static int ColumnOrder(string? header) =>
        LedgerColumns.All.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Header == header).i;

    private static string DuplicateKey(int categoryId, string title, string description) =>
        $"{categoryId}\u0001{title.Trim()}\u0001{description.Trim().Replace("\r\n", "\n", StringComparison.Ordinal)}";

    /// <summary>Empty means 限期整改, the usual kind (and the form's default).</summary>
    private static FindingKind? ParseKind(string text) =>
        text.Length == 0 ? FindingKind.ByDeadline : Enum.GetValues<FindingKind>().Cast<FindingKind?>().FirstOrDefault(k => EnumNames.Of(k!.Value) == text);

    private static DateOnly? ParseDeadline(LedgerSourceRow row, LedgerImportTarget target, Action<LedgerColumn, string, object[]> error)
    {
        var text = row.Cell(LedgerColumns.Deadline);
        if (text.Length == 0)
        {
            return null;
        }

        if (LedgerFileReader.ParseDate(text) is not { Year: >= MinYear and <= MaxYear } deadline)
        {
            error(LedgerColumns.Deadline, "“{0}”不是有效的日期,请填写如 2026-12-31 的日期。", [text]);
            return null;
        }

        if (deadline < target.FeedbackDate)
        {
            error(LedgerColumns.Deadline, "整改时限({0})不能早于巡察反馈日期({1})。", [ChineseDates.Format(deadline), ChineseDates.Format(target.FeedbackDate)]);
        }

        return deadline;
    }

    private static UnitCandidate? MatchUnit(
        IReadOnlyList<UnitCandidate> units, string text, LedgerColumn column, Action<LedgerColumn, string, object[]> error)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var byCode = units.Where(u => u.Code == text).ToList();
        var matches = byCode.Count > 0 ? byCode : units.Where(u => u.Name == text).ToList();
        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                error(column, "未找到名为“{0}”的在用单位,或该单位不在您的管理范围内。", [text]);
                return null;
            default:
                error(column, "有{0}个名为“{1}”的单位,请改填单位编码以区分:{2}。", [matches.Count, text, string.Join("、", matches.Select(u => u.Code))]);
                return null;
        }
    }

    private static PersonCandidate? MatchPerson(
        IReadOnlyList<PersonCandidate> people, string text, LedgerColumn column, Action<LedgerColumn, string, object[]> error)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var (name, qualifier) = LedgerCells.SplitPerson(text);
        var matches = people
            .Where(p => p.DisplayName == name && (qualifier is null || p.Title == qualifier || p.UnitName == qualifier))
            .ToList();
        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                error(column, "未找到在用人员“{0}”,或此人不在您的管理范围内。", [text]);
                return null;
            default:
                error(column, "有{0}位名为“{1}”的人员,请写成“姓名(职务)”以区分,如:{2}。",
                    [matches.Count, name, string.Join("、", matches.Select(p => $"{p.DisplayName}({p.Title ?? p.UnitName})"))]);
                return null;
        }
    }

    private async Task<List<UnitCandidate>> UnitsAsync(IReadOnlyList<LedgerSourceRow> rows, UserScope scope, CancellationToken cancellationToken)
    {
        var names = rows.SelectMany(r => new[] { r.Cell(LedgerColumns.OwningUnit), r.Cell(LedgerColumns.Department) })
            .Where(n => n.Length > 0).Distinct().ToList();
        var candidates = await db.Units.AsNoTracking()
            .Where(u => u.IsActive && (names.Contains(u.Name) || names.Contains(u.Code)))
            .Select(u => new UnitCandidate(u.Id, u.Name, u.Code, u.Path))
            .ToListAsync(cancellationToken);
        return candidates.Where(u => scope.Covers(u.Path)).ToList();
    }

    /// <summary>
    /// Active people of the user's scope with the names the file uses. The scope keeps a name from matching someone
    /// in another county, as the finding form's people list does.
    /// </summary>
    private async Task<List<PersonCandidate>> PeopleAsync(IReadOnlyList<LedgerSourceRow> rows, UserScope scope, CancellationToken cancellationToken)
    {
        var names = rows.SelectMany(r => new[] { r.Cell(LedgerColumns.Leader), r.Cell(LedgerColumns.Person) })
            .Where(n => n.Length > 0).Select(n => LedgerCells.SplitPerson(n).Name).Distinct().ToList();
        var candidates = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && names.Contains(u.DisplayName))
            .Select(u => new PersonCandidate(u.Id, u.DisplayName, u.Title, u.Unit!.Name, u.Unit.Path))
            .ToListAsync(cancellationToken);
        return candidates.Where(p => scope.Covers(p.UnitPath)).ToList();
    }
}
