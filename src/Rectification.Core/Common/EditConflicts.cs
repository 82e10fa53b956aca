using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Data;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;
using Rectification.Core.Reports;
using Rectification.Core.Time;
using Rectification.Core.Visits;

namespace Rectification.Core.Common;

/// <summary>
/// The one answer to a stale save — someone saved the same record after the user opened it — for every record edited
/// with a version (<see cref="IVersioned"/>): a conflict that says who saved it last and when, so the user knows whose
/// work they are about to look at. Services return it both when the version they were given is old and when the
/// database refuses the save because another one won the race.
/// </summary>
public sealed class EditConflicts(RectificationDbContext db, BusinessClock clock)
{
    /// <summary>
    /// An audit entry names the last saver only if it was written by the same save as the record's UpdatedAt: the entry
    /// is appended right after the row, so a little later. An older entry belongs to an earlier save (a save that
    /// changed only a record's categories or links writes none of the record's own), and naming its author would be wrong.
    /// </summary>
    private static readonly TimeSpan s_sameSave = TimeSpan.FromSeconds(1);

    public async Task<OperationResult> ConflictAsync<T>(int id, CancellationToken cancellationToken = default)
        where T : class, IVersioned
    {
        var (subject, last) = typeof(T) switch
        {
            var t when t == typeof(Finding) => ("这个问题", await LastFindingSaveAsync(id, cancellationToken)),
            var t when t == typeof(ReportComment) => ("这条意见建议", await LastCommentSaveAsync(id, cancellationToken)),
            var t when t == typeof(Inspection) => ("这次巡察", await LastAuditedSaveAsync<Inspection>(id, cancellationToken)),
            var t when t == typeof(Mechanism) => ("这项长效机制", await LastAuditedSaveAsync<Mechanism>(id, cancellationToken)),
            var t when t == typeof(PublicReport) => ("这份通报", await LastAuditedSaveAsync<PublicReport>(id, cancellationToken)),
            var t when t == typeof(SiteVisit) => ("这次现场查验", await LastAuditedSaveAsync<SiteVisit>(id, cancellationToken)),
            _ => throw new ArgumentOutOfRangeException(nameof(T), typeof(T).Name, "Not a record edited with a version."),
        };

        if (last is not { At: { } at })
        {
            return OperationResult.Conflict("您打开页面后,{0}已被他人修改。您的内容还没有保存:请核对最新内容,确认后再次提交。", subject);
        }

        var when = clock.ToLocalTime(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return last.By is { Length: > 0 } by
            ? OperationResult.Conflict("您打开页面后,{0}已于{1}修改了{2}。您的内容还没有保存:请核对最新内容,确认后再次提交。", by, when, subject)
            : OperationResult.Conflict("您打开页面后,{0}已于{1}被他人修改。您的内容还没有保存:请核对最新内容,确认后再次提交。", subject, when);
    }

    private sealed record LastSave(string? By, DateTime? At);

    /// <summary>A finding's timeline records every change with its author.</summary>
    private async Task<LastSave?> LastFindingSaveAsync(int id, CancellationToken cancellationToken)
    {
        var updatedAt = await db.Findings.IgnoreQueryFilters().Where(f => f.Id == id).Select(f => (DateTime?)f.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var last = await db.FindingEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.FindingId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new { e.ActorName, e.At })
            .FirstOrDefaultAsync(cancellationToken);
        return Named(updatedAt, last?.ActorName, last?.At);
    }

    /// <summary>A comment is changed only by being handled, which it records with who and when.</summary>
    private async Task<LastSave?> LastCommentSaveAsync(int id, CancellationToken cancellationToken) =>
        await db.ReportComments.IgnoreQueryFilters().Where(c => c.Id == id)
            .Select(c => new LastSave(c.HandledByName, c.HandledAt))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The record's last save, and its author from the audit trail's last entry about it.</summary>
    private async Task<LastSave?> LastAuditedSaveAsync<T>(int id, CancellationToken cancellationToken)
        where T : class
    {
        var updatedAt = await db.Set<T>().IgnoreQueryFilters()
            .Where(r => EF.Property<int>(r, "Id") == id)
            .Select(r => (DateTime?)EF.Property<DateTime>(r, "UpdatedAt"))
            .FirstOrDefaultAsync(cancellationToken);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var entry = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == typeof(T).Name && e.EntityId == key && e.Outcome == AuditOutcome.Success)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.UserId, e.UserName, e.At })
            .FirstOrDefaultAsync(cancellationToken);
        var name = entry?.UserId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? entry.UserName
            : entry?.UserName;
        return Named(updatedAt, name, entry?.At);
    }

    private static LastSave? Named(DateTime? updatedAt, string? by, DateTime? byAt) =>
        updatedAt is not { } at ? null
        : byAt is { } entryAt && entryAt >= at - s_sameSave ? new LastSave(by, at)
        : new LastSave(null, at);
}
