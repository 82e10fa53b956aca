using System.Globalization;
using Rectification.Core.Auditing;
using Rectification.Core.Counting;
using Rectification.Core.Data;

namespace Rectification.Web;

/// <summary>
/// Command-line verbs of the app, for operators and scheduled checks:
/// <c>dotnet Rectification.Web.dll audit verify</c> (exit code 0 when the chain is intact, 1 when broken),
/// <c>dotnet Rectification.Web.dll audit verify-archive FILE</c> and <c>dotnet Rectification.Web.dll counters verify</c>
/// (exit code 0 when the findings' counters agree with the findings, 1 when they do not).
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
                    return Report(await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync());
                }

            case ("audit", "verify-archive") when args.Length > 1:
                return Report(await AuditArchiver.VerifyArchiveAsync(args[1]));
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
                await Console.Error.WriteLineAsync("usage: Rectification.Web audit verify | audit verify-archive <file> | counters verify");
                return 2;
        }
    }

    private static int Report(AuditVerification result)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine(result.Intact
            ? $"Audit chain intact: {result.Checked} entries checked in {seconds} s."
            : $"Audit chain BROKEN at sequence {result.BrokenAt}: {result.Problem} ({result.Checked} entries verified before it, {seconds} s).");
        return result.Intact ? 0 : 1;
    }
}
