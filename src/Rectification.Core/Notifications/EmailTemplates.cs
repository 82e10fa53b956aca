using System.Globalization;
using System.Text.RegularExpressions;
using Rectification.Core.Text;

namespace Rectification.Core.Notifications;

/// <summary>
/// The notification e-mails, in Chinese and in English. Unlike the interface, whose English lives in the
/// resource file, an e-mail is written outside any request's culture, so each template carries both languages
/// here (this file is listed as data in LocalizationTests and scripts/localization-keys.py).
/// </summary>
public static partial class EmailTemplates
{
    /// <summary>English for an English culture name (en, en-GB), Chinese for everything else, the app's default.</summary>
    public static EmailLanguage LanguageFor(string? cultureName) =>
        cultureName is not null && (cultureName.Equals("en", StringComparison.OrdinalIgnoreCase)
            || cultureName.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
            ? EmailLanguage.English
            : EmailLanguage.Chinese;

    /// <summary>交办: a finding was assigned to the recipient's unit.</summary>
    public static EmailContent FindingAssigned(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        return t.English
            ? t.Letter(
                $"New finding assigned: {title}",
                $"The inspection office has assigned the following finding to {data.UnitName}. Please claim it, set out the rectification measures and complete the rectification by the deadline.")
            : t.Letter(
                $"新交办问题:{title}",
                $"巡察办向{data.UnitName}交办了以下巡察反馈问题,请及时认领,制定整改措施,并在整改时限内完成整改。");
    }

    /// <summary>即将到期: the deadline is near.</summary>
    public static EmailContent DueSoon(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        var deadline = t.Date(Require(data.Deadline, nameof(data.Deadline), "DueSoon"));
        return t.English
            ? t.Letter(
                $"Due soon: {title}",
                $"The following finding is due on {deadline}. Please complete the rectification and apply for close-off in time.")
            : t.Letter(
                $"即将到期:{title}",
                $"以下问题的整改时限为{deadline},即将到期。请抓紧推进整改,按时申请销号。");
    }

    /// <summary>已超期: the deadline has passed, by <see cref="EmailTemplateData.DaysOverdue"/> days.</summary>
    public static EmailContent Overdue(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        var deadline = t.Date(Require(data.Deadline, nameof(data.Deadline), "Overdue"));
        var days = data.DaysOverdue > 0
            ? data.DaysOverdue
            : throw new ArgumentException("Overdue needs DaysOverdue of at least 1.", nameof(data));
        var daysText = days.ToString(CultureInfo.InvariantCulture);
        return t.English
            ? t.Letter(
                $"Overdue by {daysText} {(days == 1 ? "day" : "days")}: {title}",
                $"The following finding is {daysText} {(days == 1 ? "day" : "days")} past its deadline of {deadline}. Please rectify it without delay; if more time is truly needed, request an extension.")
            : t.Letter(
                $"已超期{daysText}天:{title}",
                $"以下问题已超过整改时限({deadline}){daysText}天,请立即推进整改;确需延期的,请提出延期申请。");
    }

    /// <summary>退回: the close-off request was returned, with the reason.</summary>
    public static EmailContent Returned(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        var reason = RequireText(data.Reason, nameof(data.Reason), "Returned");
        return t.English
            ? t.Letter(
                $"Close-off request returned: {title}",
                "The inspection office has returned the close-off request for the following finding. Please continue the rectification as advised and apply for close-off again.",
                ("Reason for return: ", reason))
            : t.Letter(
                $"销号申请被退回:{title}",
                "巡察办退回了以下问题的销号申请,请按退回意见继续整改后重新申请销号。",
                ("退回理由:", reason));
    }

    /// <summary>销号: the close-off request was approved and the finding is closed.</summary>
    public static EmailContent Approved(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        return t.English
            ? t.Letter(
                $"Closed off: {title}",
                "The inspection office has approved the close-off request for the following finding; the finding is closed.")
            : t.Letter(
                $"已销号:{title}",
                "以下问题的销号申请已经巡察办审核通过,予以销号。");
    }

    /// <summary>督办: a finding, or a whole unit when there is no finding title, is urged, with a message and an expected date.</summary>
    public static EmailContent Urged(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var message = RequireText(data.Message, nameof(data.Message), "Urged");
        var expected = data.ExpectedDate is { } date ? t.Date(date) : null;
        var forUnit = string.IsNullOrWhiteSpace(data.FindingTitle);
        if (t.English)
        {
            var what = forUnit ? $"The rectification work of {data.UnitName} is being urged." : "The following finding is being urged.";
            var ask = expected is null ? "Please acknowledge and report your progress." : $"Please acknowledge and report your progress by {expected}.";
            return t.Letter(forUnit ? $"Urged: {Line(data.UnitName)}" : $"Urged: {Line(data.FindingTitle!)}", $"{what} {ask}", ("Message: ", message));
        }

        var subject = forUnit ? $"督办:{Line(data.UnitName)}" : $"督办:{Line(data.FindingTitle!)}";
        var who = forUnit ? $"{data.UnitName}的巡察整改工作被督办" : "以下问题被督办";
        var when = expected is null ? "请及时签收并反馈整改进展。" : $"请及时签收,并于{expected}前反馈整改进展。";
        return t.Letter(subject, $"{who},{when}", ("督办意见:", message));
    }

    /// <summary>延期申请批准/驳回: with the new deadline (<see cref="EmailTemplateData.Deadline"/>) or the reason for rejecting.</summary>
    public static EmailContent ExtensionDecided(EmailTemplateData data, bool approved, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        if (approved)
        {
            var deadline = t.Date(Require(data.Deadline, nameof(data.Deadline), "An approved extension"));
            return t.English
                ? t.Letter($"Extension approved: {title}", $"The extension request for the following finding has been approved; the new deadline is {deadline}.")
                : t.Letter($"延期申请已批准:{title}", $"以下问题的延期申请已批准,整改时限调整为{deadline}。");
        }

        var reason = RequireText(data.Reason, nameof(data.Reason), "A rejected extension");
        var current = data.Deadline is { } due ? t.Date(due) : null;
        return t.English
            ? t.Letter(
                $"Extension rejected: {title}",
                current is null ? "The extension request for the following finding has been rejected." : $"The extension request for the following finding has been rejected; the deadline remains {current}.",
                ("Reason: ", reason))
            : t.Letter(
                $"延期申请被驳回:{title}",
                current is null ? "以下问题的延期申请被驳回。" : $"以下问题的延期申请被驳回,整改时限仍为{current}。",
                ("驳回理由:", reason));
    }

    private static Texts Start(EmailTemplateData data, EmailLanguage language)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Link.IsAbsoluteUri || (data.Link.Scheme != Uri.UriSchemeHttps && data.Link.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The link must be an absolute http(s) address, not \"{data.Link}\".", nameof(data));
        }

