using Rectification.Core.Accounts;
using Rectification.Core.Findings;

namespace Rectification.Core.Notifications;

public enum NotificationKind
{
    Assigned = 0,
    DueSoon = 1,
    DeadlineReached = 2,
    Overdue = 3,
    Returned = 4,
    Approved = 5,
    Urged = 6,
    ExtensionApproved = 7,
    ExtensionRejected = 8,

    // A stored number never changes; 9–19 are unused.

    /// <summary>申请销号: a unit submitted a finding for close-off; the inspection office reviews it.</summary>
    SubmittedForReview = 20,

    /// <summary>回头看 due soon or due today: the unit answers it.</summary>
    FollowUpDue = 21,

    /// <summary>逾期未回头看: due and not answered; escalated like an overdue deadline.</summary>
    FollowUpLapsed = 22,

    /// <summary>A unit answered a 回头看; the inspection office reviews the answer.</summary>
    FollowUpAnswered = 23,

    /// <summary>An unfinished measure is past its own deadline.</summary>
    MeasureOverdue = 24,
}

/// <summary>
/// One message to one user, shown under the bell and, when mail is on and the user has an address, sent by e-mail
/// through the outbox (<see cref="EmailClaimedAt"/> makes each e-mail go out from one instance only).
/// </summary>
public class Notification
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public NotificationKind Kind { get; set; }

    public int? FindingId { get; set; }

    public Finding? Finding { get; set; }

    public int? UrgeId { get; set; }

    /// <summary>The finding's title (or the unit's name for a unit urge) when the notification was made.</summary>
    public required string Subject { get; set; }

    /// <summary>A reason, a message or a note, as the sender wrote it.</summary>
    public string? Detail { get; set; }

    /// <summary>A deadline, an expected date or a new deadline, as the kind requires.</summary>
    public DateOnly? Date { get; set; }

    public int? DaysOverdue { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>Whether an e-mail should go out for it (the user had an address when it was made).</summary>
    public bool EmailWanted { get; set; }

    public DateTime? EmailClaimedAt { get; set; }

    public DateTime? EmailSentAt { get; set; }

    public int EmailAttempts { get; set; }

    public string? EmailError { get; set; }
}

/// <summary>
/// A reminder that has been made: its key (kind, finding, deadline, recipient) is unique in the database, so
/// however many instances run the reminder job, and however often, each reminder exists once.
/// </summary>
public class ReminderLog
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public DateTime CreatedAt { get; set; }
}
