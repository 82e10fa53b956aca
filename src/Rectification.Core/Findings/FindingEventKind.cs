namespace Rectification.Core.Findings;

public enum FindingEventKind
{
    Created = 0,
    Edited = 1,
    ProgressUpdated = 2,
    Assigned = 10,
    Claimed = 11,
    Started = 12,
    Submitted = 13,
    Approved = 14,
    Returned = 15,
    Reopened = 16,
    EvidenceAdded = 20,
    EvidenceVersionAdded = 21,
    EvidenceDeleted = 22,
    EvidenceAccepted = 23,
    EvidenceRejected = 24,
    ExtensionRequested = 30,
    ExtensionApproved = 31,
    ExtensionRejected = 32,
    Urged = 40,
    UrgeAcknowledged = 41,
    FollowUpAnswered = 50,
    FollowUpAccepted = 51,
}
