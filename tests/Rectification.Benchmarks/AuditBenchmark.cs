using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rectification.Benchmarks.Generator;
using Rectification.Core.Auditing;
using Rectification.Core.Data;

namespace Rectification.Benchmarks;

/// <summary>
/// Issue 6: a million chained audit entries, hashed with the app's <see cref="AuditHasher"/> (so the chain is valid),
/// bulk-inserted, then the app's <see cref="AuditVerifier"/> timed over them, against signed digests of the head
/// written before and after the insert (in a temporary folder, with a temporary key).
/// </summary>
public static class AuditBenchmark
{
    public sealed record Result(long Entries, TimeSpan Insert, AuditVerification Verification);

    public static async Task<Result> RunAsync(DatabaseProvider provider, string connectionString, long count)
    {
        await using var db = await DataGenerator.OpenAsync(provider, connectionString);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId);
        var folder = Directory.CreateTempSubdirectory("rectification-audit-bench-");
        var storage = new AuditStorage(
            new AuditOptions { Digest = new() { Folder = "digests", SigningKeyFile = "digest-key.pem", CreateKeyIfMissing = true } }, folder.FullName);
        var digests = new AuditDigestLog(storage, new AuditSigningKeys(storage), TimeProvider.System);
        digests.Append(head);
        var start = DateTime.UtcNow.AddDays(-365);
        var sequence = head.LastSequence;
        var previous = head.LastHash;
        string[] actions = [AuditActions.Create, AuditActions.Update, AuditActions.StatusChange, AuditActions.Login, AuditActions.Logout];

        IEnumerable<AuditEntry> Entries()
        {
            for (long n = 0; n < count; n++)
            {
                var entry = new AuditEntry
                {
                    Id = sequence + 1,
                    Sequence = ++sequence,
                    At = AuditHasher.Truncate(start.AddMilliseconds(n * 31)),
                    UserId = "bench-user-" + (n % 500).ToString(CultureInfo.InvariantCulture),
                    UserName = "bench." + (n % 500).ToString(CultureInfo.InvariantCulture),
                    UnitPath = "/1/" + ((n % 97) + 2).ToString(CultureInfo.InvariantCulture) + "/",
                    ClientAddress = "10.0.0." + (n % 250).ToString(CultureInfo.InvariantCulture),
                    Action = actions[n % actions.Length],
                    EntityType = "Finding",
                    EntityId = ((n % 100_000) + 1).ToString(CultureInfo.InvariantCulture),
                    Outcome = AuditOutcome.Success,
                    Details = "{\"Status\":{\"old\":\"InProgress\",\"new\":\"Submitted\"},\"RectificationSummary\":{\"old\":\"印发了专项整治方案\",\"new\":\"召开专题会议研究部署\"}}",
                    PreviousHash = previous,
                    Hash = string.Empty,
                };
                entry.Hash = previous = AuditHasher.Compute(entry);
                yield return entry;
            }
        }

        var watch = Stopwatch.StartNew();
        await new BulkWriter(db).WriteAsync(Entries());
        await db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.LastSequence, sequence).SetProperty(x => x.LastHash, previous));
        var insert = watch.Elapsed;
        digests.Append(await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.SingletonId));

        var verification = await new AuditVerifier(DataGenerator.Options(provider, connectionString), storage, digests).VerifyAsync();
        folder.Delete(recursive: true);
        return new Result(count, insert, verification);
    }
}
