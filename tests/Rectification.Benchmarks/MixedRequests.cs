using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Rectification.Core.Findings;

namespace Rectification.Benchmarks;

/// <summary>What a mixed-run operation is; the order is the report's.</summary>
public enum RequestKind
{
    ListPage,
    ListFiltered,
    Details,
    DashboardOwn,
    DashboardSubUnit,
    Home,
    ReviewQueue,
    Notifications,

    /// <summary>The list as nobody means it: a page past the end, dates far outside any deadline, a reversed range, a pasted paragraph as keyword.</summary>
    BadInput,
    Progress,
    Claim,
    Submit,
    Review,
    Upload,

    /// <summary>Home/About, the layout only: the baseline.</summary>
    Trivial,
}

/// <summary>
/// A conflict is the app refusing a write because the finding changed meanwhile (409, or a status that no longer
/// allows it); an error is anything the app should not have answered.
/// </summary>
public enum Outcome
{
    Ok,
    Conflict,
    Error,
}

/// <summary>
/// One operation: a page, or a whole write (its form page and its POSTs). <paramref name="SqlCommands"/> is the most
/// X-Sql-Commands any one of its requests reported; <paramref name="Variant"/> tells a review's approve from its return.
/// </summary>
public sealed record Sample(
    RequestKind Kind, string User, double Milliseconds, int Status, int SqlCommands, int Requests, Outcome Outcome,
    string? Detail = null, string? Variant = null)
{
    /// <summary>When the operation started, in seconds on <see cref="MixedRequests.Clock"/>.</summary>
    public double Started { get; init; }

    /// <summary>The request (method and URL) that ran the <see cref="SqlCommands"/>.</summary>
    public string? MostSqlRequest { get; init; }
}

/// <summary>
/// The requests of the mixed day: picks a user and what they do within their own scope, makes the request (a write
/// through its real form, antiforgery token and version included), and tells success, conflict and error apart.
/// The driver's own writes never race each other: a finding being written is reserved until its write ends, so a
/// conflict means the app saw a change the driver did not make, or served a stale page.
/// </summary>
public sealed class MixedRequests(IReadOnlyList<MixedUser> users, IReadOnlyDictionary<int, FindingState> findings, double writeShare)
{
    /// <summary>One clock for every operation's start, and for the reminder job's run.</summary>
    public static readonly Stopwatch Clock = Stopwatch.StartNew();

    public const string ApproveVariant = "approve";
    public const string ReturnVariant = "return";
    public const string AcceptVariant = "accept evidence";

    private static readonly (RequestKind Kind, int Weight)[] s_reads =
    [
        (RequestKind.ListPage, 22), (RequestKind.ListFiltered, 14), (RequestKind.Details, 24), (RequestKind.DashboardOwn, 10),
        (RequestKind.DashboardSubUnit, 6), (RequestKind.Home, 12), (RequestKind.ReviewQueue, 6), (RequestKind.Notifications, 6),
        (RequestKind.BadInput, 3),
    ];

    private static readonly (RequestKind Kind, int Weight)[] s_writes =
        [(RequestKind.Progress, 30), (RequestKind.Upload, 25), (RequestKind.Claim, 15), (RequestKind.Submit, 15), (RequestKind.Review, 15)];

    private static readonly FindingStatus[] s_working =
        [FindingStatus.Assigned, FindingStatus.InProgress, FindingStatus.Returned, FindingStatus.Reopened];

    private static readonly Light[] s_lights = [Light.Red, Light.Yellow, Light.Green, Light.Blue, Light.ClosedOnTime, Light.ClosedLate];

    private static readonly string[] s_progress =
    [
        "召开专题会议研究部署整改工作", "逐项对照问题清单开展自查", "修订完善相关管理制度", "组织干部职工开展警示教育",
        "对相关责任人进行提醒谈话", "建立整改台账并按月调度", "开展专项检查并形成报告",
    ];

