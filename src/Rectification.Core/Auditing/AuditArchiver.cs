using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Rectification.Core.Data;
using Rectification.Core.Time;

namespace Rectification.Core.Auditing;

/// <summary>The first line of an archive: where its piece of the chain starts and ends.</summary>
public sealed record AuditArchiveHeader(string Format, long FromSequence, long ToSequence, string PreviousHash, string LastHash, DateTime CreatedAt);

public sealed record AuditArchiveResult(string? File, long Count);

/// <summary>
/// Moves entries older than the retention period out of the database into a JSON Lines file that starts with the
/// hash the first archived entry links to, so the archive verifies on its own and the chain left in the database
/// still verifies from the head's <see cref="AuditChainHead.ArchivedThroughHash"/>. Entries younger than 184 days
/// are never archived, whatever the setting.
/// </summary>
public sealed class AuditArchiver(RectificationDbContext db, BusinessClock clock, IOptions<AuditOptions> options, IHostEnvironment environment)
{
    public const string FormatName = "rectification-audit-archive-v1";

    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<AuditArchiveResult> ArchiveAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.UtcNow.AddDays(-options.Value.EffectiveRetentionDays);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Lock the head first: no entry is appended while the chain's start moves.
        var head = db.LockWrites();
        var old = await db.AuditEntries.AsNoTracking()
            .Where(e => e.At < before && e.Sequence > head.ArchivedThroughSequence)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);

        // Only a run of entries from the chain's current start can go, so what stays is one unbroken chain.
        var run = old.TakeWhile((e, i) => e.Sequence == head.ArchivedThroughSequence + 1 + i).ToList();
        if (run.Count == 0)
        {
            return new AuditArchiveResult(null, 0);
        }

        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.ArchiveRoot));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"audit-{run[0].Sequence:D12}-{run[^1].Sequence:D12}.jsonl");
        await using (var writer = new StreamWriter(file, append: false, System.Text.Encoding.UTF8))
        {
            var header = new AuditArchiveHeader(FormatName, run[0].Sequence, run[^1].Sequence, run[0].PreviousHash, run[^1].Hash, clock.UtcNow);
            await writer.WriteLineAsync(JsonSerializer.Serialize(header, s_json));
            foreach (var entry in run)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(entry, s_json));
            }
        }

        var last = run[^1];
        await db.AuditEntries.Where(e => e.Sequence <= last.Sequence).ExecuteDeleteAsync(cancellationToken);
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.ArchivedThroughSequence, last.Sequence).SetProperty(x => x.ArchivedThroughHash, last.Hash), cancellationToken);
        db.Audit(AuditActions.AuditArchived, "AuditEntry", null, details: new { from = run[0].Sequence, to = last.Sequence, file = Path.GetFileName(file) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AuditArchiveResult(file, run.Count);
    }

    /// <summary>Checks an archive file on its own: every hash recomputed, every link followed from its header.</summary>
    public static async Task<AuditVerification> VerifyArchiveAsync(string file, CancellationToken cancellationToken = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var reader = new StreamReader(file);
        var header = JsonSerializer.Deserialize<AuditArchiveHeader>(await reader.ReadLineAsync(cancellationToken) ?? "null", s_json)
            ?? throw new InvalidDataException("Not an audit archive.");
        var expected = header.FromSequence;
        var previous = header.PreviousHash;
        long count = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var entry = JsonSerializer.Deserialize<AuditEntry>(line, s_json)!;
            AuditBreak? problem = entry.Sequence != expected ? AuditBreak.SequenceGap
                : entry.PreviousHash != previous ? AuditBreak.BrokenLink
                : AuditHasher.Compute(entry) != entry.Hash ? AuditBreak.ContentAltered
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, count, expected, problem, watch.Elapsed);
            }

            previous = entry.Hash;
            expected++;
            count++;
        }

        var intact = expected - 1 == header.ToSequence && previous == header.LastHash;
        return new AuditVerification(intact, count, intact ? null : expected, intact ? null : AuditBreak.TailMismatch, watch.Elapsed);
    }
}
