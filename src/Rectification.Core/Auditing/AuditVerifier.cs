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

    /// <summary>A line of a digest file is not a digest signed by a trusted key: the digest folder was edited.</summary>
    DigestInvalid,

    /// <summary>
    /// The chain (or an archive, or the head's archived position) has another hash where a signed digest says what
    /// it was: the history was rewritten after the digest was written, hashes and all.
    /// </summary>
    DigestContradicted,

    /// <summary>The chain ends before a position a signed digest vouches for: entries were cut off the end, head and all.</summary>
    ChainShorterThanDigest,

    /// <summary>The chain has entries but no digest was found: the digest folder is missing or empty.</summary>
    DigestsMissing,
}

public sealed record AuditVerification(bool Intact, long Checked, long? BrokenAt, AuditBreak? Problem, TimeSpan Elapsed)
{
    /// <summary>What the signed digests said (nothing for an archive checked on its own).</summary>
    public AuditDigestReport Digests { get; init; } = AuditDigestReport.NotRead;
}

/// <param name="Read">Lines read from the digest files.</param>
/// <param name="Newest">The newest digest: entries after its position are not anchored yet.</param>
/// <param name="Named">The digest the problem is about: the one the chain contradicts, or a line that is not a valid digest.</param>
/// <param name="NotCompared">Positions in archives that are not in the archive folder (moved elsewhere), so not compared.</param>
public sealed record AuditDigestReport(int Read, AuditDigestLine? Newest, AuditDigestLine? Named, int NotCompared)
{
    public static readonly AuditDigestReport NotRead = new(0, null, null, 0);
}

/// <summary>
/// Walks the whole chain in sequence order, recomputing every hash, and checks it against every signed digest
/// written outside the database (<see cref="AuditDigestLog"/>): a chain rewritten consistently, hashes and head
/// included, still contradicts the digests written before the rewrite. Reports the first problem in sequence
/// order. Reads as a stream: a million entries are checked without holding them in memory.
/// </summary>
public sealed class AuditVerifier(DbContextOptions<RectificationDbContext> options, AuditStorage storage, AuditDigestLog digests)
{
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = new RectificationDbContext(options, new FixedScope(UserScope.System));
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken);
        var lines = digests.ReadAll();
        // The newest: latest in time, and of digests written in the same millisecond the later line.
        var newest = lines.Where(l => l.Digest is not null).OrderBy(l => l.Digest!.At).LastOrDefault();
        var report = new AuditDigestReport(lines.Count, newest, null, 0);
        AuditVerification Result(long checkedCount, long? brokenAt, AuditBreak? problem, AuditDigestLine? named = null) =>
            new(problem is null, checkedCount, brokenAt, problem, watch.Elapsed) { Digests = report with { Named = named } };

        if (lines.FirstOrDefault(l => l.Fault is not null) is { } invalid)
        {
            return Result(0, invalid.Digest?.Sequence, AuditBreak.DigestInvalid, invalid);
        }

        var anchors = AuditAnchor.Of(lines);

        // Positions archived since their digest: the archive files that are still in the folder must agree.
        var archived = anchors.Where(a => a.Sequence < head.ArchivedThroughSequence).ToList();
        var inArchives = await AuditArchiver.HashesInArchivesAsync(storage.ArchiveFolder, archived.Select(a => a.Sequence).ToHashSet(), cancellationToken);
        foreach (var anchor in archived)
        {
            if (!inArchives.TryGetValue(anchor.Sequence, out var hash))
            {
                report = report with { NotCompared = report.NotCompared + 1 };
            }
            else if (!string.Equals(hash, anchor.Hash, StringComparison.Ordinal))
            {
                return Result(0, anchor.Sequence, AuditBreak.DigestContradicted, anchor.Source);
            }
        }

        // Where the chain now starts: the archive run's own digest recorded it, with this hash. Without that, the
        // database could claim any early part of the chain "archived" and drop it.
        var start = head.ArchivedThroughSequence;
        if (anchors.FirstOrDefault(a => a.Sequence == start && !string.Equals(a.Hash, head.ArchivedThroughHash, StringComparison.Ordinal)) is { } otherStart)
        {
            return Result(0, start, AuditBreak.DigestContradicted, otherStart.Source);
        }

        if (start > 0 && newest is not null && !lines.Any(l => l.Digest!.ArchivedThroughSequence == start))
        {
            return Result(0, start, AuditBreak.DigestContradicted, newest);
        }

        var inChain = anchors.Where(a => a.Sequence > start && a.Sequence <= head.LastSequence).ToList();
        var nextAnchor = 0;
        var expected = start + 1;
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
                return Result(checkedCount, problem == AuditBreak.SequenceGap ? expected : entry.Sequence, problem);
            }

            for (; nextAnchor < inChain.Count && inChain[nextAnchor].Sequence == entry.Sequence; nextAnchor++)
            {
                if (!string.Equals(inChain[nextAnchor].Hash, entry.Hash, StringComparison.Ordinal))
                {
                    return Result(checkedCount, entry.Sequence, AuditBreak.DigestContradicted, inChain[nextAnchor].Source);
                }
            }

            checkedCount++;
            expected++;
            previous = entry.Hash;
        }

        if (expected - 1 != head.LastSequence || !string.Equals(previous, head.LastHash, StringComparison.Ordinal))
        {
            return Result(checkedCount, expected, AuditBreak.TailMismatch);
        }

        if (anchors.FirstOrDefault(a => a.Sequence > head.LastSequence) is { } beyond)
        {
            return Result(checkedCount, head.LastSequence + 1, AuditBreak.ChainShorterThanDigest, beyond.Source);
        }

        return lines.Count == 0 && head.LastSequence > 0
            ? Result(checkedCount, null, AuditBreak.DigestsMissing)
            : Result(checkedCount, null, null);
    }
}

/// <summary>A position in the chain and the hash a signed digest says it had.</summary>
internal sealed record AuditAnchor(long Sequence, string Hash, AuditDigestLine Source)
{
    /// <summary>
    /// Each digest vouches for two positions: the chain's end as it saw it, and where archiving had reached. One
    /// anchor per position and hash, from the oldest digest that vouches for it, in order of position.
    /// </summary>
    public static List<AuditAnchor> Of(IEnumerable<AuditDigestLine> lines) =>
        lines.SelectMany(l => new[]
            {
                new AuditAnchor(l.Digest!.Sequence, l.Digest.Hash, l),
                new AuditAnchor(l.Digest.ArchivedThroughSequence, l.Digest.ArchivedThroughHash, l),
            })
            .OrderBy(a => a.Sequence).ThenBy(a => a.Source.Digest!.At)
            .DistinctBy(a => (a.Sequence, a.Hash))
            .ToList();
}