    private static readonly byte[] s_pdf = SmallPdf();

    private readonly object _gate = new();
    private int _writesWithoutTarget;

    public static IEnumerable<RequestKind> ReadKinds => s_reads.Select(r => r.Kind);

    public static IEnumerable<RequestKind> WriteKinds => s_writes.Select(w => w.Kind);

    public static bool IsWrite(RequestKind kind) => s_writes.Any(w => w.Kind == kind);

    /// <summary>Writes drawn when no finding in any writer's sample was in a status they could change (made a read instead).</summary>
    public int WritesWithoutTarget => Volatile.Read(ref _writesWithoutTarget);

    /// <summary>The next operation of the day: a write with probability write-share, else a read by a random user.</summary>
    public Task<Sample> NextAsync(Random random)
    {
        if (random.NextDouble() < writeShare)
        {
            if (PickWrite(random, only: null) is { } write)
            {
                return WriteAsync(write.Kind, write.User, write.Target, random);
            }

            Interlocked.Increment(ref _writesWithoutTarget);
        }

        var user = users[random.Next(users.Count)];
        var kind = Weighted(s_reads.Where(r => Applies(r.Kind, user)).ToList(), random);
        return ReadAsync(kind, user, ReadUrl(kind, user, random));
    }

    /// <summary>One operation of the given kind (the warm-up's), or null when no user can make it now.</summary>
    public Task<Sample>? OfKindAsync(RequestKind kind, Random random)
    {
        if (kind == RequestKind.Trivial)
        {
            return TrivialAsync(random);
        }

        if (IsWrite(kind))
        {
            return PickWrite(random, kind) is { } write ? WriteAsync(write.Kind, write.User, write.Target, random) : null;
        }

        var able = users.Where(u => Applies(kind, u)).ToList();
        if (able.Count == 0)
        {
            return null;
        }

        var user = able[random.Next(able.Count)];
        return ReadAsync(kind, user, ReadUrl(kind, user, random));
    }

    /// <summary>The baseline: the layout-only page, as a random user.</summary>
    public Task<Sample> TrivialAsync(Random random) => ReadAsync(RequestKind.Trivial, users[random.Next(users.Count)], "Home/About");

    private static bool Applies(RequestKind kind, MixedUser user) => kind switch
    {
        RequestKind.Details => user.Known.Count > 0,
        RequestKind.DashboardSubUnit => user.IsLeader && user.ChildUnitId is not null,
        RequestKind.ReviewQueue => user.IsOffice,
        _ => true,
    };

    private static RequestKind Weighted(IReadOnlyList<(RequestKind Kind, int Weight)> choices, Random random)
    {
        var at = random.Next(choices.Sum(c => c.Weight));
        foreach (var (kind, weight) in choices)
        {
            if ((at -= weight) < 0)
            {
                return kind;
            }
        }

        return choices[^1].Kind;
    }

