namespace Rectification.Core.Auditing;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>GB/T 22239 level 3 asks for at least six months: entries younger than this are never archived.</summary>
    public const int MinimumRetentionDays = 184;

    /// <summary>Entries older than this may be archived (exported, then removed from the database).</summary>
    public int RetentionDays { get; set; } = 365;

    /// <summary>Where archives are written; relative paths are under the content root.</summary>
    public string ArchiveRoot { get; set; } = "App_Data/audit-archive";

    /// <summary>The signed digests of the chain's head, kept outside the database (<c>Audit:Digest:*</c>).</summary>
    public AuditDigestOptions Digest { get; set; } = new();

    public int EffectiveRetentionDays => Math.Max(MinimumRetentionDays, RetentionDays);
}

/// <summary>
/// Where the chain's signed digests go and which key signs them (docs/adr/0005-audit-digests.md). Relative paths are
/// under the content root.
/// </summary>
public sealed class AuditDigestOptions
{
    /// <summary>
    /// The folder the digest files are appended to. Outside the database's folder by default (App_Data), so that
    /// whoever may write the database files need not write here; production points it at an append-only place.
    /// </summary>
    public string Folder { get; set; } = "audit-digests";

    /// <summary>The ECDSA P-256 private key (PEM) that signs digests. Required: without it the app does not start.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Create <see cref="SigningKeyFile"/> when it does not exist: for development and tests only.</summary>
    public bool CreateKeyIfMissing { get; set; }

    /// <summary>
    /// Public keys (PEM files) that verification trusts besides the signing key's own: earlier keys after a
    /// rotation, or every key for a verifier that holds no private key.
    /// </summary>
    public string? PublicKeysFolder { get; set; }

    /// <summary>This instance's name, which names its digest file; the machine's name when empty.</summary>
    public string? InstanceName { get; set; }

    /// <summary>How often a digest is written while the app runs (one is also written at start-up and at each archive run).</summary>
    public int IntervalMinutes { get; set; } = 60;
}
