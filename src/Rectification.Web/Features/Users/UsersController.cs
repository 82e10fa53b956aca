using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Users;

[Authorize(Policies.Administration)]
[AuditTarget(typeof(AppUser))]
public sealed class UsersController(
    UserAdminService users, UnitService units, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    public async Task<IActionResult> Index(UserFilter filter, CancellationToken cancellationToken)
    {
        var page = await users.ListAsync(filter, cancellationToken);
        return View(new UserIndexViewModel
        {
            Filter = filter,
            Users = page,
            Units = await UnitItemsAsync(cancellationToken),
            Roles = RoleItems(),
        });
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View(await WithOptionsAsync(new UserFormViewModel<NewUserInput>(), cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] NewUserInput input, CancellationToken cancellationToken)
    {
        var model = new UserFormViewModel<NewUserInput> { Input = input };
        if (!ModelState.IsValid)
        {
            return View(await WithOptionsAsync(model, cancellationToken));
        }

        var result = await users.CreateAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View(await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["用户已创建,首次登录时须修改密码。"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var found = await users.GetForEditAsync(id, cancellationToken);
        if (found is not { } user)
        {
            return NotFound();
        }

        var model = new UserFormViewModel<UserInput> { Id = id, UserName = user.UserName, Input = user.Input };
        return View(await WithOptionsAsync(model, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(string id, [Bind(Prefix = "Input")] UserInput input, CancellationToken cancellationToken)
    {
        var found = await users.GetForEditAsync(id, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var model = new UserFormViewModel<UserInput> { Id = id, UserName = found.Value.UserName, Input = input };
        if (!ModelState.IsValid)
        {
            return View(await WithOptionsAsync(model, cancellationToken));
        }

        var result = await users.UpdateAsync(id, input, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View(await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["用户已保存。"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> ResetPassword(string id, CancellationToken cancellationToken)
    {
        var found = await users.GetForEditAsync(id, cancellationToken);
        return found is null ? NotFound() : View(new ResetPasswordViewModel { Id = id, UserName = found.Value.UserName });
    }

    [HttpPost]
    public async Task<IActionResult> ResetPassword(ResetPasswordViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var result = await users.ResetPasswordAsync(model.Id, model.NewPassword!, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result);
            return View(model);
        }

        Flash(localizer["密码已重置,该用户下次登录时须修改密码。"]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<UserFormViewModel<T>> WithOptionsAsync<T>(UserFormViewModel<T> model, CancellationToken cancellationToken)
        where T : UserInput, new()
    {
        model.Units = await UnitItemsAsync(cancellationToken);
        model.Roles = RoleItems();
        return model;
    }

    private async Task<List<SelectListItem>> UnitItemsAsync(CancellationToken cancellationToken) =>
        SelectListItems.ForUnits(await units.GetOptionsAsync(UserScope.System, cancellationToken));

    private List<SelectListItem> RoleItems() => Roles.All.Select(r => new SelectListItem(Format.Role(r), r)).ToList();
}
