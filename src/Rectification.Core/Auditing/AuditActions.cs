namespace Rectification.Core.Auditing;

/// <summary>The actions the audit trail records. Stored as text so a reader of the table needs no code.</summary>
public static class AuditActions
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string StatusChange = "StatusChange";
    public const string RoleGranted = "RoleGranted";
    public const string RoleRevoked = "RoleRevoked";

    public const string Login = "Login";
    public const string LoginFailed = "LoginFailed";
    public const string Lockout = "Lockout";
    public const string Logout = "Logout";
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";

    public const string EvidenceUpload = "EvidenceUpload";
    public const string EvidenceDownload = "EvidenceDownload";
    public const string EvidencePreview = "EvidencePreview";
    public const string EvidenceTampered = "EvidenceTampered";
    public const string Export = "Export";
    public const string ReportPublished = "ReportPublished";
    public const string ReportUnpublished = "ReportUnpublished";
    public const string AccessDenied = "AccessDenied";
    public const string AuditArchived = "AuditArchived";
    public const string AuditExported = "AuditExported";

    public static readonly IReadOnlyList<string> All =
    [
        Create, Update, Delete, StatusChange, RoleGranted, RoleRevoked, Login, LoginFailed, Lockout, Logout, PasswordChanged,
        PasswordReset, EvidenceUpload, EvidenceDownload, EvidencePreview, EvidenceTampered, Export, ReportPublished,
        ReportUnpublished, AccessDenied, AuditArchived, AuditExported,
    ];
}
