using Rectification.Core.Findings;

namespace Rectification.UnitTests;

/// <summary>The 回头看 calendar and the part of the light that counts measure deadlines.</summary>
public sealed class FollowUpRulesTests
{
    private static readonly DeadlineOptions s_options = new();

    [Theory]
    [InlineData("2026-01-15", FollowUpInterval.Monthly, "2026-02-15")]
    [InlineData("2026-01-31", FollowUpInterval.Monthly, "2026-02-28")] // no 31 February: the month's last day
    [InlineData("2026-11-30", FollowUpInterval.Quarterly, "2027-02-28")]
    [InlineData("2026-03-01", FollowUpInterval.HalfYearly, "2026-09-01")]
    [InlineData("2024-02-29", FollowUpInterval.Yearly, "2025-02-28")]
    public void The_next_follow_up_is_one_interval_after_the_last_due_day(string due, FollowUpInterval every, string next) =>
        Assert.Equal(DateOnly.Parse(next), FollowUpRules.Next(DateOnly.Parse(due), every, until: null));

    [Fact]
    public void The_schedule_ends_on_its_last_day()
    {
        var due = new DateOnly(2026, 12, 1);
        Assert.Equal(new DateOnly(2027, 3, 1), FollowUpRules.Next(due, FollowUpInterval.Quarterly, until: new DateOnly(2027, 3, 1)));
        Assert.Null(FollowUpRules.Next(due, FollowUpInterval.Quarterly, until: new DateOnly(2027, 2, 28)));
    }

    [Theory]
    [InlineData(FollowUpStatus.Due, "2026-12-07", true)]
    [InlineData(FollowUpStatus.Answered, "2026-12-07", true)] // answered late but not yet accepted: still no accepted answer
    [InlineData(FollowUpStatus.Due, "2026-12-08", false)] // due today is not lapsed yet
    [InlineData(FollowUpStatus.Accepted, "2026-11-01", false)]
    [InlineData(FollowUpStatus.Reopened, "2026-11-01", false)]
    public void Lapsed_means_past_its_day_without_an_accepted_answer(FollowUpStatus status, string due, bool lapsed) =>
        Assert.Equal(lapsed, FollowUpRules.IsLapsed(status, DateOnly.Parse(due), new DateOnly(2026, 12, 8)));

    [Fact]
    public void An_overdue_measure_turns_an_on_track_finding_yellow_from_the_day_after_its_deadline()
    {
        var start = new DateOnly(2026, 10, 1);
        var deadline = new DateOnly(2027, 3, 31);
        var measureDue = new DateOnly(2026, 12, 5);
        var warning = LightRules.WarningFrom(LightBand.Dated, deadline, start, s_options, measureDue);
        Assert.Equal(new DateOnly(2026, 12, 6), warning);
        Assert.Equal(Light.Green, LightRules.Classify(new LightFacts(LightBand.Dated, deadline, warning), measureDue));
        Assert.Equal(Light.Yellow, LightRules.Classify(new LightFacts(LightBand.Dated, deadline, warning), measureDue.AddDays(1)));
        // Red stays the finding's own deadline.
        Assert.Equal(Light.Red, LightRules.Classify(new LightFacts(LightBand.Dated, deadline, warning), deadline.AddDays(1)));
        // A measure due after the finding's own warning day changes nothing.
        Assert.Equal(LightRules.WarningFrom(LightBand.Dated, deadline, start, s_options),
            LightRules.WarningFrom(LightBand.Dated, deadline, start, s_options, deadline.AddDays(-1)));
    }

    [Fact]
    public void Only_unfinished_dated_measures_count_and_their_days_late_are_counted_from_the_day_after()
    {
        var measures = new[]
        {
            new Measure { Description = "已完成", Deadline = new DateOnly(2026, 11, 1), DoneDate = new DateOnly(2026, 11, 2) },
            new Measure { Description = "未定时限" },
            new Measure { Description = "未完成", Deadline = new DateOnly(2026, 12, 1) },
        };
        Assert.Equal(new DateOnly(2026, 12, 1), LightRules.MeasuresDueBy(measures));
        Assert.Null(LightRules.MeasuresDueBy(measures.Take(2)));
        var today = new DateOnly(2026, 12, 8);
        Assert.Equal(7, LightRules.MeasureDaysOverdue(new DateOnly(2026, 12, 1), null, today));
        Assert.Null(LightRules.MeasureDaysOverdue(today, null, today));
        Assert.Null(LightRules.MeasureDaysOverdue(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), today));
    }
}
