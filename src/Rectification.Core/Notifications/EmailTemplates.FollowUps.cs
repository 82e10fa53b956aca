namespace Rectification.Core.Notifications;

/// <summary>The e-mails of close-off requests, 回头看 and measure deadlines.</summary>
public static partial class EmailTemplates
{
    /// <summary>申请销号: a unit submitted a finding for close-off; the inspection office reviews it.</summary>
    public static EmailContent SubmittedForReview(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        return t.English
            ? t.Letter(
                $"Close-off requested: {title}",
                $"{data.UnitName} has submitted the following finding for close-off. Please review its rectification and evidence.")
            : t.Letter(
                $"申请销号:{title}",
                $"{data.UnitName}已就以下问题申请销号,请审核整改情况和佐证材料。");
    }

    /// <summary>回头看 due: a long-term finding's follow-up falls due on <see cref="EmailTemplateData.Deadline"/>.</summary>
    public static EmailContent FollowUpDue(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        var due = t.Date(Require(data.Deadline, nameof(data.Deadline), "FollowUpDue"));
        return t.English
            ? t.Letter(
                $"Follow-up due: {title}",
                $"The follow-up check of the following long-term finding is due on {due}. Please report how the rectification is being kept up, with evidence.")
            : t.Letter(
                $"回头看即将到期:{title}",
                $"以下长期坚持类问题的回头看时间为{due}。请按时反馈整改成果巩固情况,并上传佐证材料。");
    }

    /// <summary>逾期未回头看: the follow-up is <see cref="EmailTemplateData.DaysOverdue"/> days past its date, unanswered.</summary>
    public static EmailContent FollowUpLapsed(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        var due = t.Date(Require(data.Deadline, nameof(data.Deadline), "FollowUpLapsed"));
        var days = Math.Max(1, data.DaysOverdue);
        return t.English
            ? t.Letter(
                $"Follow-up lapsed: {title}",
                $"The follow-up check of the following long-term finding was due on {due} and is {days} {(days == 1 ? "day" : "days")} late without an accepted answer. Please answer it without delay.")
            : t.Letter(
                $"逾期未回头看:{title}",
                $"以下长期坚持类问题的回头看时间为{due},已逾期{days}天未完成。请立即反馈整改成果巩固情况。");
    }

    /// <summary>回头看已反馈: a unit answered a follow-up; the inspection office reviews the answer.</summary>
    public static EmailContent FollowUpAnswered(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        return t.English
            ? t.Letter(
                $"Follow-up answered: {title}",
                $"{data.UnitName} has answered the follow-up check of the following long-term finding. Please review the answer: accept it, or reopen the finding.")
            : t.Letter(
                $"回头看已反馈:{title}",
                $"{data.UnitName}已反馈以下长期坚持类问题的回头看情况,请审核:通过,或重新打开问题。");
    }

    /// <summary>整改措施超期: an unfinished measure passed its own deadline (<see cref="EmailTemplateData.Deadline"/>).</summary>
    public static EmailContent MeasureOverdue(EmailTemplateData data, EmailLanguage language = EmailLanguage.Chinese)
    {
        var t = Start(data, language);
        var title = RequireTitle(data);
        var due = t.Date(Require(data.Deadline, nameof(data.Deadline), "MeasureOverdue"));
        var measure = RequireText(data.Message, nameof(data.Message), "MeasureOverdue");
        return t.English
            ? t.Letter(
                $"Measure overdue: {title}",
                $"A rectification measure of the following finding was due on {due} and is not done. Please complete it, or record that it is done.",
                ("Measure: ", measure))
            : t.Letter(
                $"整改措施已超期:{title}",
                $"以下问题的一项整改措施时限为{due},至今尚未完成。请抓紧落实,完成后及时登记。",
                ("整改措施:", measure));
    }
}
