using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Ledger;

public enum LedgerFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// Writes the findings list, with the list's own filters and order and within the user's scope (the context's query
/// filter), as the 整改台账 in .xlsx or .csv. Rows stream from the database into the file one by one.
/// </summary>
public sealed class LedgerExporter(RectificationDbContext db, FindingQueries queries, BusinessClock clock)
{
    public static string ContentType(LedgerFormat format) => format == LedgerFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv";

    /// <summary>巡察整改台账-2026年12月1日.xlsx: the day it was exported, in Chinese form.</summary>
    public string FileName(LedgerFormat format) =>
        $"{LedgerColumns.DocumentName}-{ChineseDates.Format(clock.Today)}.{(format == LedgerFormat.Xlsx ? "xlsx" : "csv")}";

    /// <summary>
    /// Writes the ledger to <paramref name="output"/>. An .xlsx is written synchronously, its rows read synchronously
    /// too, because MiniExcel's synchronous writer is the one that writes a valid sheet (see <see cref="LedgerXlsx"/>).
    /// </summary>
    public async Task WriteAsync(FindingFilter filter, LedgerFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        var query = await QueryAsync(filter, cancellationToken);

        // The export is recorded (with its filters) before a byte is written.
        db.Audit(AuditActions.Export, "Findings", null, details: new { format = format.ToString(), filter = filter.Normalised() });
        await db.SaveChangesAsync(cancellationToken);
        if (format == LedgerFormat.Xlsx)
        {
            var rows = Number(query.AsEnumerable()).Select(LedgerXlsx.ToSheetRow);
            LedgerXlsx.Save(output, new Dictionary<string, object> { [LedgerColumns.DocumentName] = rows }, []);
        }
        else
        {
            await LedgerCsv.WriteAsync(output, NumberAsync(query.AsAsyncEnumerable(), cancellationToken), cancellationToken);
        }
    }

    private sealed record Source(
        string Category,
        string Title,
        string Description,
        List<string> Measures,
        FindingKind Kind,
        string OwningUnit,
        string? Leader,
        string? Department,
        string? Person,
        DateOnly? Deadline,
        DateOnly? OriginalDeadline,
        FindingStatus Status,
        string Summary,
        int EvidenceCount,
        DateTime? ClosedAt);

    private async Task<IQueryable<Source>> QueryAsync(FindingFilter filter, CancellationToken cancellationToken)
    {
        var f = filter.Normalised();
        var filtered = await queries.ApplyFilterAsync(db.FindingsInScope.AsNoTracking(), f, clock.Today, cancellationToken);
        // One query, measures joined in: a split query would buffer the findings to run the second one.
        return FindingQueries.Sort(filtered, f.Sort, f.Descending)
            .Select(x => new Source(
                x.Category!.Name,
                x.Title,
                x.Description,
                x.Measures.OrderBy(m => m.Ordinal).Select(m => m.Description).ToList(),
                x.Kind,
                x.OwningUnit!.Name,
                x.ResponsibleLeader!.DisplayName,
                x.ResponsibleDepartment!.Name,
                x.ResponsiblePerson!.DisplayName,
                x.Deadline,
                x.OriginalDeadline,
                x.Status,
                x.RectificationSummary,
                x.Evidence.Count(e => !e.IsDeleted),
                x.ClosedAt));
    }

    private IEnumerable<LedgerRow> Number(IEnumerable<Source> sources)
    {
        var number = 0;
        foreach (var source in sources)
        {
            yield return ToRow(++number, source);
        }
    }

    private async IAsyncEnumerable<LedgerRow> NumberAsync(
        IAsyncEnumerable<Source> sources, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        await foreach (var source in sources.WithCancellation(cancellationToken))
        {
            yield return ToRow(++number, source);
        }
    }

    private LedgerRow ToRow(int number, Source s) => new(
        number,
        s.Category,
        s.Title,
        s.Description,
        s.Measures,
        s.Kind,
        s.OwningUnit,
        s.Leader,
        s.Department,
        s.Person,
        s.Deadline,
        s.OriginalDeadline != s.Deadline ? s.OriginalDeadline : null,
        s.Status,
        s.Summary,
        s.EvidenceCount,
        // 销号日期: the day (China Standard Time) of the close-off that holds now; a reopened finding has none.
        s.Status == FindingStatus.Closed && s.ClosedAt is { } closedAt ? clock.ToLocalDate(closedAt) : null);
}
