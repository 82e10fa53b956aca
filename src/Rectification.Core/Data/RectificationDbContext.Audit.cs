using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;

namespace Rectification.Core.Data;

/// <summary>
/// The audit trail is written here, inside the same transaction as the change it records: the business rows are
/// saved, the entries built (with the keys the database generated), the chain head locked, the entries chained onto
/// it and saved. If anything fails, the change and its entries are rolled back together.
/// </summary>
public partial class RectificationDbContext
{
    private readonly List<AuditEntry> _pendingAudit = [];

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    private string? _lastChange;

    /// <summary>
    /// A value that every saved change moves: the audit chain head's hash, appended to in the change's own
    /// transaction. Read once per context (one request sees one state) and again after the context saves, for the
    /// keys of <see cref="Common.ReadCache"/>. A signed-in request has it already, from its session check.
    /// </summary>
    public async Task<string> LastChangeAsync(CancellationToken cancellationToken = default) =>
        _lastChange ??= await AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .Select(h => h.LastHash).FirstOrDefaultAsync(cancellationToken) ?? string.Empty;

    /// <summary>Takes the chain head's hash read along with another query (the session check's).</summary>
    internal void LastChangeRead(string? value) => _lastChange ??= value ?? string.Empty;

    /// <summary>Queues an entry for an action that changes no entity (a login, a download, a denied access); saved at the next SaveChanges.</summary>
    public void Audit(string action, string? entityType = null, string? entityId = null, AuditOutcome outcome = AuditOutcome.Success, object? details = null) =>
        _pendingAudit.Add(NewEntry(action, entityType, entityId, outcome, details));

    /// <summary>
    /// Queues an entry for an account's sign-in or sign-out, made on behalf of that account (or of the name that
    /// was typed, when no account has it): at that moment nobody, or somebody else, is signed in on the request.
    /// </summary>
    public void AuditAccount(string action, string userName, string? userId, string? unitPath, AuditOutcome outcome, object? details = null)
    {
        var entry = NewEntry(action, "AppUser", userId, outcome, details);
        entry.UserId = userId;
        entry.UserName = userName;
        entry.UnitPath = unitPath;
        _pendingAudit.Add(entry);
    }

    private static AuditEntry NewEntry(string action, string? entityType, string? entityId, AuditOutcome outcome, object? details) =>
        new()
        {
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Outcome = outcome,
            Details = details is null ? null : details as string ?? AuditCapture.Serialize(details),
            UserName = string.Empty,
            PreviousHash = string.Empty,
            Hash = string.Empty,
        };

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var changes = AuditCapture.Capture(ChangeTracker);
        if (changes.Count == 0 && _pendingAudit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var entries = changes.Select(c => new AuditEntry
            {
                Action = c.Action,
                EntityType = c.EntityType,
                EntityId = AuditCapture.KeyOf(c.Entry),
                Details = c.Details,
                UserName = string.Empty,
                PreviousHash = string.Empty,
                Hash = string.Empty,
            })
                .Concat(_pendingAudit)
                .ToList();
            _pendingAudit.Clear();
            await AppendAsync(entries, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Chains the entries onto the head, holding the head's row lock until the transaction ends.</summary>
    private async Task AppendAsync(List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        // A no-op update takes the row's write lock (SQLite: the database's): appends queue up behind it.
        await AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.LastSequence, x => x.LastSequence), cancellationToken);
        var head = await AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);

        var sequence = head.LastSequence;
        var previous = head.LastHash;
        var at = AuditHasher.Truncate(_audit.UtcNow);
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.At = at;
            if (entry.UserName.Length == 0)
            {
                entry.UserId = _audit.UserId;
                entry.UserName = _audit.UserName;
                entry.UnitPath = _audit.UnitPath;
            }

            entry.ClientAddress = _audit.ClientAddress;
            entry.PreviousHash = previous;
            entry.Hash = previous = AuditHasher.Compute(entry);
        }

        AuditEntries.AddRange(entries);
        await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        await AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.LastSequence, sequence).SetProperty(x => x.LastHash, previous), cancellationToken);
    }
}
