using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Time;

namespace Rectification.Core.Findings;

/// <summary>Which 回头看 the list shows.</summary>
public enum FollowUpShow
{
    /// <summary>Waiting for the unit or the office.</summary>
    Open = 0,

    /// <summary>待回头看: unanswered and due within the warning window.</summary>
    Due = 1,

    /// <summary>逾期未回头看.</summary>
    Lapsed = 2,

    /// <summary>已提交: answered, for the office to review.</summary>
    Answered = 3,

    /// <summary>Accepted or reopened.</summary>
    Done = 4,

    All = 5,
}

public sealed record FollowUpRow(
    int Id, int FindingId, string FindingTitle, string UnitName, DateOnly DueOn, FollowUpStatus Status, bool Lapsed, DateTime? AnsweredAt, int FindingVersion);

public sealed record FollowUpCounts(int Due, int Lapsed, int Answered);

public sealed record FollowUpEvidence(int ItemId, string Description, int VersionId, string FileName);

public sealed record FollowUpItem(
    int Id, DateOnly DueOn, FollowUpStatus Status, bool Lapsed, string? AnswerNote, string? AnsweredBy, DateTime? AnsweredAt,
    string? ReviewedBy, DateTime? ReviewedAt, string? ReviewComment, IReadOnlyList<FollowUpEvidence> Evidence);

/// <summary>The 回头看 as the list, the dashboard and the finding's page read them, within the user's scope (the context's filters).</summary>
/// <remarks>
/// The warning window is the configured <see cref="DeadlineOptions.DueSoonDays"/>: start-up makes the stored counting
/// options equal to it (Counting/CountingSetup), and reading it costs the page no query.
/// </remarks>
public sealed class FollowUpQueries(RectificationDbContext db, BusinessClock clock, IOptions<DeadlineOptions> deadlines)
{
    public const int PageSize = 50;

    public async Task<PagedList<FollowUpRow>> ListAsync(FollowUpShow show, int page, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var options = deadlines.Value;
        var query = db.FollowUps.AsNoTracking();
        query = show switch
        {
            FollowUpShow.Due => query.Where(FollowUpRules.DueSoon(today, options.DueSoonDays)),
            FollowUpShow.Lapsed => query.Where(FollowUpRules.Lapsed(today)),
            FollowUpShow.Answered => query.Where(FollowUpRules.Open).Where(f => f.Status == FollowUpStatus.Answered),
            FollowUpShow.Done => query.Where(f => f.Status == FollowUpStatus.Accepted || f.Status == FollowUpStatus.Reopened),
            FollowUpShow.All => query,
            _ => query.Where(FollowUpRules.Open),
        };

        var total = await query.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query.OrderBy(f => f.DueOn).ThenBy(f => f.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(f => new
            {
                f.Id,
                f.FindingId,
                f.Finding!.Title,
                UnitName = f.Finding.OwningUnit!.Name,
                f.DueOn,
                f.Status,
                f.AnsweredAt,
                Closed = f.Finding.Status == FindingStatus.Closed,
                f.Finding.Version,
            })
            .ToListAsync(cancellationToken);
        return new PagedList<FollowUpRow>(
            rows.Select(r => new FollowUpRow(r.Id, r.FindingId, r.Title, r.UnitName, r.DueOn, r.Status,
                r.Closed && FollowUpRules.IsLapsed(r.Status, r.DueOn, today), r.AnsweredAt, r.Version)).ToList(),
            page, PageSize, total);
    }

    /// <summary>
    /// The dashboard's and the workbench's figures — due soon, lapsed, answered awaiting review — in one command: the
    /// open follow-ups grouped by status and day (a few rows), sorted into the figures by the rules in memory.
    /// </summary>
    public async Task<FollowUpCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var options = deadlines.Value;
        var groups = await db.FollowUps.AsNoTracking().Where(FollowUpRules.Open)
            .GroupBy(f => new { f.Status, f.DueOn })
            .Select(g => new { g.Key.Status, g.Key.DueOn, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new FollowUpCounts(
            groups.Where(g => FollowUpRules.IsDueSoon(g.Status, g.DueOn, today, options.DueSoonDays)).Sum(g => g.Count),
            groups.Where(g => FollowUpRules.IsLapsed(g.Status, g.DueOn, today)).Sum(g => g.Count),
            groups.Where(g => g.Status == FollowUpStatus.Answered).Sum(g => g.Count));
    }

    /// <summary>The finding a follow-up the user sees belongs to.</summary>
    public Task<int?> FindingOfAsync(int followUpId, CancellationToken cancellationToken = default) =>
        db.FollowUps.Where(f => f.Id == followUpId).Select(f => (int?)f.FindingId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A finding's follow-ups, newest first, with the evidence of each: one command.</summary>
    public async Task<List<FollowUpItem>> ForFindingAsync(int findingId, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var rows = await db.FollowUps.AsNoTracking().Where(f => f.FindingId == findingId)
            .OrderByDescending(f => f.DueOn)
            .Select(f => new
            {
                f.Id,
                f.DueOn,
                f.Status,
                f.AnswerNote,
                AnsweredBy = f.AnsweredBy!.DisplayName,
                f.AnsweredAt,
                ReviewedBy = f.ReviewedBy!.DisplayName,
                f.ReviewedAt,
                f.ReviewComment,
                Closed = f.Finding!.Status == FindingStatus.Closed,
                Evidence = db.EvidenceItems.Where(e => e.FollowUpId == f.Id && !e.IsDeleted).OrderBy(e => e.Id)
                    .Select(e => new
                    {
                        e.Id,
                        e.Description,
                        Latest = e.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Id, v.FileName }).First(),
                    })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FollowUpItem(r.Id, r.DueOn, r.Status, r.Closed && FollowUpRules.IsLapsed(r.Status, r.DueOn, today), r.AnswerNote,
                r.AnsweredBy, r.AnsweredAt, r.ReviewedBy, r.ReviewedAt, r.ReviewComment,
                r.Evidence.Select(e => new FollowUpEvidence(e.Id, e.Description, e.Latest.Id, e.Latest.FileName)).ToList()))
            .ToList();
    }
}
