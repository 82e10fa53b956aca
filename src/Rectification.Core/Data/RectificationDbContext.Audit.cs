using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Counting;
using Rectification.Core.Units;

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

    private long? _unitTreeRevision;

    /// <summary>
    /// The unit tree's revision (<see cref="UnitTreeState"/>), read once per context — a signed-in request has it from
    /// its session check — and again after the context saves a unit.
    /// </summary>
    public async Task<long> UnitTreeRevisionAsync(CancellationToken cancellationToken = default) =>
        _unitTreeRevision ??= await UnitTreeStates.Where(s => s.Id == UnitTreeState.SingletonId)
            .Select(s => s.Revision).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Takes the revision read along with another query (the session check's).</summary>
    internal void UnitTreeRevisionRead(long revision) => _unitTreeRevision ??= revision;

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

    private async Task<int> SaveWithAuditAsync(bool acceptAllChangesOnSuccess, TallyDeltas tallies, CancellationToken cancellationToken)
    {
        var changes = AuditCapture.Capture(ChangeTracker);
        if (changes.Count == 0 && _pendingAudit.Count == 0 && tallies.IsEmpty)
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
            var unitsChanged = changes.Any(c => c.Entry.Entity is OrgUnit);
            await UnderWriteLockAsync(() =>
            {
                var head = LockWrites();
                var batch = new StatementBatch(this);
                TallyWriter.Apply(this, tallies, batch);
                if (unitsChanged)
                {
                    UnitTreeStates.Where(s => s.Id == UnitTreeState.SingletonId)
                        .ExecuteUpdate(s => s.SetProperty(x => x.Revision, x => x.Revision + 1));
                    _unitTreeRevision = null;
                }

                Append(head, entries, batch);
                batch.Execute();
                ownTransaction?.Commit();
            });

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

    /// <summary>
    /// Runs the part of a save that holds the write lock (<see cref="LockWrites"/>) on a thread of its own, with
    /// blocking calls. Every other write waits while the lock is held, so it must be held for the time the database
    /// needs and no longer: an awaited call's continuation would queue behind every other request's work on a busy
    /// machine (67 ms between the lock's answer and the next command, in PostgreSQL's log of the 100k working day),
    /// while a blocked thread runs again as soon as its answer arrives.
    /// </summary>
    internal static Task UnderWriteLockAsync(Action section) =>
        Task.Factory.StartNew(section, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Takes the write lock — the audit chain head's row (SQLite: the database's write lock) — until the transaction
    /// ends, and reads the head with it. Every save that appends to the trail or changes the counters takes it before
    /// either, so they queue up behind each other in one order and never deadlock. The lock and the read are one
    /// statement on PostgreSQL and SQL Server. Blocking: saves call it in <see cref="UnderWriteLockAsync"/>; the rare
    /// administrative holders (unit moves, archiving, start-up) call it directly.
    /// </summary>
    internal AuditChainHead LockWrites()
    {
        if (Database.IsSqlite())
        {
            // A no-op update takes the database's write lock even in a deferred transaction.
            AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
                .ExecuteUpdate(h => h.SetProperty(x => x.LastSequence, x => x.LastSequence));
            return AuditChainHeads.AsNoTracking().Single(h => h.Id == AuditChainHead.SingletonId);
        }

        var locking = Database.IsSqlServer()
            ? "SELECT * FROM [AuditChainHead] WITH (UPDLOCK, ROWLOCK) WHERE [Id] = 1"
            : "SELECT * FROM \"AuditChainHead\" WHERE \"Id\" = 1 FOR UPDATE";
        return AuditChainHeads.FromSqlRaw(locking).AsNoTracking().AsEnumerable().Single();
    }

    /// <summary>
    /// Chains the entries onto the head read under the write lock (<see cref="LockWrites"/>), and adds them and the
    /// head's new position to the batch.
    /// </summary>
    private void Append(AuditChainHead head, List<AuditEntry> entries, StatementBatch batch)
    {
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

        if (entries.Count == 0)
        {
            return;
        }

        entries.ForEach(batch.Insert);
        head.LastSequence = sequence;
        head.LastHash = previous;
        batch.Update(head, nameof(AuditChainHead.LastSequence), nameof(AuditChainHead.LastHash));
    }
}
