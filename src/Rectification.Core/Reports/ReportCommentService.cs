using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Authorization;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Scoping;
using Rectification.Core.Time;

namespace Rectification.Core.Reports;

public sealed record CommentItem(
    int Id,
    int ReportId,
    string ReportTitle,
    string? Name,
    string? Phone,
    string Content,
    DateTime SubmittedAt,
    ReportCommentStatus Status,
    string? Response,
    DateTime? HandledAt,
    string? HandledByName,
    int Version);

/// <summary>The triage list: of one report, or of every report the user handles.</summary>
public sealed record CommentList(int? ReportId, string? ReportTitle, ReportCommentStatus? Status, PagedList<CommentItem> Comments);

/// <summary>
/// The inspection office's triage of 意见建议: new and handled comments, with a note on what was done. A comment is
/// the business of whoever may edit its report (<see cref="InspectionOperations.EditReport"/>).
/// </summary>
public sealed class ReportCommentService(
    RectificationDbContext db, IAuthorizationService authorization, BusinessClock clock, EditConflicts conflicts)
{
    public const int PageSize = 30;

    public async Task<OperationResult<CommentList>> ListAsync(
        int? reportId, ReportCommentStatus? status, int page, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var comments = db.ReportComments.AsNoTracking();
        string? reportTitle = null;
        if (reportId is { } id)
        {
            var report = await db.PublicReports.AsNoTracking().Include(r => r.Inspection).ThenInclude(i => i!.InspectedUnit)
                .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (report is null)
            {
                return OperationResult<CommentList>.From(OperationResult.NotFound);
            }

            if (!(await authorization.AuthorizeAsync(user, report.Inspection!, InspectionOperations.EditReport)).Succeeded)
            {
                return OperationResult<CommentList>.From(OperationResult.Forbidden);
            }

            reportTitle = report.PublishedTitle ?? report.Title;
            comments = comments.Where(c => c.ReportId == id);
        }
        else
        {
            var scope = ScopeClaims.ToScope(user);
            if (!scope.HasRole(Accounts.Roles.InspectionOffice) && !scope.IsAdmin)
            {
                return OperationResult<CommentList>.From(OperationResult.Forbidden);
            }

            // The reports this user may edit: those of inspections whose inspected unit they cover.
            if (!scope.SeesEverything)
            {
                comments = comments.Where(c => c.Report!.Inspection!.InspectedUnit!.Path.StartsWith(scope.UnitPath));
            }
        }

        if (status is { } wanted)
        {
            comments = comments.Where(c => c.Status == wanted);
        }

        var total = await comments.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await comments
            .OrderBy(c => c.Status).ThenByDescending(c => c.SubmittedAt).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new CommentItem(
                c.Id, c.ReportId, c.Report!.PublishedTitle ?? c.Report.Title, c.Name, c.Phone, c.Content, c.SubmittedAt,
                c.Status, c.Response, c.HandledAt, c.HandledByName, c.Version))
            .ToListAsync(cancellationToken);
        return OperationResult<CommentList>.Success(
            new CommentList(reportId, reportTitle, status, new PagedList<CommentItem>(items, page, PageSize, total)));
    }

    /// <summary>Marks a comment handled with what was done about it (a note again replaces the earlier one).</summary>
    public async Task<OperationResult<int>> HandleAsync(
        int id, string? response, int version, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var comment = await db.ReportComments.Include(c => c.Report).ThenInclude(r => r!.Inspection).ThenInclude(i => i!.InspectedUnit)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (comment is null)
        {
            return OperationResult<int>.From(OperationResult.NotFound);
        }

        if (!(await authorization.AuthorizeAsync(user, comment.Report!.Inspection!, InspectionOperations.EditReport)).Succeeded)
        {
            return OperationResult<int>.From(OperationResult.Forbidden);
        }

        if (comment.Version != version)
        {
            return OperationResult<int>.From(await conflicts.ConflictAsync<ReportComment>(id, cancellationToken));
        }

        response = response?.Trim();
        if (string.IsNullOrEmpty(response))
        {
            return OperationResult<int>.From(OperationResult.Invalid("请填写{0}", "response", "处理情况"));
        }

        if (response.Length > Limits.CommentResponse)
        {
            return OperationResult<int>.From(OperationResult.Invalid("{0}不能超过{1}个字", "response", "处理情况", Limits.CommentResponse));
        }

        var actor = Actor.From(user);
        comment.Status = ReportCommentStatus.Handled;
        comment.Response = response;
        comment.HandledAt = clock.UtcNow;
        comment.HandledById = actor.UserId;
        comment.HandledByName = actor.Name;
        db.Entry(comment).Property(c => c.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return OperationResult<int>.Success(comment.ReportId);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return OperationResult<int>.From(await conflicts.ConflictAsync<ReportComment>(id, cancellationToken));
        }
    }
}
