using System.Security.Claims;
using Rectification.Core.Scoping;

namespace Rectification.Core.Common;

/// <summary>Who is acting, as recorded on timelines: the user's id and their name at that moment.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static Actor From(ClaimsPrincipal user)
    {
        var scope = ScopeClaims.ToScope(user);
        return new Actor(scope.UserId, scope.IsAuthenticated ? scope.DisplayName : UserScope.System.DisplayName);
    }
}
