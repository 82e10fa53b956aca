using System.Linq.Expressions;

namespace Rectification.Core.Notifications;

/// <summary>What a saved notification says, read in one query for whichever channel delivers it.</summary>
public sealed record NotificationFacts(
    NotificationKind Kind,
    int? FindingId,
    string Subject,
    string? Detail,
    DateOnly? Date,
    int? DaysOverdue,
    string? InspectionTitle,
    string? UnitName);

/// <summary>
/// The one place where a notification becomes the words of an outgoing message: the e-mail to its recipient and
/// the post to a group robot both come from <see cref="Compose"/>, so a new kind added here reaches every channel.
/// </summary>
public static class NotificationLetters
{
    public static readonly Expression<Func<Notification, NotificationFacts>> Facts = n => new NotificationFacts(
        n.Kind,
        n.FindingId,
        n.Subject,
        n.Detail,
        n.Date,
        n.DaysOverdue,
        n.Finding!.Inspection!.Title,
        n.Finding.OwningUnit!.Name);

    /// <summary>The message for one recipient: a person, or (for a group robot) the unit whose group it is.</summary>
    public static EmailContent Compose(NotificationFacts item, string recipientName, EmailLanguage language, AppLinkOptions links)
    {
        var data = new EmailTemplateData
        {
            RecipientName = recipientName,
            FindingTitle = item.FindingId is null ? null : item.Subject,
            InspectionTitle = item.InspectionTitle,
            UnitName = item.UnitName ?? item.Subject,
            Deadline = item.Date,
            DaysOverdue = item.DaysOverdue ?? 0,
            Reason = item.Detail ?? "—",
            Message = item.Detail,
            ExpectedDate = item.Date,
            Link = links.Link(item.FindingId is { } findingId ? $"Findings/Details/{findingId}" : "Urges"),
        };
        return item.Kind switch
        {
            NotificationKind.Assigned => EmailTemplates.FindingAssigned(data, language),
            NotificationKind.DueSoon or NotificationKind.DeadlineReached => EmailTemplates.DueSoon(data, language),
            NotificationKind.Overdue => EmailTemplates.Overdue(data with { DaysOverdue = Math.Max(1, data.DaysOverdue) }, language),
            NotificationKind.Returned => EmailTemplates.Returned(data, language),
            NotificationKind.Approved => EmailTemplates.Approved(data, language),
            NotificationKind.Urged => EmailTemplates.Urged(data with { Message = item.Detail ?? "—" }, language),
            NotificationKind.ExtensionApproved => EmailTemplates.ExtensionDecided(data, approved: true, language),
            NotificationKind.ExtensionRejected => EmailTemplates.ExtensionDecided(data, approved: false, language),
            NotificationKind.SubmittedForReview => EmailTemplates.SubmittedForReview(data, language),
            NotificationKind.FollowUpDue => EmailTemplates.FollowUpDue(data, language),
            NotificationKind.FollowUpLapsed => EmailTemplates.FollowUpLapsed(data, language),
            NotificationKind.FollowUpAnswered => EmailTemplates.FollowUpAnswered(data, language),
            NotificationKind.MeasureOverdue => EmailTemplates.MeasureOverdue(data with { Message = item.Detail ?? "—" }, language),
            _ => throw new InvalidOperationException($"No message for {item.Kind}."),
        };
    }
}
