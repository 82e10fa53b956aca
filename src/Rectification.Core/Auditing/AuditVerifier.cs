using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Data;
using Rectification.Core.Scoping;

namespace Rectification.Core.Auditing;

public enum AuditBreak
{
    /// <summary>A sequence number is missing or repeated: an entry was deleted or inserted.</summary>
    SequenceGap,

    /// <summary>The entry does not point at the hash of the entry before it: entries were inserted or reordered.</summary>
    BrokenLink,

    /// <summary>The entry's content no longer matches its hash: it was edited.</summary>
    ContentAltered,

    /// <summary>The chain ends before (or after) where the head says it does: entries were cut off the end or the head was edited.</summary>
    TailMismatch,
}

public sealed record AuditVerification(bool Intact, long Checked, long? BrokenAt, AuditBreak? Problem, TimeSpan Elapsed);

/// <summary>
/// Walks the whole chain in sequence order, recomputing every hash, and reports the first broken link. Reads
/// as a stream: a million entries are checked without holding them in memory.
/// </summary>
public sealed class AuditVerifier(DbContextOptions<RectificationDbContext> options)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = new RectificationDbContext(options, new FixedScope(UserScope.System));
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var expected = head.ArchivedThroughSequence + 1;
        var previous = head.ArchivedThroughHash;
        long checkedCount = 0;

        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            AuditBreak? problem = entry.Sequence != expected ? AuditBreak.SequenceGap
                : !string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal) ? AuditBreak.BrokenLink
                : !string.Equals(AuditHasher.Compute(entry), entry.Hash, StringComparison.Ordinal) ? AuditBreak.ContentAltered
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, checkedCount, problem == AuditBreak.SequenceGap ? expected : entry.Sequence, problem, watch.Elapsed);
            }

            checkedCount++;
            expected++;
            previous = entry.Hash;
        }

        var intact = expected - 1 == head.LastSequence && string.Equals(previous, head.LastHash, StringComparison.Ordinal);
        return new AuditVerification(intact, checkedCount, intact ? null : expected, intact ? null : AuditBreak.TailMismatch, watch.Elapsed);
    }
}
