namespace Rectification.Core.Auditing;

/// <summary>Who acts and from where, for the audit entries of the current unit of work.</summary>
public interface IAuditContext
{
    string? UserId { get; }

    string UserName { get; }

    string? UnitPath { get; }

    string? ClientAddress { get; }

    DateTime UtcNow { get; }
}

/// <summary>Background work and start-up: the system acts, at the app's clock.</summary>
public sealed class SystemAuditContext(TimeProvider time) : IAuditContext
{
    public string? UserId => null;

    public string UserName => Scoping.UserScope.System.DisplayName;

    public string? UnitPath => null;

    public string? ClientAddress => null;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
