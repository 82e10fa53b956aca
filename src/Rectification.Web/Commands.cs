using System.Globalization;
using Rectification.Core.Auditing;
using Rectification.Core.Counting;
using Rectification.Core.Data;

namespace Rectification.Web;

/// <summary>
/// Command-line verbs of the app, for operators and scheduled checks:
/// <c>dotnet Rectification.Web.dll audit verify</c> (exit code 0 when the chain is intact and agrees with every signed
/// digest, 1 when not), <c>audit verify-archive FILE</c>, <c>audit digest</c> (writes a signed digest of the chain's
/// head now), <c>audit new-key FILE</c> (a new digest signing key) and <c>counters verify</c> (exit code 0 when the
/// findings' counters agree with the findings, 1 when they do not).
/// </summary>
public static class Commands
{
    public static async Task<int> RunAsync(WebApplication app, string command, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-'));
        switch (command, verb)
        {
            case ("audit", "verify"):
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    return Report(await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(), app.Services.GetRequiredService<AuditStorage>());
                }

            case ("audit", "verify-archive") when args.Length > 1:
                return Report(await AuditArchiver.VerifyArchiveAsync(args[1]), null);
            case ("audit", "digest"):
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var digest = await scope.ServiceProvider.GetRequiredService<AuditDigestWriter>().WriteAsync();
                    Console.WriteLine($"Digest written to {app.Services.GetRequiredService<AuditStorage>().DigestFile}: sequence {digest.Sequence}, hash {digest.Hash}, key {digest.KeyId}.");
                    return 0;
                }

            case ("audit", "new-key") when args.Length > 1:
                var keyId = AuditSigningKeys.CreateKeyFile(args[1]);
                Console.WriteLine($"Key {keyId} written to {args[1]} (private: keep it off the database's host if you can, readable by the app only) "
                    + $"and {args[1]}.pub (public: for verifiers and Audit:Digest:PublicKeysFolder).");
                return 0;
            case ("counters", "verify"):
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var differences = await CounterCheck.DifferencesAsync(scope.ServiceProvider.GetRequiredService<RectificationDbContext>());
                    differences.Take(20).ToList().ForEach(Console.WriteLine);
                    Console.WriteLine(differences.Count == 0
                        ? "Counters agree with the findings."
                        : $"Counters DIFFER from the findings in {differences.Count} rows; restarting with other deadline options, or deleting the CountingState row and restarting, rebuilds them.");
                    return differences.Count == 0 ? 0 : 1;
                }

            default:
                await Console.Error.WriteLineAsync("usage: Rectification.Web audit verify | audit verify-archive <file> | audit digest | audit new-key <file> | counters verify");
                return 2;
        }
    }

    private static int Report(AuditVerification result, AuditStorage? storage)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var digests = result.Digests;
        Console.WriteLine(result.Problem switch
        {
            null when storage is null => $"Audit chain intact: {result.Checked} entries checked in {seconds} s.",
            null => $"Audit chain intact: {result.Checked} entries checked in {seconds} s; it agrees with {digests.Read} signed digest(s)"
                + (digests.Newest?.Digest is { } newest ? $", the newest written {Time(newest.At)} at sequence {newest.Sequence}" : string.Empty)
                + (digests.NotCompared > 0 ? $" ({digests.NotCompared} archived positions not compared: their archives are not in {storage.ArchiveFolder})" : string.Empty)
                + ".",
            AuditBreak.DigestsMissing =>
                $"Audit chain NOT ANCHORED: {result.Checked} entries link up, but no signed digest was found in {storage?.DigestFolder} to check them against.",
            _ => $"Audit chain BROKEN at sequence {result.BrokenAt}: {result.Problem} ({result.Checked} entries verified before it, {seconds} s)."
                + (digests.Named is { } named ? " " + Describe(named) : string.Empty),
        });
        return result.Intact ? 0 : 1;
    }

    private static string Describe(AuditDigestLine line) =>
        (line.Digest is { } digest
            ? $"Digest written {Time(digest.At)} by {digest.Instance} (sequence {digest.Sequence}, key {digest.KeyId})"
            : "Digest line")
        + $" at {line.File} line {line.Line}"
        + (line.Fault is { } fault ? $": {fault}." : ".");

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
