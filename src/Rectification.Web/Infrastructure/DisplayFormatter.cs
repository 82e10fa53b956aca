using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Rectification.Core.Common;
using Rectification.Core.Findings;
using Rectification.Core.Inspections;
using Rectification.Core.Text;
using Rectification.Core.Time;
using Rectification.Core.Units;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// How values read on the page: dates in Chinese form (2023年5月9日) or English, times in China Standard Time,
/// enum values and service messages in the user's language. Views get it as <c>Fmt</c>.
/// </summary>
public sealed class DisplayFormatter(BusinessClock clock, IStringLocalizer<SharedResource> localizer)
{
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en");

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public DateOnly Today => clock.Today;

    public string Date(DateOnly? date) => date is not { } d
        ? "—"
        : IsChinese ? ChineseDates.Format(d) : d.ToString("d MMM yyyy", s_english);

    public string DateRange(DateOnly start, DateOnly end) => IsChinese
        ? ChineseDates.FormatRange(start, end)
        : $"{Date(start)} – {Date(end)}";

    /// <summary>A stored UTC moment as China Standard Time.</summary>
    public string DateTime(DateTime? utc)
    {
        if (utc is not { } value)
        {
            return "—";
        }

        var local = clock.ToLocalTime(value);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{Date(DateOnly.FromDateTime(local))} {time}";
    }

    /// <summary>The (一)(二)… of a category, or 1. 2. … in English.</summary>
    public static string CategoryNumber(int ordinal) => IsChinese ? ChineseNumerals.SubHeading(ordinal) : $"{ordinal}.";

    /// <summary>The 一是、二是… position of a finding within its category, or #1 in English.</summary>
    public static string FindingNumber(int ordinal) => IsChinese ? ChineseNumerals.Enumerated(ordinal) : $"#{ordinal}";

    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);

    public string Name(FindingStatus status) => localizer[EnumNames.Of(status)];

    public string Name(FindingKind kind) => localizer[EnumNames.Of(kind)];

    public string Name(FindingAction action) => localizer[EnumNames.Of(action)];

    public string Name(FindingEventKind kind) => localizer[EnumNames.Of(kind)];

    public string Name(Light light) => localizer[EnumNames.Of(light)];

    public string Name(InspectionStatus status) => localizer[EnumNames.Of(status)];

    public string Name(OrgUnitKind kind) => localizer[EnumNames.Of(kind)];

    public string Name(VerificationMethod method) => localizer[EnumNames.Of(method)];

    public string Name(FollowUpStatus status) => localizer[EnumNames.Of(status)];

    public string Name(FollowUpInterval interval) => localizer[EnumNames.Of(interval)];

    public string Name(Core.Evidence.EvidenceReview review) => localizer[EnumNames.Of(review)];

    public string Name(Core.Visits.VisitOutcome outcome) => localizer[EnumNames.Of(outcome)];

    public string Name(Core.Notifications.NotificationKind kind) => localizer[EnumNames.Of(kind)];

    public string Name(Core.Extensions.ExtensionStatus status) => localizer[EnumNames.Of(status)];
    public string Name(Core.Reports.ReportCommentStatus status) => localizer[EnumNames.Of(status)];

    /// <summary>A document's title with its book-title marks: 《…》 (the title is Chinese data in every language).</summary>
    public static string DocumentTitle(string title) => Core.Mechanisms.MechanismTitle.Display(title);

    public string Role(string role) => localizer[EnumNames.OfRole(role)];

    public string Roles(IEnumerable<string> roles) => string.Join(localizer["、"], roles.Select(Role));

    /// <summary>Stored text that may be a resource key (a field label, an enum name) or plain data.</summary>
    public string Text(string? text) => string.IsNullOrEmpty(text) ? "—" : localizer[text];

    /// <summary>A service's message, with its arguments localised too where they are resource keys.</summary>
    public string Message(OperationResult result) => result.Message is null ? string.Empty : Message(result.Message, result.Args);

    /// <summary>A message key with its arguments, the arguments localised too where they are resource keys.</summary>
    public string Message(string message, object[]? args) =>
        localizer[message, (args ?? []).Select(a => a is string s ? (object)localizer[s].Value : a).ToArray()];

    /// <summary>A finding's status as a badge. Written here rather than as a partial view: tables show two per row.</summary>
    public IHtmlContent Badge(FindingStatus status) => new HtmlContentBuilder(3)
        .AppendHtml($"<span class=\"badge {StatusCss(status)}\" data-status=\"{status}\">")
        .Append(Name(status))
        .AppendHtml("</span>");

    /// <summary>A finding's light: the lamp and its name.</summary>
    public IHtmlContent Badge(Light light) => new HtmlContentBuilder(3)
        .AppendHtml($"<span class=\"light {LightCss(light)}\" data-light=\"{light}\"><span class=\"lamp\" aria-hidden=\"true\"></span>")
        .Append(Name(light))
        .AppendHtml("</span>");

    private static string StatusCss(FindingStatus status) => status switch
    {
        FindingStatus.Draft => "text-bg-secondary",
        FindingStatus.Assigned => "text-bg-info",
        FindingStatus.InProgress => "text-bg-primary",
        FindingStatus.Submitted => "text-bg-warning",
        FindingStatus.Returned => "text-bg-danger",
        FindingStatus.Closed => "text-bg-success",
        FindingStatus.Reopened => "text-bg-dark",
        _ => "text-bg-light",
    };

    /// <summary>The lamp's colour class; the light's name is always written next to it, never colour alone.</summary>
    public static string LightCss(Light light) => light switch
    {
        Light.Red => "light-red",
        Light.Yellow => "light-yellow",
        Light.Green => "light-green",
        Light.Blue => "light-blue",
        Light.ClosedOnTime => "light-closed",
        Light.ClosedLate => "light-closed-late",
        _ => "light-none",
    };
}
