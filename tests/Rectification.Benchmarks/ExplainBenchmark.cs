using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Rectification.Benchmarks.Generator;
using Rectification.Core.Data;
using Rectification.Core.Findings;

namespace Rectification.Benchmarks;

/// <summary>
/// The SQL each page of the working day runs, with the database's plan for it (the app's <c>Benchmark:ExplainSql</c>
/// mode), as Markdown for docs/performance.md: each page once, as users of the three kinds of scope — the whole
/// province, a county leader, a school — after a warm-up request, so the plans are those of a warm instance.
/// </summary>
public static class ExplainBenchmark
{
    private sealed record RecordedPlan(string Request, string Sql, string Parameters, string Plan);

    public static async Task<string> RunAsync(AppProcess app, DatabaseProvider provider, string connection)
    {
        var (users, _) = await MixedUsers.ChooseAsync(provider, connection, seed: 2026, TextWriter.Null);
        var province = users.First(u => u.Group == UserGroup.ProvinceOffice);
        var leader = users.First(u => u.Group == UserGroup.Leader && u.ChildUnitId is not null);
        var school = users.First(u => u.Group == UserGroup.SchoolHead && u.Facts.Count > 0);
        var text = new StringBuilder();
        var seen = new Dictionary<string, string>();
        foreach (var (user, title) in new[] { (province, "the province's inspection office"), (leader, "a county leader"), (school, "a school's head") })
        {
            using var session = await Session.LoginAsync(app.BaseAddress, user.UserName, GeneratedData.Password);
            var total = await session.FindingsTotalAsync();
            var lastPage = Math.Max(1, (total + FindingFilter.DefaultPageSize - 1) / FindingFilter.DefaultPageSize);
            var pages = new List<string> { "Findings", Invariant($"Findings?Page={lastPage}"), $"Findings?Status={FindingStatus.InProgress}&Light={Light.Red}" };
            if (user.Facts.Count > 0)
            {
                pages.Add(Invariant($"Findings/Details/{user.Facts[0].Id}"));
            }

            pages.AddRange(["Dashboard", "/", "Notifications"]);
            if (user.ChildUnitId is { } child)
            {
                pages.Add(Invariant($"Dashboard?UnitId={child}"));
            }

            if (user.IsOffice)
            {
                pages.Add("Review");
            }

            text.Append(CultureInfo.InvariantCulture, $"### As {title} ({user.UserName}, {total:N0} findings in scope)\n\n");
            foreach (var page in pages)
            {
                await session.GetStringAsync(page);
                await PlansAsync(session);
                await session.GetStringAsync(page);
                var plans = await PlansAsync(session);
                text.Append(CultureInfo.InvariantCulture, $"#### GET /{page.TrimStart('/')}: {plans.Count} queries\n\n");
                foreach (var plan in plans)
                {
                    if (seen.TryGetValue(plan.Sql, out var first))
                    {
                        text.Append(CultureInfo.InvariantCulture, $"- the same query as on {first}\n\n");
                        continue;
                    }

                    seen[plan.Sql] = $"GET /{page.TrimStart('/')} ({title})";
                    text.Append("```sql\n").Append(plan.Sql.Trim()).Append("\n```\n\n");
                    if (plan.Parameters.Length > 0)
                    {
                        text.Append("Parameters: ").Append(plan.Parameters).Append("\n\n");
                    }

                    text.Append("```\n").Append(plan.Plan).Append("\n```\n\n");
                }
            }
        }

        return text.ToString();
    }

    private static async Task<List<RecordedPlan>> PlansAsync(Session session) =>
        await session.Http.GetFromJsonAsync<List<RecordedPlan>>("benchmark/plans") ?? [];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

