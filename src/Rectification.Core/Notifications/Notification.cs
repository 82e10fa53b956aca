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
