using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.Core.Auditing;

/// <summary>
/// Writes an audit entry on a database context of its own, so that nothing else is saved with it. For the entries about
/// a request that is being refused: its own context may still track changes that were never meant to be saved (a form
/// applied to a record, then refused), and saving that context to record the refusal would save them too.
/// </summary>
public sealed class SeparateAudit(DbContextOptions<RectificationDbContext> options, ICurrentScope scope, IAuditContext context)
{
    public async Task RecordAsync(
        string action, string? entityType, string? entityId, AuditOutcome outcome, object? details, CancellationToken cancellationToken = default)
    {
        await using var db = new RectificationDbContext(options, scope, context);
        db.Audit(action, entityType, entityId, outcome, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}