    private string ReadUrl(RequestKind kind, MixedUser user, Random random)
    {
        lock (_gate)
        {
            return kind switch
            {
                RequestKind.ListPage => ListPageUrl(user, random),
                RequestKind.ListFiltered => FilteredListUrl(user, random),
                RequestKind.Details => Invariant($"Findings/Details/{user.Known[random.Next(user.Known.Count)]}"),
                RequestKind.DashboardOwn => "Dashboard",
                RequestKind.DashboardSubUnit => Invariant($"Dashboard?UnitId={user.ChildUnitId}"),
                RequestKind.Home => "/",
                RequestKind.ReviewQueue => "Review",
                RequestKind.Notifications => "Notifications",
                RequestKind.BadInput => BadInputUrl(random),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
        }
    }

    // 1,000 characters, 600 of them Chinese: a URL of 1,000 Chinese characters (9 KB escaped) passes Kestrel's 8 KB
    // request line limit and is answered 414 before the app sees it; the form's maxlength keeps people below both.
    private static readonly string s_pastedParagraph = Uri.EscapeDataString(
        string.Concat(Enumerable.Repeat("召开专题会议研究部署整改工作", 43))[..600] + string.Concat(Enumerable.Repeat("2023-05-09 ", 37))[..400]);

    private static string BadInputUrl(Random random) => random.Next(4) switch
    {
        0 => "Findings?Page=99999",
        1 => "Findings?DeadlineFrom=0001-01-01&DeadlineTo=9999-12-31",
        2 => "Findings?DeadlineFrom=2030-12-31&DeadlineTo=2020-01-01",
        _ => "Findings?Text=" + s_pastedParagraph,
    };

    /// <summary>One of the list's first five pages, of those the user's list has.</summary>
    private static string ListPageUrl(MixedUser user, Random random)
    {
        var pages = Math.Clamp((user.Total + FindingFilter.DefaultPageSize - 1) / FindingFilter.DefaultPageSize, 1, 5);
        var page = random.Next(1, pages + 1);
        return page == 1 ? "Findings" : Invariant($"Findings?Page={page}");
    }

    /// <summary>The list with one of its filters, its value taken from a finding the user can see.</summary>
    private string FilteredListUrl(MixedUser user, Random random)
    {
        var fact = user.Facts.Count > 0 ? user.Facts[random.Next(user.Facts.Count)] : null;
        switch (fact is null ? random.Next(2) : random.Next(5))
        {
            case 0:
                return $"Findings?Status={(fact is null ? FindingStatus.InProgress : findings[fact.Id].Status)}";
            case 1:
                return $"Findings?Light={s_lights[random.Next(s_lights.Length)]}";
            case 2 when fact!.Deadline is { } deadline:
                return Invariant($"Findings?DeadlineFrom={deadline.AddDays(-30):yyyy-MM-dd}&DeadlineTo={deadline.AddDays(30):yyyy-MM-dd}");
            case 2:
                return $"Findings?Light={Light.Blue}";
            case 3:
                return Invariant($"Findings?InspectionId={fact!.InspectionId}&CategoryId={fact.CategoryId}");
            default:
                return "Findings?Text=" + Uri.EscapeDataString(Keyword(fact!.Title, random));
        }
    }

    /// <summary>2–4 consecutive Chinese characters of a title, as someone searching for it would type.</summary>
    private static string Keyword(string title, Random random)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        foreach (var c in title + " ")
        {
            if (c is >= '\u4e00' and <= '\u9fff')
            {
                run.Append(c);
            }
            else
            {
                if (run.Length >= 2)
                {
                    runs.Add(run.ToString());
                }

                run.Clear();
            }
        }

        if (runs.Count == 0)
        {
            return title;
        }

        var chosen = runs[random.Next(runs.Count)];
        var length = Math.Min(chosen.Length, random.Next(2, 5));
        return chosen.Substring(random.Next(chosen.Length - length + 1), length);
    }

