using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rectification.Core.Findings;
using Rectification.Core.Time;

namespace Rectification.UnitTests;

public sealed class DeadlineRulesTests
{
    private static readonly DateOnly s_today = new(2023, 5, 9);

    [Theory]
    [InlineData("2023-05-08", DeadlineState.Overdue)]
    [InlineData("2023-05-09", DeadlineState.DueSoon)]
    [InlineData("2023-05-16", DeadlineState.DueSoon)]
    [InlineData("2023-05-17", DeadlineState.OnTrack)]
    public void An_open_finding_is_classified_by_its_deadline(string deadline, DeadlineState expected) =>
        Assert.Equal(expected, DeadlineRules.Classify(Date(deadline), FindingStatus.InProgress, s_today, dueSoonDays: 7));

    [Fact]
    public void Closed_findings_and_findings_without_a_deadline_are_neither_overdue_nor_due()
    {
        Assert.Equal(DeadlineState.None, DeadlineRules.Classify(Date("2023-01-01"), FindingStatus.Closed, s_today, 7));
        Assert.Equal(DeadlineState.None, DeadlineRules.Classify(null, FindingStatus.InProgress, s_today, 7));
    }

    [Fact]
    public void The_query_predicates_agree_with_the_classification()
    {
        var overdue = DeadlineRules.IsOverdue(s_today).Compile();
        var dueSoon = DeadlineRules.IsDueSoon(s_today, 7).Compile();
        foreach (var status in Enum.GetValues<FindingStatus>())
        {
            for (var offset = -10; offset <= 10; offset++)
            {
                var finding = new Finding { Title = "t", Status = status, Deadline = s_today.AddDays(offset) };
                var state = DeadlineRules.Classify(finding.Deadline, status, s_today, 7);
                Assert.Equal(state == DeadlineState.Overdue, overdue(finding));
                Assert.Equal(state == DeadlineState.DueSoon, dueSoon(finding));
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
    public void A_finding_becomes_overdue_the_day_after_its_deadline()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2023, 5, 9, 23, 59, 0, TimeSpan.FromHours(8)));
        var clock = new BusinessClock(time, Options.Create(new TimeOptions()));
        var deadline = new DateOnly(2023, 5, 9);

        Assert.Equal(DeadlineState.DueSoon, DeadlineRules.Classify(deadline, FindingStatus.InProgress, clock.Today, 7));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(DeadlineState.Overdue, DeadlineRules.Classify(deadline, FindingStatus.InProgress, clock.Today, 7));
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
