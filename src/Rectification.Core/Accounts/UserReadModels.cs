namespace Rectification.Core.Accounts;

public sealed record UserListItem(
    string Id, string UserName, string DisplayName, string? Title, string UnitName, IReadOnlyList<string> Roles, bool IsActive, bool IsLockedOut);

/// <summary>A person as a picker offers them: name, 职务 and unit.</summary>
public sealed record UserOption(string Id, string DisplayName, string? Title, string UnitName);

public sealed class UserFilter
{
    public string? Text { get; set; }

    public int? UnitId { get; set; }

    public string? Role { get; set; }

    public int Page { get; set; } = 1;
}