    private (RequestKind Kind, MixedUser User, FindingState Target)? PickWrite(Random random, RequestKind? only)
    {
        // The kind by weight; when nobody can make it now, the others in the order a second draw would give.
        var kinds = new List<(RequestKind Kind, int Weight)>(only is { } single ? s_writes.Where(w => w.Kind == single) : s_writes);
        lock (_gate)
        {
            while (kinds.Count > 0)
            {
                var kind = Weighted(kinds, random);
                kinds.RemoveAll(k => k.Kind == kind);
                var writers = users.Where(u => MayWrite(kind, u)).ToArray();
                random.Shuffle(writers);
                foreach (var user in writers)
                {
                    if (user.Known.Count == 0)
                    {
                        continue;
                    }

                    var start = random.Next(user.Known.Count);
                    for (var i = 0; i < user.Known.Count; i++)
                    {
                        var target = findings[user.Known[(start + i) % user.Known.Count]];
                        if (!target.Busy && Fits(kind, target))
                        {
                            target.Busy = true;
                            return (kind, user, target);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Who does which write: the units record progress and evidence, heads claim and submit, offices review.</summary>
    private static bool MayWrite(RequestKind kind, MixedUser user) => kind switch
    {
        RequestKind.Progress or RequestKind.Upload => user.IsHead || user.IsStaff,
        RequestKind.Claim or RequestKind.Submit => user.IsHead,
        RequestKind.Review => user.IsOffice,
        _ => false,
    };

    /// <summary>Whether the write suits the finding as the driver knows it.</summary>
    private static bool Fits(RequestKind kind, FindingState f) => kind switch
    {
        RequestKind.Progress or RequestKind.Upload => s_working.Contains(f.Status),
        RequestKind.Claim => f.Status == FindingStatus.Assigned,
        RequestKind.Submit => f.Status == FindingStatus.InProgress && f.HasSummary && f.HasEvidence,
        RequestKind.Review => f.Status == FindingStatus.Submitted,
        _ => false,
    };

    private static async Task<Sample> ReadAsync(RequestKind kind, MixedUser user, string url)
    {
        var attempt = new Attempt(user);
        try
        {
            var reply = await attempt.GetAsync(url);
            return reply.Status == 200
                ? attempt.Done(kind, Outcome.Ok)
                : attempt.Done(kind, Outcome.Error, $"GET {url}: {reply.Describe()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return attempt.Done(kind, Outcome.Error, $"GET {url}: {e.Message}");
        }
    }

    private async Task<Sample> WriteAsync(RequestKind kind, MixedUser user, FindingState target, Random random)
    {
        var attempt = new Attempt(user);
        try
        {
            var result = kind switch
            {
                RequestKind.Progress => await ProgressAsync(attempt, target, random),
                RequestKind.Upload => await UploadAsync(attempt, target, random),
                RequestKind.Claim => await TransitionAsync(attempt, target, FindingAction.Claim, FindingStatus.Assigned, FindingStatus.InProgress),
                RequestKind.Submit => await TransitionAsync(attempt, target, FindingAction.Submit, FindingStatus.InProgress, FindingStatus.Submitted),
                RequestKind.Review => await ReviewAsync(attempt, target, random),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
            };
            return attempt.Done(kind, result.Outcome, result.Detail is null ? null : Invariant($"finding {target.Id}: {result.Detail}"), result.Variant);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return attempt.Done(kind, Outcome.Error, Invariant($"finding {target.Id}: {e.Message}"));
        }
        finally
        {
            lock (_gate)
            {
                target.Busy = false;
            }
        }
    }

    /// <summary>更新整改进展: the progress form as it stands, with a new 落实情况 typed in.</summary>
    private async Task<Result> ProgressAsync(Attempt attempt, FindingState target, Random random)
    {
        var url = Invariant($"Findings/Progress/{target.Id}");
        var page = await attempt.GetAsync(url, body: true);
        if (page.RedirectsToDetails(target.Id))
        {
            return Result.Conflict($"GET {url} sent back to the finding: it no longer takes progress");
        }

        if (page.Status != 200)
        {
            return Result.Error($"GET {url}: {page.Describe()}");
        }

        var form = HtmlForm.Find(Session.Parse(page.Body), Invariant($"form[action='/Findings/Progress/{target.Id}']"));
        if (form is null)
        {
            return Result.Error($"no progress form on {url}");
        }

        var steps = s_progress.OrderBy(_ => random.Next()).Take(random.Next(2, 4));
        form.Set("Input.RectificationSummary", $"{string.Join(";", steps)}。{Today():yyyy年M月d日}已完成阶段性整改任务,将持续巩固整改成果。");
        var reply = await attempt.PostAsync(form.Action, form.ToContent());
        if (reply.RedirectsToDetails(target.Id))
        {
            lock (_gate)
            {
                target.HasSummary = true;
            }

            return Result.Ok();
        }

        return reply.Status == 409 ? Result.Conflict($"POST {form.Action}: 409") : Result.Error($"POST {form.Action}: {reply.Describe()}");
    }

    /// <summary>上传佐证材料: a small PDF through the upload form (multipart, the token first).</summary>
    private async Task<Result> UploadAsync(Attempt attempt, FindingState target, Random random)
    {
        var url = Invariant($"Evidence/Upload?findingId={target.Id}");
        var page = await attempt.GetAsync(url, body: true);
        if (page.RedirectsToDetails(target.Id))
        {
            return Result.Conflict($"GET {url} sent back to the finding: it no longer takes evidence");
        }

        if (page.Status != 200)
        {
            return Result.Error($"GET {url}: {page.Describe()}");
        }

        var document = Session.Parse(page.Body);
        var form = HtmlForm.Find(document, "form[enctype='multipart/form-data']");
        if (form is null)
        {
            return Result.Error($"no upload form on {url}");
        }

        form.Set("Input.Description", "整改佐证材料(" + s_progress[random.Next(s_progress.Length)] + ")");
        var measures = document.QuerySelectorAll("select[name='Input.MeasureId'] option")
            .Select(o => o.GetAttribute("value")).OfType<string>().Where(v => v.Length > 0).ToList();
        if (measures.Count > 0 && random.Next(2) == 0)
        {
            form.Set("Input.MeasureId", measures[random.Next(measures.Count)]);
        }

        var reply = await attempt.PostAsync(form.Action, form.ToMultipart("files", "整改佐证材料.pdf", s_pdf, "application/pdf"));
        if (reply.RedirectsToDetails(target.Id))
        {
            lock (_gate)
            {
                target.HasEvidence = true;
            }

            return Result.Ok();
        }

        return reply.Status == 409 ? Result.Conflict($"POST {form.Action}: 409") : Result.Error($"POST {form.Action}: {reply.Describe()}");
    }

    /// <summary>认领 or 申请销号: the action's form on the finding's page, posted as it is.</summary>
    private async Task<Result> TransitionAsync(
        Attempt attempt, FindingState target, FindingAction action, FindingStatus from, FindingStatus to, Action<HtmlForm>? fill = null, string? variant = null)
    {
        var url = Invariant($"Findings/Details/{target.Id}");
        var page = await attempt.GetAsync(url, body: true);
        if (page.Status != 200)
        {
            return Result.Error($"GET {url}: {page.Describe()}");
        }

        return await PostActionAsync(attempt, Session.Parse(page.Body), target, action, from, to, fill, variant);
    }

    private async Task<Result> PostActionAsync(
        Attempt attempt, IHtmlDocument page, FindingState target, FindingAction action, FindingStatus from, FindingStatus to, Action<HtmlForm>? fill, string? variant)
    {
        var form = HtmlForm.Find(page, $"form[data-action='{action}']");
        if (form is null)
        {
            return Refused(page, target, from, $"no {action} form on the finding's page");
        }

        fill?.Invoke(form);
        var reply = await attempt.PostAsync(form.Action, form.ToContent());
        if (reply.RedirectsToDetails(target.Id))
        {
            // A move refused by a rule redirects too (post/redirect/get) and says why on the page it leads to, which is
            // read once more, outside the operation's time, as after an accept.
            attempt.Stop();
            var url = Invariant($"Findings/Details/{target.Id}");
            var after = await attempt.GetAsync(url, body: true);
            if (after.Status != 200)
            {
                return Result.Error($"GET {url}: {after.Describe()}");
            }

            var shown = Session.Parse(after.Body);
            if (shown.QuerySelector("[data-error]") is not null)
            {
                return Refused(shown, target, from, $"POST {form.Action}");
            }

            lock (_gate)
            {
                target.Status = to;
                if (action == FindingAction.Submit)
                {
                    // It enters the review queues: the offices covering it may now review it.
                    foreach (var office in users.Where(u => u.IsOffice && u.Scope.Covers(target.UnitPath)))
                    {
                        office.Learn(target.Id);
                    }
                }
            }

            return Result.Ok(variant);
        }

        return reply.Status switch
        {
            409 => Result.Conflict($"POST {form.Action}: 409"),
            _ => Result.Error($"POST {form.Action}: {reply.Describe()}"),
        };
    }

    /// <summary>
    /// 审核, one form and one save at a time as the reviewer works: accept (通过) the next piece of evidence not yet
    /// accepted; once all are accepted, close the finding off (销号, by document review); or, a third of the time, return
    /// it (退回) with a reason. An accept answers with a redirect whether or not it was recorded (a refusal is the
    /// flash on the page), so the page is read once more after it, outside the operation's time.
    /// </summary>
    private async Task<Result> ReviewAsync(Attempt attempt, FindingState target, Random random)
    {
        var url = Invariant($"Findings/Details/{target.Id}");
        var page = await attempt.GetAsync(url, body: true);
        if (page.Status != 200)
        {
            return Result.Error($"GET {url}: {page.Describe()}");
        }

        var document = Session.Parse(page.Body);
        var pending = document.QuerySelectorAll("li[data-evidence-id]")
            .FirstOrDefault(li => li.GetAttribute("data-review") != "Accepted" && li.QuerySelector("form[data-review-form]") is not null);
        if (pending is null || random.Next(3) == 0)
        {
            return pending is null
                ? await PostActionAsync(attempt, document, target, FindingAction.Approve, FindingStatus.Submitted, FindingStatus.Closed, form =>
                {
                    if (form["FollowUpDate"] is not null)
                    {
                        form.Set("FollowUpDate", Today().AddDays(180).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }
                }, ApproveVariant)
                : await PostActionAsync(attempt, document, target, FindingAction.Return, FindingStatus.Submitted, FindingStatus.Returned,
                    form => form.Set("Comment", "佐证材料不够充分,请补充会议纪要和整改台账后重新提交。"), ReturnVariant);
        }

        var review = HtmlForm.Find(pending, "form[data-review-form]")!.Set("decision", "accept");
        var reply = await attempt.PostAsync(review.Action, review.ToContent());
        attempt.Stop();
        if (!reply.RedirectsToDetails(target.Id))
        {
            return reply.Status == 409 ? Result.Conflict($"POST {review.Action}: 409") : Result.Error($"POST {review.Action}: {reply.Describe()}");
        }

        var after = await attempt.GetAsync(url, body: true);
        if (after.Status != 200)
        {
            return Result.Error($"GET {url}: {after.Describe()}");
        }

        if (Session.Parse(after.Body).QuerySelector("main > .alert-danger") is { } flash)
        {
            var message = Squeeze(flash.TextContent);
            return message.Contains("修改了这个问题", StringComparison.Ordinal)
                ? Result.Conflict($"POST {review.Action}: {message}")
                : Result.Error($"POST {review.Action}: refused: {message}");
        }

        return Result.Ok(AcceptVariant);
    }

    /// <summary>
    /// The app would not do it: a conflict when the finding's page shows it in another status than the write
    /// needs (it changed meanwhile; the driver learns the new status), else an error.
    /// </summary>
    private Result Refused(IHtmlDocument page, FindingState target, FindingStatus expected, string what)
    {
        var shown = page.QuerySelector("[data-status]")?.GetAttribute("data-status");
        var message = Messages(page);
        if (Enum.TryParse<FindingStatus>(shown, out var status) && status != expected)
        {
            lock (_gate)
            {
                target.Status = status;
            }

            return Result.Conflict($"{what}: the finding is {status} now {message}".TrimEnd());
        }

        return Result.Error($"{what} (status {shown ?? "?"}) {message}".TrimEnd());
    }

    /// <summary>What a page says went wrong: its error banners and validation messages.</summary>
    private static string Messages(IParentNode page) => string.Join(" | ",
        page.QuerySelectorAll("[data-error], .validation-summary-errors li, .field-validation-error, main > .alert-danger")
            .Select(e => Squeeze(e.TextContent)).Where(t => t.Length > 0).Distinct());

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A one-page PDF of about 4 KB: a real file, so that the upload's type check passes as it would for a user's.</summary>
    private static byte[] SmallPdf()
    {
        var text = string.Join("\n", Enumerable.Range(1, 40).Select(i => Invariant(
            $"BT /F1 10 Tf 50 {800 - (i * 18)} Td (Rectification evidence, line {i}: the measure was carried out and checked.) Tj ET")));
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            Invariant($"<< /Length {text.Length} >>\nstream\n{text}\nendstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private readonly record struct Result(Outcome Outcome, string? Detail, string? Variant)
    {
        public static Result Ok(string? variant = null) => new(Outcome.Ok, null, variant);

        public static Result Conflict(string detail) => new(Outcome.Conflict, detail, null);

        public static Result Error(string detail) => new(Outcome.Error, detail, null);
    }

    private sealed record Reply(int Status, string Body, string? Location)
    {
        /// <summary>302/303 to the finding's page (the answer of every successful write, and of a refused form page).</summary>
        public bool RedirectsToDetails(int findingId) =>
            Status is 302 or 303 && Location is { } location
            && location.Split('#', '?')[0] == Invariant($"/Findings/Details/{findingId}");

        public string Describe()
        {
            if (Status is 301 or 302 or 303 or 307 or 308)
            {
                return $"{Status} → {Location}";
            }

            if (Body.Length == 0)
            {
                return Status.ToString(CultureInfo.InvariantCulture);
            }

            var page = Session.Parse(Body);
            var said = Messages(page);
            if (said.Length == 0)
            {
                said = Squeeze(page.Body?.TextContent ?? Body);
                said = said.Length > 300 ? said[..300] + "…" : said;
            }

            return $"{Status} {said}";
        }
    }

    /// <summary>The requests of one operation: the time from its first request to its last, and what they reported.</summary>
    private sealed class Attempt(MixedUser user)
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly double _started = Clock.Elapsed.TotalSeconds;
        private int _requests;
        private int _timedRequests = -1;
        private int _status;
        private int _maxSql;
        private string? _maxSqlRequest;

        public async Task<Reply> GetAsync(string url, bool body = false)
        {
            using var response = await user.Http.GetAsync(url);
            return await ReadAsync(response, body);
        }

        public async Task<Reply> PostAsync(string url, HttpContent content)
        {
            using (content)
            {
                using var response = await user.Http.PostAsync(url, content);
                return await ReadAsync(response, body: true);
            }
        }

        private async Task<Reply> ReadAsync(HttpResponseMessage response, bool body)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            _requests++;
            _status = (int)response.StatusCode;
            if (response.Headers.TryGetValues("X-Sql-Commands", out var values)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var sql))
            {
                if (sql > _maxSql || _maxSqlRequest is null)
                {
                    _maxSql = sql;
                    _maxSqlRequest = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
                }
            }

            // A read's page is not looked at unless something went wrong with it.
            var text = body || _status >= 400 ? Encoding.UTF8.GetString(bytes) : string.Empty;
            return new Reply(_status, text, response.Headers.Location?.OriginalString);
        }

        /// <summary>The operation's time ends here: what follows only checks its outcome.</summary>
        public void Stop()
        {
            _watch.Stop();
            _timedRequests = _requests;
        }

        public Sample Done(RequestKind kind, Outcome outcome, string? detail = null, string? variant = null) =>
            new(kind, user.UserName, _watch.Elapsed.TotalMilliseconds, _status, _maxSql, _timedRequests < 0 ? _requests : _timedRequests, outcome, detail, variant)
            {
                Started = _started,
                MostSqlRequest = _maxSqlRequest,
            };
    }
}
