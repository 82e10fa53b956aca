using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rectification.Core.Data;
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
        Assert.Equal(expected, LightOf(Open(start, deadline), s_today));

    [Fact]
    public void Long_term_findings_are_blue_and_findings_without_a_deadline_have_no_light()
    {
        Assert.Equal(Light.Blue, LightOf(Open("2023-01-01", "2023-02-01") with { Kind = FindingKind.LongTerm }, s_today));
        Assert.Equal(Light.None, LightOf(Open("2023-01-01", null), s_today));
    }

    [Fact]
    public void Closed_findings_show_whether_they_closed_on_time()
    {
        var closed = Open("2023-01-01", "2023-03-06") with { Status = FindingStatus.Closed };
        Assert.Equal(Light.ClosedOnTime, LightOf(closed with { ClosedOn = new DateOnly(2023, 3, 6) }, s_today));
        Assert.Equal(Light.ClosedLate, LightOf(closed with { ClosedOn = new DateOnly(2023, 3, 7) }, s_today));
    }

    [Fact]
    public void The_warning_day_is_the_first_day_of_yellow_and_never_after_the_deadline()
    {
        // Started 2023-01-09, due 2023-06-08: 150 days, 80 % used after 120 days (2023-05-09); 7 days before the
        // deadline is later (2023-06-01), so the share comes first.
        Assert.Equal(new DateOnly(2023, 5, 9), LightRules.WarningFrom(LightBand.Dated, Date("2023-06-08"), Date("2023-01-09"), s_options));
        // A deadline before its start: yellow from 7 days before the deadline, never later than the deadline itself.
        Assert.Equal(Date("2023-05-02"), LightRules.WarningFrom(LightBand.Dated, Date("2023-05-09"), Date("2023-06-01"), s_options));
        Assert.Equal(Date("2023-05-09"), LightRules.WarningFrom(LightBand.Dated, Date("2023-05-09"), Date("2023-01-01"), new DeadlineOptions { DueSoonDays = -5, WarningShare = 2 }));
        Assert.Null(LightRules.WarningFrom(LightBand.LongTerm, Date("2023-05-09"), Date("2023-01-01"), s_options));
    }

    [Fact]
    public void The_query_predicates_agree_with_the_classification_and_form_a_partition()
    {
        var checks = Enum.GetValues<Light>().ToDictionary(l => l, l => LightRules.Is(l, s_today).Compile());
        var code = LightRules.Code(s_today).Compile();
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
                        DerivedColumns.Apply(finding, "/1/", 1, inspection.FeedbackDate, s_options);
                        var expected = LightOf(new Facts(status, kind, finding.Deadline, assigned ?? inspection.FeedbackDate, finding.ClosedOn), s_today);
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

        Assert.Equal(Light.Yellow, LightOf(facts, clock.Today));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(Light.Red, LightOf(facts, clock.Today));
    }

    /// <summary>What a finding's light derives from: its status, kind and dates, and when its time started.</summary>
    private sealed record Facts(FindingStatus Status, FindingKind Kind, DateOnly? Deadline, DateOnly Start, DateOnly? ClosedOn);

    /// <summary>The light as the app works it out: band and warning day when saved, then compared with the day.</summary>
    private static Light LightOf(Facts f, DateOnly today)
    {
        var band = LightRules.BandOf(f.Status, f.Kind, f.Deadline, f.ClosedOn);
        return LightRules.Classify(new LightFacts(band, f.Deadline, LightRules.WarningFrom(band, f.Deadline, f.Start, s_options)), today);
    }

    private static Facts Open(string start, string? deadline) =>
        new(FindingStatus.InProgress, FindingKind.ByDeadline, deadline is null ? null : Date(deadline), Date(start), null);

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
