using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Reports;

/// <summary>
/// What anyone may read without signing in: published reports, and the form for 意见建议 under each. An anonymous
/// visitor's scope sees nothing, so every query here ignores the scope filters and asks for published reports
/// only, and reads nothing of the ledger: only the document frozen at publication.
/// </summary>
public sealed partial class PublicReportService(RectificationDbContext db, BusinessClock clock, ILogger<PublicReportService> logger)
{
    public const int PageSize = 20;

    public async Task<PagedList<PublishedReportItem>> ListAsync(int page, CancellationToken cancellationToken = default)
    {
        var published = Published();
        var total = await published.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await published
            .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new PublishedReportItem(r.Slug, r.PublishedTitle!, r.PublishedAt!.Value))
            .ToListAsync(cancellationToken);
        return new PagedList<PublishedReportItem>(items, page, PageSize, total);
    }

    public async Task<PublishedReportView?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var row = await Published()
            .Where(r => r.Slug == slug)
            .Select(r => new { r.Slug, r.PublishedContent, r.PublishedAt })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new PublishedReportView(row.Slug, ReportSnapshot.Deserialize(row.PublishedContent!), row.PublishedAt!.Value);
    }

    /// <summary>
    /// Records a comment on a published report (NotFound for any other). A filled-in honeypot succeeds without
    /// storing anything, so a robot learns nothing from the answer.
    /// </summary>
    public async Task<OperationResult> AddCommentAsync(string slug, CommentInput input, CancellationToken cancellationToken = default)
    {
        var reportId = await Published().Where(r => r.Slug == slug).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (reportId is null)
        {
            return OperationResult.NotFound;
        }

        if (!string.IsNullOrEmpty(input.Website))
        {
            LogHoneypot(logger, reportId.Value);
            return OperationResult.Ok;
        }

        var content = input.Content?.Trim();
        if (string.IsNullOrEmpty(content))
        {
            return OperationResult.Invalid("请填写{0}", nameof(CommentInput.Content), "意见建议");
        }

        if (content.Length > Limits.CommentContent)
        {
            return OperationResult.Invalid("{0}不能超过{1}个字", nameof(CommentInput.Content), "意见建议", Limits.CommentContent);
        }

        db.ReportComments.Add(new ReportComment
        {
            ReportId = reportId.Value,
            Name = Optional(NameText.Clean(input.Name), Limits.CommentName),
            Phone = Optional(input.Phone, Limits.CommentPhone),
            Content = content,
            SubmittedAt = clock.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok;
    }

    // Published reports only, whoever asks: the one place the scope filter is set aside, see the class summary.
    private IQueryable<PublicReport> Published() =>
        db.PublicReports.IgnoreQueryFilters().AsNoTracking().Where(r => r.IsPublished && r.PublishedContent != null);

    private static string? Optional(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, maxLength)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a comment on report {ReportId}: the honeypot field was filled in")]
    private static partial void LogHoneypot(ILogger logger, int reportId);
}
