using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Rectification.Core.Accounts;
using Rectification.Core.Common;

namespace Rectification.Web.Features.Users;

public sealed class UserIndexViewModel
{
    public required UserFilter Filter { get; init; }

    public required PagedList<UserListItem> Users { get; init; }

    public IReadOnlyList<SelectListItem> Units { get; init; } = [];

    public IReadOnlyList<SelectListItem> Roles { get; init; } = [];
}

public sealed class UserFormViewModel<TInput>
    where TInput : UserInput, new()
{
    public string? Id { get; set; }

    public string? UserName { get; set; }

    public TInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Units { get; set; } = [];

    public IReadOnlyList<SelectListItem> Roles { get; set; } = [];
}

public sealed class ResetPasswordViewModel
{
    public string Id { get; set; } = string.Empty;

    public string? UserName { get; set; }

    [Display(Name = "新密码")]
    [Required(ErrorMessage = "请填写{0}")]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }
}
