using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Time;

namespace Rectification.UnitTests;

public sealed class LightRulesTests
{
    private static readonly DateOnly s_today = new(2023, 5, 9);
    private static readonly DeadlineOptions s_options = new() { DueSoonDays = 7, WarningShare = 0.8 };

    [Theory]
    // started 100 days before today: deadline far ahead, little time used → green
    [InlineData("2023-01-29", "2023-12-31", Light.Green)]
    // due within 7 days (today included) → yellow
    [InlineData("2023-01-29", "2023-05-16", Light.Yellow)]
    [InlineData("2023-01-29", "2023-05-09", Light.Yellow)]
    // past its deadline → red (the deadline day itself is not yet overdue)
    [InlineData("2023-01-29", "2023-05-08", Light.Red)]
    // Share of time: started 2023-01-09 (120 days ago). Due 2023-06-09, 151 days in all: 120/151 = 79 % used → green;
    // due a day earlier, 150 days in all: 120/150 = 80 % used → yellow, though a month remains.
    [InlineData("2023-01-09", "2023-06-09", Light.Green)]
    [InlineData("2023-01-09", "2023-06-08", Light.Yellow)]
    public void An_open_finding_shows_its_light(string start, string deadline, Light expected) =>
        Assert.Equal(expected, LightRules.Classify(Open(start, deadline), s_today, s_options));

    [Fact]
    public void Long_term_findings_are_blue_and_findings_without_a_deadline_have_no_light()
    {
        Assert.Equal(Light.Blue, LightRules.Classify(Open("2023-01-01", "2023-02-01") with { Kind = FindingKind.LongTerm }, s_today, s_options));
        Assert.Equal(Light.None, LightRules.Classify(Open("2023-01-01", null), s_today, s_options));
    }

    [Fact]
    public void Closed_findings_show_whether_they_closed_on_time()
    {
        var closed = Open("2023-01-01", "2023-03-06") with { Status = FindingStatus.Closed };
        Assert.Equal(Light.ClosedOnTime, LightRules.Classify(closed with { ClosedOn = new DateOnly(2023, 3, 6) }, s_today, s_options));
        Assert.Equal(Light.ClosedLate, LightRules.Classify(closed with { ClosedOn = new DateOnly(2023, 3, 7) }, s_today, s_options));
    }

    [Fact]
    public void The_query_predicates_agree_with_the_classification_and_form_a_partition()
    {
        var checks = Enum.GetValues<Light>().ToDictionary(l => l, l => LightRules.Is(l, s_today, s_options).Compile());
        var code = LightRules.Code(s_today, s_options).Compile();
        var inspection = new Inspection { Title = "t", TeamName = "t", FeedbackDate = new DateOnly(2023, 1, 1) };
        foreach (var status in Enum.GetValues<FindingStatus>())
        {
            foreach (var kind in Enum.GetValues<FindingKind>())
            {
                for (var offset = -12; offset <= 40; offset += 2)
                {
                    foreach (var assigned in new DateOnly?[] { null, new(2023, 4, 20) })
                    {
                        var finding = new Finding
                        {
                            Title = "t",
                            Status = status,
                            Kind = kind,
                            Deadline = offset == 40 ? null : s_today.AddDays(offset),
                            AssignedOn = assigned,
                            ClosedOn = status == FindingStatus.Closed ? s_today.AddDays(-3) : null,
                            Inspection = inspection,
                        };
                        var facts = new LightFacts(status, kind, finding.Deadline, assigned ?? inspection.FeedbackDate, finding.ClosedOn);
                        var expected = LightRules.Classify(facts, s_today, s_options);
                        Assert.Equal([expected], checks.Where(c => c.Value(finding)).Select(c => c.Key));
                        Assert.Equal((int)expected, code(finding));
                    }
                }
            }
        }
    }

    [Fact]
    public void Today_is_the_date_in_china_whatever_the_servers_zone()
    {
        // 15:30 UTC on 9 May is 23:30 in Beijing; an hour later it is already 10 May there.
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 5, 9, 15, 30, 0, TimeSpan.Zero));
        var clock = new BusinessClock(time, Options.Create(new TimeOptions()));
        Assert.Equal(new DateOnly(2023, 5, 9), clock.Today);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new DateOnly(2023, 5, 10), clock.Today);
    }

    [Fact]
    public void A_finding_turns_red_the_day_after_its_deadline()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 5, 9, 23, 59, 0, TimeSpan.FromHours(8)));
        var clock = new BusinessClock(time, Options.Create(new TimeOptions()));
        var facts = Open("2023-01-01", "2023-05-09");

        Assert.Equal(Light.Yellow, LightRules.Classify(facts, clock.Today, s_options));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(Light.Red, LightRules.Classify(facts, clock.Today, s_options));
    }

    private static LightFacts Open(string start, string? deadline) =>
        new(FindingStatus.InProgress, FindingKind.ByDeadline, deadline is null ? null : Date(deadline), Date(start), null);

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
