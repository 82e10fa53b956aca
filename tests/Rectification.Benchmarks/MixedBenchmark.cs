using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rectification.Benchmarks.Generator;

namespace Rectification.Benchmarks;

/// <summary>
/// A working day rather than one URL: 64+ real users of every role and level, each signed in once, driven by 16
/// clients that each pick a user and something that user does within their own scope — lists, filters, finding
/// pages, dashboards, the review queue, notifications, and writes through the real forms. Three phases: a warm-up,
/// the layout-only page as the baseline, then the mixed run, measured per kind of request.
/// </summary>
public static class MixedBenchmark
{
    private const int WarmUpPerKind = 3;

    /// <summary>The operations of one phase, and how long the phase took until its last operation ended.</summary>
    public sealed record Run(IReadOnlyList<Sample> Samples, double Seconds, double AppCpuSeconds = 0, double DriverCpuSeconds = 0, double MachineBusyCores = 0)
    {
        public double PerSecond => Samples.Count / Seconds;

        public int Errors => Samples.Count(s => s.Outcome == Outcome.Error);
    }

    public static async Task<Report> RunAsync(AppProcess app, IReadOnlyList<MixedUser> users, IReadOnlyDictionary<int, FindingState> findings,
        int seconds, int clients, double writeShare, bool reminders)
    {
        try
        {
            return await RunPhasesAsync(app, users, findings, seconds, clients, writeShare, reminders);
        }
        finally
        {
            foreach (var user in users)
            {
                user.Session?.Dispose();
            }
        }
    }

    private static async Task<Report> RunPhasesAsync(AppProcess app, IReadOnlyList<MixedUser> users, IReadOnlyDictionary<int, FindingState> findings,
        int seconds, int clients, double writeShare, bool reminders)
    {
        await SignInAsync(app, users);
        var requests = new MixedRequests(users, findings, writeShare);

        // (a) Warm-up, unrecorded but checked: every kind a few times, then the mixed day until its time is up. Long
        // enough for the runtime's tiered compilation to finish optimising what the day runs (about 30 s of it): a
        // server that has run for an hour does not spend a seventh of its CPU in the JIT, as the first minute does.
        var warmUpTime = TimeSpan.FromSeconds(Math.Min(45.0, seconds / 2.0));
        Phase($"warm-up: every kind {WarmUpPerKind}×, then the mixed run for the rest of {warmUpTime.TotalSeconds:0.#} s");
        var watch = Stopwatch.StartNew();
        var warmUp = new List<Sample>();
        var random = new Random(2026);
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            for (var i = 0; i < WarmUpPerKind; i++)
            {
                if (requests.OfKindAsync(kind, random) is { } operation)
                {
                    warmUp.Add(await operation);
                }
            }
        }

        if (warmUpTime > watch.Elapsed)
        {
            warmUp.AddRange((await DriveAsync(app, "warm-up", clients, warmUpTime - watch.Elapsed, requests.NextAsync, seed: 100)).Samples);
        }

        var warmUpRun = new Run(warmUp, watch.Elapsed.TotalSeconds);

        // (b) The baseline: the same clients and users on the page that is only the layout (and the session check).
        var trivialTime = TimeSpan.FromSeconds(Math.Max(5.0, seconds / 4.0));
        Phase($"baseline: Home/About for {trivialTime.TotalSeconds:0.#} s");
        var trivial = await DriveAsync(app, "baseline", clients, trivialTime, requests.TrivialAsync, seed: 200);