        return new Texts(data, language == EmailLanguage.English);
    }

    private static string RequireTitle(EmailTemplateData data) =>
        Line(RequireText(data.FindingTitle, nameof(data.FindingTitle), "This e-mail"));

    private static string RequireText(string? value, string field, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{what} needs {field}.") : value.Trim();

    private static DateOnly Require(DateOnly? value, string field, string what) =>
        value ?? throw new ArgumentException($"{what} needs {field}.");

    /// <summary>A title goes into the one-line subject: line breaks and runs of spaces become one space.</summary>
    private static string Line(string value) => Whitespace().Replace(value.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The wording both languages share the shape of: greeting, details, link and footer.</summary>
    private sealed class Texts(EmailTemplateData data, bool english)
    {
        public bool English => english;

        public string Date(DateOnly date) =>
            english ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) : ChineseDates.Format(date);

        public EmailContent Letter(string subject, string paragraph, params (string Label, string Value)[] notes) =>
            new EmailLetter(
                english ? EmailLanguage.English : EmailLanguage.Chinese,
                (english ? "[Rectification] " : "【巡察整改】") + subject,
                english ? $"Dear {data.RecipientName}," : $"{data.RecipientName},您好!",
                [paragraph],
                notes,
                Details(),
                english ? "Open it in the system: " : "在系统中查看:",
                data.Link,
                english
                    ? "This message was sent automatically by the Rectification system; please do not reply to it."
                    : "此邮件由巡察整改管理系统自动发送,请勿直接回复。").Render();

        private List<(string Label, string Value)> Details()
        {
            var details = new List<(string Label, string Value)>();
            if (!string.IsNullOrWhiteSpace(data.FindingTitle))
            {
                details.Add((english ? "Finding: " : "问题:", data.FindingTitle.Trim()));
            }

            if (!string.IsNullOrWhiteSpace(data.InspectionTitle))
            {
                details.Add((english ? "Inspection: " : "所属巡察:", data.InspectionTitle.Trim()));
            }

            details.Add((english ? "Responsible unit: " : "责任单位:", data.UnitName));
            if (!string.IsNullOrWhiteSpace(data.FindingTitle))
            {
                details.Add((english ? "Deadline: " : "整改时限:", data.Deadline is { } due ? Date(due) : english ? "not set" : "未设定"));
            }

            return details;
        }
    }
}
