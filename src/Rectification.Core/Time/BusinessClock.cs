using Microsoft.Extensions.Options;

namespace Rectification.Core.Time;

public sealed class TimeOptions
{
    public const string Section = "Time";

    /// <summary>IANA id of the zone deadlines and dates are counted in; China Standard Time by default.</summary>
    public string Zone { get; set; } = "Asia/Shanghai";
}

/// <summary>
/// The one place that turns the <see cref="TimeProvider"/>'s instant into the business date. Deadlines are
/// calendar dates in China Standard Time, whatever zone the server runs in.
/// </summary>
public sealed class BusinessClock(TimeProvider time, IOptions<TimeOptions> options)
{
    private readonly TimeZoneInfo _zone = FindZone(options.Value.Zone);

    public TimeZoneInfo Zone => _zone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => ToLocalDate(UtcNow);

    public DateOnly ToLocalDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone));

    public DateTime ToLocalTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException) when (id == "Asia/Shanghai")
        {
            // Machines without tzdata still get China Standard Time, which has no daylight saving.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }
}
