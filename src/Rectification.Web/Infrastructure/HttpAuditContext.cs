using Rectification.Core.Auditing;
using Rectification.Core.Scoping;

namespace Rectification.Web.Infrastructure;

/// <summary>The signed-in user and their address, for the audit entries of this request; the system when there is no user.</summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor, TimeProvider time) : IAuditContext
{
    private UserScope Scope => ScopeClaims.ToScope(accessor.HttpContext?.User);

    public string? UserId => Scope.UserId;

    public string UserName => Scope.IsAuthenticated ? $"{accessor.HttpContext!.User.Identity!.Name}({Scope.DisplayName})" : "匿名";

    public string? UnitPath => Scope.IsAuthenticated ? Scope.UnitPath : null;

    /// <summary>The client's address; behind the reverse proxy, the forwarded-headers middleware has already put the real one here.</summary>
    public string? ClientAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;
}
