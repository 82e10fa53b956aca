using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.Core.Auditing;

public sealed class AuditFilter
{
    /// <summary>Part of the user's name or account.</summary>
    public string? User { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>The action recorded (named so it does not collide with MVC's "action" route value).</summary>
    public string? Operation { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record AuditItem(
    long Sequence, DateTime At, string UserName, string? ClientAddress, string Action, string? EntityType, string? EntityId,
    AuditOutcome Outcome, string? Details);

/// <summary>
/// The audit viewer's reads. An administrator sees every entry; an inspection office sees the entries of people
/// within its scope (their unit path was recorded with each entry).
/// </summary>
public sealed class AuditQueries(RectificationDbContext db, Time.BusinessClock clock)
{
    public const int PageSize = 50;

    public async Task<PagedList<AuditItem>> ListAsync(AuditFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var query = Filter(filter, user);
        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var items = await query.OrderByDescending(e => e.Sequence)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(s_item)
            .ToListAsync(cancellationToken);
        return new PagedList<AuditItem>(items, page, PageSize, total);
    }

    /// <summary>All matching entries, oldest first, for export; the export is itself recorded.</summary>
    public async IAsyncEnumerable<AuditItem> ExportAsync(AuditFilter filter, ClaimsPrincipal user, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        db.Audit(AuditActions.AuditExported, "AuditEntry", null, details: filter);
        await db.SaveChangesAsync(cancellationToken);
        await foreach (var item in Filter(filter, user).OrderBy(e => e.Sequence).Select(s_item).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditItem>> s_item = e =>
        new AuditItem(e.Sequence, e.At, e.UserName, e.ClientAddress, e.Action, e.EntityType, e.EntityId, e.Outcome, e.Details);

    private IQueryable<AuditEntry> Filter(AuditFilter filter, ClaimsPrincipal user)
    {
        var scope = ScopeClaims.ToScope(user);
        var query = db.AuditEntries.AsNoTracking();
        if (!scope.SeesEverything)
        {
            var path = scope.UnitPath;
            query = query.Where(e => e.UnitPath != null && e.UnitPath.StartsWith(path));
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var text = filter.User.Trim();
            query = query.Where(e => e.UserName.Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(e => e.EntityId == filter.EntityId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Operation))
        {
            query = query.Where(e => e.Action == filter.Operation);
        }

        // Dates are China Standard Time days: the range covers whole local days, within the dates that mean anything.
        if (DateBounds.Bounded(filter.From) is { } from)
        {
            var start = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), clock.Zone);
            query = query.Where(e => e.At >= start);
        }

        if (DateBounds.Bounded(filter.To) is { } to)
        {
            var end = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), clock.Zone);
            query = query.Where(e => e.At < end);
        }

        return query;
    }
}
