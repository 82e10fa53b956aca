using Rectification.Core.Scoping;

namespace Rectification.Web.Infrastructure;

/// <summary>
/// The current request's user scope, read once from the sign-in cookie's claims. Start-up work (migrations and
/// seeding) runs without a request and sets <see cref="Override"/> to the system scope explicitly.
/// </summary>
public sealed class HttpContextScope(IHttpContextAccessor accessor) : ICurrentScope
{
    private UserScope? _scope;

    public UserScope? Override { get; set; }

    public UserScope Scope => Override ?? (_scope ??= ScopeClaims.ToScope(accessor.HttpContext?.User));
}
