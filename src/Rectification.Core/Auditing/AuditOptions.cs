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

    public int EffectiveRetentionDays => Math.Max(MinimumRetentionDays, RetentionDays);
}