        // (c) The mixed day.
        Phase($"mixed run: {clients} clients, write share {writeShare:0.###}, {seconds} s");
        var withoutTarget = requests.WritesWithoutTarget;
        var job = reminders ? ReminderRun.Fire(app) : null;
        var mixed = await DriveAsync(app, "mixed", clients, TimeSpan.FromSeconds(seconds), requests.NextAsync, seed: 300);
        var jobRun = job is null ? null : await job;
        return new Report(users, warmUpRun, trivial, mixed, requests.WritesWithoutTarget - withoutTarget, clients, writeShare, jobRun);
    }

    /// <summary>Each user signs in once through the login form, then opens the findings list to learn its total.</summary>
    private static async Task SignInAsync(AppProcess app, IReadOnlyList<MixedUser> users)
    {
        Phase($"signing in {users.Count} users");
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(users.Select(async user =>
        {
            await gate.WaitAsync();
            try
            {
                user.Session = await Session.LoginAsync(app.BaseAddress, user.UserName, GeneratedData.Password);
                user.Total = await user.Session.FindingsTotalAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>
    /// <paramref name="clients"/> loops, each making one operation after another until the time is up (an
    /// operation under way then still ends and counts); progress every 10 s to stderr.
    /// </summary>
    private static async Task<Run> DriveAsync(AppProcess app, string name, int clients, TimeSpan duration, Func<Random, Task<Sample>> next, int seed)
    {
        // The app and this driver share the machine's cores: how much of them each used is part of the result.
        var (appCpu, driverCpu) = CpuTimes(app);
        var (machineBusy, machineTotal) = MachineCpu();
        var watch = Stopwatch.StartNew();
        var done = 0;
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), stop.Token);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    {name}: {watch.Elapsed.TotalSeconds,5:0} s, {Volatile.Read(ref done),8:N0} operations, {Volatile.Read(ref errors)} errors"));
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(seed + client);
            var samples = new List<Sample>();
            while (watch.Elapsed < duration)
            {
                var sample = await next(random);
                samples.Add(sample);
                Interlocked.Increment(ref done);
                if (sample.Outcome == Outcome.Error)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return samples;
        })).ToList();
        var all = await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        var (appCpuAfter, driverCpuAfter) = CpuTimes(app);
        var (machineBusyAfter, machineTotalAfter) = MachineCpu();
        await stop.CancelAsync();
        await ticker;
        var busyCores = machineTotalAfter > machineTotal
            ? (double)(machineBusyAfter - machineBusy) / (machineTotalAfter - machineTotal) * Environment.ProcessorCount
            : 0;
        var run = new Run(all.SelectMany(s => s).ToList(), seconds, (appCpuAfter - appCpu).TotalSeconds, (driverCpuAfter - driverCpu).TotalSeconds, busyCores);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {name}: {run.Samples.Count:N0} operations in {seconds:0.0} s ({run.PerSecond:0.0}/s), {run.Errors} errors; CPU in cores: app {run.AppCpuSeconds / seconds:0.00}, driver {run.DriverCpuSeconds / seconds:0.00}, machine {busyCores:0.00} busy"));
        return run;
    }

    /// <summary>The machine's busy and total CPU time so far (the first line of /proc/stat), in clock ticks.</summary>
    private static (long Busy, long Total) MachineCpu()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total); // idle and iowait are not busy
    }

    private static (TimeSpan App, TimeSpan Driver) CpuTimes(AppProcess app)
    {
        using var appProcess = Process.GetProcessById(app.ProcessId);
        using var driver = Process.GetCurrentProcess();
        return (appProcess.TotalProcessorTime, driver.TotalProcessorTime);
    }

    private static void Phase(string text) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    /// <summary>The reminder job's run in the app, fired as the measured run starts: when it ran (on the samples' clock) and what it made.</summary>
    public sealed record ReminderRun(double Started, double Ended, string Result)
    {
        /// <summary>Starts the job in the app and follows it until it ends (a poll every 200 ms).</summary>
        public static async Task<ReminderRun> Fire(AppProcess app)
        {
            using var http = new HttpClient { BaseAddress = app.BaseAddress };
            var started = MixedRequests.Clock.Elapsed.TotalSeconds;
            using (var fired = await http.PostAsync("benchmark/reminders", null))
            {
                fired.EnsureSuccessStatusCode();
            }

            while (true)
            {
                var state = await http.GetStringAsync("benchmark/reminders");
                if (state != "running")
                {
                    Phase($"reminder job: {state}");
                    return new ReminderRun(started, MixedRequests.Clock.Elapsed.TotalSeconds, state);
                }

                await Task.Delay(200);
            }
        }
    }

    public sealed class Report(
        IReadOnlyList<MixedUser> users, Run warmUp, Run trivial, Run mixed, int writesWithoutTarget, int clients, double writeShare, ReminderRun? reminders)
    {
        private static readonly (RequestKind Kind, string Name)[] s_rows =
        [
            (RequestKind.ListPage, "findings list, pages 1–5"),
            (RequestKind.ListFiltered, "findings list with a filter (status, light, deadline range, category, keyword)"),
            (RequestKind.Details, "finding page"),
            (RequestKind.DashboardOwn, "dashboard (own scope)"),
            (RequestKind.DashboardSubUnit, "dashboard (a sub-unit; leaders)"),
            (RequestKind.Home, "home (工作台)"),
            (RequestKind.ReviewQueue, "review queue (inspection offices)"),
            (RequestKind.Notifications, "notifications"),
            (RequestKind.BadInput, "bad input: page 99999, dates 0001–9999, a reversed range, a 1,000-character keyword"),
            (RequestKind.Progress, "write: progress update (form + POST)"),
            (RequestKind.Claim, "write: claim 认领 (finding page + POST)"),
            (RequestKind.Submit, "write: submit 申请销号 (finding page + POST)"),
            (RequestKind.Review, "write: review — accept a piece of evidence, approve 销号 or return 退回"),
            (RequestKind.Upload, "write: evidence upload, 4 KB PDF (form + multipart POST)"),
        ];

        public int Errors => warmUp.Errors + trivial.Errors + mixed.Errors;

        public string ToMarkdown()
        {
            var text = new StringBuilder();
            var groups = users.GroupBy(u => u.Group).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
            text.Append(CultureInfo.InvariantCulture,
                $"{users.Count} users, each signed in once: {string.Join(", ", groups)}; {clients} clients; write share {writeShare:0.###}.\n\n");
            text.Append("| request | n | errors | p50 | p95 | p99 | max SQL commands |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            foreach (var (kind, name) in s_rows)
            {
                text.Append(Row(name, mixed.Samples.Where(s => s.Kind == kind).ToList()));
            }

            text.Append(Row("**all writes**", mixed.Samples.Where(s => MixedRequests.IsWrite(s.Kind)).ToList()));
            text.Append("\nA write is timed from its form page to the answer of its last POST; its SQL commands are the most any one of its requests ran.\n\n");
            if (reminders is { } job)
            {
                // The operations that started while the job ran: how much it slowed the day down.
                var during = mixed.Samples.Where(s => s.Started >= job.Started && s.Started < job.Ended).ToList();
                text.Append(CultureInfo.InvariantCulture,
                    $"While the reminder job ran ({job.Result}; the first {job.Ended - job.Started:0.0} s of the run, {during.Count:N0} operations):\n\n");
                text.Append("| request | n | errors | p50 | p95 | p99 | max SQL commands |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
                foreach (var (kind, name) in s_rows)
                {
                    text.Append(Row(name, during.Where(s => s.Kind == kind).ToList()));
                }

                text.Append(Row("**all writes**", during.Where(s => MixedRequests.IsWrite(s.Kind)).ToList()));
                text.Append('\n');
            }


            var requests = mixed.Samples.Sum(s => s.Requests);
            text.Append(CultureInfo.InvariantCulture,
                $"- Mixed throughput: **{mixed.PerSecond:0.0} req/s**, an operation counted once ({mixed.Samples.Count:N0} in {mixed.Seconds:0.0} s; {requests / mixed.Seconds:0.0} HTTP requests/s counting every request of a write).\n");
            text.Append(CultureInfo.InvariantCulture,
                $"- Trivial page (Home/About, layout only) in this run: **{trivial.PerSecond:0.0} req/s** (same clients and users, {trivial.Seconds:0.0} s); mixed / trivial = **{mixed.PerSecond / trivial.PerSecond:0.00}**.\n");

            text.Append(CultureInfo.InvariantCulture,
                $"- CPU, in cores of {Environment.ProcessorCount}: mixed run app {mixed.AppCpuSeconds / mixed.Seconds:0.00}, this driver {mixed.DriverCpuSeconds / mixed.Seconds:0.00}, whole machine {mixed.MachineBusyCores:0.00} busy; trivial page app {trivial.AppCpuSeconds / trivial.Seconds:0.00}, driver {trivial.DriverCpuSeconds / trivial.Seconds:0.00}, machine {trivial.MachineBusyCores:0.00}.\n");

            var writes = mixed.Samples.Where(s => MixedRequests.IsWrite(s.Kind)).ToList();
            int Landed(RequestKind kind, string? variant = null) =>
                writes.Count(s => s.Kind == kind && s.Outcome == Outcome.Ok && (variant is null || s.Variant == variant));
            text.Append(CultureInfo.InvariantCulture,
                $"- Writes landed: **{writes.Count(s => s.Outcome == Outcome.Ok):N0}** of {writes.Count:N0} (progress {Landed(RequestKind.Progress)}, claim {Landed(RequestKind.Claim)}, submit {Landed(RequestKind.Submit)}, review {Landed(RequestKind.Review)} = evidence accepted {Landed(RequestKind.Review, MixedRequests.AcceptVariant)} + approve {Landed(RequestKind.Review, MixedRequests.ApproveVariant)} + return {Landed(RequestKind.Review, MixedRequests.ReturnVariant)}, upload {Landed(RequestKind.Upload)}); conflicts: **{writes.Count(s => s.Outcome == Outcome.Conflict)}**");
            text.Append(writesWithoutTarget > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {writesWithoutTarget} drawn writes found no finding to change and became reads.\n") : ".\n");
            text.Append(CultureInfo.InvariantCulture,
                $"- Errors in total: **{Errors}** (mixed run {mixed.Errors} of {mixed.Samples.Count:N0}, warm-up {warmUp.Errors} of {warmUp.Samples.Count:N0}, baseline {trivial.Errors} of {trivial.Samples.Count:N0}).\n");
            return text.ToString();
        }

        /// <summary>The first errors and conflicts of every phase, with what the app answered.</summary>
        public void PrintProblems(TextWriter log)
        {
            foreach (var (name, run) in new[] { ("warm-up", warmUp), ("baseline", trivial), ("mixed", mixed) })
            {
                foreach (var outcome in new[] { Outcome.Error, Outcome.Conflict })
                {
                    var problems = run.Samples.Where(s => s.Outcome == outcome).ToList();
                    foreach (var s in problems.Take(8))
                    {
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {outcome} ({name}) {s.Kind} as {s.User}: {s.Detail} [{s.Milliseconds:0} ms]"));
                    }

                    if (problems.Count > 8)
                    {
                        log.WriteLine($"  … and {problems.Count - 8} more {outcome.ToString().ToLowerInvariant()}s in the {name} phase.");
                    }
                }
            }
        }

        /// <summary>Per kind of request, the one that ran the most SQL commands: where to look when a page needs more than it should.</summary>
        public void PrintMostSqlCommands(TextWriter log)
        {
            foreach (var kind in mixed.Samples.GroupBy(s => s.Kind).OrderBy(g => g.Key))
            {
                var most = kind.MaxBy(s => s.SqlCommands)!;
                var typical = kind.Select(s => s.SqlCommands).Order().ElementAt(kind.Count() / 2);
                log.WriteLine($"  SQL commands, {kind.Key}: median {typical}, most {most.SqlCommands} ({most.MostSqlRequest} as {most.User})");
            }
        }

        private static string Row(string name, List<Sample> samples)
        {
            if (samples.Count == 0)
            {
                return $"| {name} | 0 | 0 | — | — | — | — |\n";
            }

            var sorted = samples.Select(s => s.Milliseconds).Order().ToArray();
            // Nearest rank: the smallest value with at least p % of the samples at or below it.
            string At(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)].ToString("0.0", CultureInfo.InvariantCulture) + " ms";
            return string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {samples.Count:N0} | {samples.Count(s => s.Outcome == Outcome.Error)} | {At(50)} | {At(95)} | {At(99)} | {samples.Max(s => s.SqlCommands)} |\n");
        }
    }
}
