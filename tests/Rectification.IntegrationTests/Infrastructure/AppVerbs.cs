using System.Diagnostics;

namespace Rectification.IntegrationTests.Infrastructure;

/// <summary>The app's command-line verbs (<c>audit verify</c>…), each run as an operator would: a process of its own.</summary>
public static class AppVerbs
{
    /// <summary>Runs the app's own command-line verb in a process of its own, against this app's database.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(AppFactory app, params string[] verb)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WebAssembly());
        var settings = app.AuditSettings.SelectMany(s => new[] { "--" + s.Key, s.Value });
        foreach (var arg in verb.Concat(["--Database:Provider", app.Provider.ToString(), "--ConnectionStrings:Rectification", app.ConnectionString, "--Serilog:MinimumLevel:Default", "Warning"]).Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The web app's build output next to this test assembly's (same configuration).</summary>
    private static string WebAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/X/bin/<Configuration>/net10.0/
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "Rectification.Web", "bin", configuration, "net10.0", "Rectification.Web.dll");
        Assert.True(File.Exists(path), $"The web app is not built at {path}.");
        return path;
    }
}
