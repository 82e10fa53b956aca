namespace Rectification.Core.Auditing;

public enum AuditOutcome
{
    Success = 0,
    Failure = 1,

    /// <summary>Refused for scope or role: the user was answered 404 or 403.</summary>
    Denied = 2,

    /// <summary>A first step passed and a second awaited (the password was right; the authenticator code comes next).</summary>
    Pending = 3,
}

/// <summary>
/// One line of the tamper-evident audit trail (操作日志). Entries are only ever added. <see cref="Hash"/> is the
/// SHA-256 of the entry's content and <see cref="PreviousHash"/>, so editing, deleting, inserting or reordering any
/// entry breaks the chain at that point (see <see cref="AuditVerifier"/>).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Position in the chain: 1, 2, 3… without gaps, assigned under the chain head's lock.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC, truncated to whole milliseconds so every database stores exactly what was hashed.</summary>
    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public required string UserName { get; set; }

    /// <summary>The actor's unit path when they acted: the viewer shows an office only what its scope covers.</summary>
    public string? UnitPath { get; set; }

    public string? ClientAddress { get; set; }

    public required string Action { get; set; }

    public string? EntityType { get; set; }

    public string? EntityId { get; set; }

    public AuditOutcome Outcome { get; set; }

    /// <summary>JSON: for updates the changed fields' old and new values; otherwise what the action concerned.</summary>
    public string? Details { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>
/// The one row that holds the chain's end: the last sequence and hash, and where archived entries stopped. Locking
/// it serialises appends across connections and instances; it also lets verification notice a truncated chain.
/// </summary>
public class AuditChainHead
{
    public const int SingletonId = 1;
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public int Id { get; set; }

    public long LastSequence { get; set; }

    public required string LastHash { get; set; }

    /// <summary>Entries up to this sequence were archived (exported, then removed); 0 when none.</summary>
    public long ArchivedThroughSequence { get; set; }

    public required string ArchivedThroughHash { get; set; }
}
