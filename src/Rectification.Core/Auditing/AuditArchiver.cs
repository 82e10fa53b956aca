using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
/// are never archived, whatever the setting. Each run ends with a signed digest of the chain's new start (see
/// <see cref="AuditDigestLog"/>).
/// </summary>
public sealed partial class AuditArchiver(
    RectificationDbContext db, BusinessClock clock, IOptions<AuditOptions> options, AuditStorage storage, AuditDigestLog digests,
    ILogger<AuditArchiver> logger)
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

        var folder = storage.ArchiveFolder;
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
        await WriteDigestAsync(cancellationToken);
        return new AuditArchiveResult(file, run.Count);
    }

    /// <summary>
    /// Anchors the chain's new start outside the database at once, so that verification can tell this archived
    /// position from one the database was edited to claim. If it fails the archive stands, and the next scheduled
    /// digest records the position instead.
    /// </summary>
    private async Task WriteDigestAsync(CancellationToken cancellationToken)
    {
        try
        {
            digests.Append(await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogDigestFailed(logger, exception);
        }
    }

    /// <summary>
    /// The hashes at the given positions as the archive files in <paramref name="folder"/> have them (for the position
    /// just before a file's first entry, the hash the file starts from); positions no file covers are left out, and a
    /// line that does not hold the entry it should gets an empty hash. Each file is read once, front to back, and only
    /// the wanted lines are parsed.
    /// </summary>
    public static async Task<Dictionary<long, string>> HashesInArchivesAsync(string folder, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<long, string>();
        if (sequences.Count == 0 || !Directory.Exists(folder))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "audit-*.jsonl").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            var header = ParseOrNull<AuditArchiveHeader>(await reader.ReadLineAsync(cancellationToken));
            if (header is not { Format: FormatName })
            {
                continue;
            }

            var wanted = sequences.Where(s => s >= header.FromSequence - 1 && s <= header.ToSequence && !found.ContainsKey(s)).Order().ToList();
            if (wanted.Count > 0 && wanted[0] == header.FromSequence - 1)
            {
                found[wanted[0]] = header.PreviousHash;
                wanted.RemoveAt(0);
            }

            var position = header.FromSequence;
            for (var next = 0; next < wanted.Count && await reader.ReadLineAsync(cancellationToken) is { } line; position++)
            {
                if (position == wanted[next])
                {
                    found[position] = ParseOrNull<AuditEntry>(line) is { } entry && entry.Sequence == position ? entry.Hash : string.Empty;
                    next++;
                }
            }
        }

        return found;
    }

    private static T? ParseOrNull<T>(string? line)
        where T : class
    {
        try
        {
            return line is null ? null : JsonSerializer.Deserialize<T>(line, s_json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The archive was written, but its digest was not; the next scheduled digest records it")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception);

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
