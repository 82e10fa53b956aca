using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Rectification.Core.Auditing;
using Rectification.Core.Common;
using Rectification.Core.Data;
using Rectification.Core.Text;
using Rectification.Core.Time;

namespace Rectification.Core.Accounts;

/// <summary>Accounts, roles and units of users, for administrators.</summary>
public sealed class UserAdminService(
    RectificationDbContext db, UserManager<AppUser> userManager, UserSessionService sessions, BusinessClock clock)
{
    public const int PageSize = 30;

    public async Task<PagedList<UserListItem>> ListAsync(UserFilter filter, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(u => u.UserName!.Contains(text) || u.DisplayName.Contains(text));
        }

        if (filter.UnitId is { } unitId)
        {
            // A unit that does not exist has no users (and no stand-in path: PostgreSQL refuses a NUL in a parameter).
            var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(cancellationToken);
            query = path is null ? query.Where(_ => false) : query.Where(u => u.Unit!.Path.StartsWith(path));
        }

        if (!string.IsNullOrEmpty(filter.Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == filter.Role).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        var total = await query.CountAsync(cancellationToken);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var now = new DateTimeOffset(clock.UtcNow);
        var rows = await query
            .OrderBy(u => u.Unit!.Path).ThenBy(u => u.UserName)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Title,
                UnitName = u.Unit!.Name,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                u.IsActive,
                u.LockoutEnd,
            })
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new UserListItem(
            r.Id, r.UserName!, r.DisplayName, r.Title, r.UnitName, r.Roles, r.IsActive, r.LockoutEnd > now)).ToList();
        return new PagedList<UserListItem>(items, page, PageSize, total);
    }

    /// <summary>Active people within a unit subtree, for pickers (responsible leader, responsible person).</summary>
    public async Task<IReadOnlyList<UserOption>> GetOptionsAsync(string? withinPath, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsNoTracking().Where(u => u.IsActive);
        if (withinPath is not null)
        {
            query = query.Where(u => u.Unit!.Path.StartsWith(withinPath));
        }

        return await query.OrderBy(u => u.Unit!.Path).ThenBy(u => u.DisplayName)
            .Select(u => new UserOption(u.Id, u.DisplayName, u.Title, u.Unit!.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<(UserInput Input, string UserName)?> GetForEditAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var input = new UserInput
        {
            DisplayName = user.DisplayName,
            Title = user.Title,
            UnitId = user.UnitId,
            Email = user.Email,
            Roles = [.. await userManager.GetRolesAsync(user)],
            IsActive = user.IsActive,
        };
        return (input, user.UserName!);
    }

    public async Task<OperationResult<string>> CreateAsync(NewUserInput input, CancellationToken cancellationToken = default)
    {
        if (await CheckAsync(input, cancellationToken) is { } invalid)
        {
            return OperationResult<string>.From(invalid);
        }

        var user = new AppUser
        {
            UserName = input.UserName!.Trim(),
            DisplayName = NameText.Clean(input.DisplayName),
            CreatedAt = clock.UtcNow,
            // An administrator chose this password; the user must replace it at first sign-in.
            MustChangePassword = true,
        };
        Copy(input, user);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await userManager.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return OperationResult<string>.From(ToResult(created, nameof(NewUserInput.Password)));
        }

        var roles = await userManager.AddToRolesAsync(user, input.Roles.Distinct());
        if (!roles.Succeeded)
        {
            return OperationResult<string>.From(ToResult(roles, nameof(UserInput.Roles)));
        }

        await transaction.CommitAsync(cancellationToken);
        return OperationResult<string>.Success(user.Id);
    }

    public async Task<OperationResult> UpdateAsync(string id, UserInput input, CancellationToken cancellationToken = default)
    {
        var user = await userManager.FindByIdAsync(id);
        if (user is null)
        {
            return OperationResult.NotFound;
        }

        if (await CheckAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var currentRoles = await userManager.GetRolesAsync(user);
        var wantedRoles = input.Roles.Distinct().ToList();
        var scopeChanged = user.UnitId != input.UnitId || user.IsActive != input.IsActive
            || !currentRoles.Order().SequenceEqual(wantedRoles.Order());
        var disabling = user.IsActive && !input.IsActive;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisplayName = NameText.Clean(input.DisplayName);
        Copy(input, user);
        var results = new List<IdentityResult>
        {
            await userManager.RemoveFromRolesAsync(user, currentRoles.Except(wantedRoles)),
            await userManager.AddToRolesAsync(user, wantedRoles.Except(currentRoles)),
        };

        // A new unit, new roles or a disabled account all change what the user may see: renew the stamp so
        // open sessions pick the change up (or end) at the next security-stamp validation.
        results.Add(scopeChanged ? await userManager.UpdateSecurityStampAsync(user) : await userManager.UpdateAsync(user));
        if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
        {
            return ToResult(failed, null);
        }

        if (disabling)
        {
            // Not even a minute more: the disabled account's sessions end with this transaction.
            await sessions.EndAllAsync(user.Id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok;
    }

    public async Task<OperationResult> ResetPasswordAsync(string id, string newPassword, CancellationToken cancellationToken = default)
    {
        var user = await userManager.FindByIdAsync(id);
        if (user is null)
        {
            return OperationResult.NotFound;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await userManager.GeneratePasswordResetTokenAsync(user);
        var reset = await userManager.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return ToResult(reset, "NewPassword");
        }

        user.MustChangePassword = true;
        db.Audit(AuditActions.PasswordReset, nameof(AppUser), user.Id);
        await userManager.UpdateAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok;
    }

    private async Task<OperationResult?> CheckAsync(UserInput input, CancellationToken cancellationToken)
    {
        // Names are shown to everyone: nothing invisible that reorders them (NameText), and something visible left.
        if (NameText.Clean(input.DisplayName).Length == 0)
        {
            return OperationResult.Invalid("请填写{0}", nameof(UserInput.DisplayName), "姓名");
        }

        if (!await db.Units.AnyAsync(u => u.Id == input.UnitId, cancellationToken))
        {
            return OperationResult.Invalid("所属单位不存在。", nameof(UserInput.UnitId));
        }

        if (input.Roles.Except(Roles.All).Any())
        {
            return OperationResult.Invalid("角色无效。", nameof(UserInput.Roles));
        }

        return input.Roles.Count == 0 ? OperationResult.Invalid("请至少选择一个角色。", nameof(UserInput.Roles)) : null;
    }

    private static void Copy(UserInput input, AppUser user)
    {
        user.Title = NameText.Clean(input.Title) is { Length: > 0 } title ? title : null;
        user.UnitId = input.UnitId!.Value;
        user.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        user.IsActive = input.IsActive;
    }

    private static OperationResult ToResult(IdentityResult result, string? field) =>
        OperationResult.Invalid(string.Join(" ", result.Errors.Select(e => e.Description)), field);
}
