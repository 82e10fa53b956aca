using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rectification.Benchmarks;

/// <summary>
/// The real app in Release, as a separate process on a loopback port, so that its memory and speed are its own.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _digests;

    private AppProcess(Process process, Uri baseAddress, DirectoryInfo digests)
    {
        _process = process;
        BaseAddress = baseAddress;
        _digests = digests;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts <paramref name="appDll"/> with the given settings and waits until /health/ready answers.</summary>
    public static async Task<AppProcess> StartAsync(string appDll, IReadOnlyDictionary<string, string> settings, string environment = "Production")
    {
        appDll = Path.GetFullPath(appDll);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        // Plain HTTP on loopback: cookies without the Secure flag (or the clients would not send them back), no
        // sign-in rate limit for the dozens of sessions the driver opens at once, and the audit digests with a key of
        // the run's own (production refuses to start without one).
        var digests = Directory.CreateTempSubdirectory("rectification-bench-digests-");
        foreach (var (key, value) in new[]
        {
            ("Security:SecureCookies", "false"), ("RateLimits:LoginPerMinute", "1000000"),
            ("Audit:Digest:Folder", digests.FullName), ("Audit:Digest:SigningKeyFile", Path.Combine(digests.FullName, "key.pem")),
            ("Audit:Digest:CreateKeyIfMissing", "true"),
        })
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        start.ArgumentList.Add("--Serilog:MinimumLevel:Default");
        start.ArgumentList.Add("Warning");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("  app| " + line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("  app! " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"), digests);
        using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting.");
            }

            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        await app.DisposeAsync();
        throw new TimeoutException("The app did not become ready.");
    }

    /// <summary>Resident memory now, in bytes (VmRSS).</summary>
    public long ResidentBytes() => ReadStatus("VmRSS:");

    /// <summary>Resets the peak-resident counter, so that <see cref="PeakResidentBytes"/> measures from now on.</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{ProcessId}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident memory since start or since the last <see cref="ResetPeak"/> (VmHWM).</summary>
    public long PeakResidentBytes() => ReadStatus("VmHWM:");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _digests.Delete(recursive: true);
    }

    private long ReadStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        throw new InvalidOperationException($"{field} not found for process {ProcessId}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
