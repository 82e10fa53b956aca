using Rectification.Core.Scoping;

namespace Rectification.Web.Infrastructure;

/// <summary>The current request's user scope, read once from the sign-in cookie's claims.</summary>
public sealed class HttpContextScope(IHttpContextAccessor accessor) : ICurrentScope
{
    private UserScope? _scope;

    public UserScope Scope => _scope ??= ScopeClaims.ToScope(accessor.HttpContext?.User);
}
