using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Rectification.Core.Authorization;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Units;

[Authorize(Policies.Administration)]
[AuditTarget(typeof(OrgUnit))]
[AuditTarget(typeof(OrgUnit), "parentId")]
public sealed class UnitsController(UnitService units, IStringLocalizer<SharedResource> localizer, DisplayFormatter format)
    : AppController(format)
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await units.GetTreeAsync(cancellationToken));

    [HttpGet]
    public async Task<IActionResult> Create(int? parentId, CancellationToken cancellationToken) =>
        View("Form", await WithOptionsAsync(new UnitFormViewModel { Input = new UnitInput { ParentId = parentId } }, cancellationToken));

    [HttpPost]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] UnitInput input, CancellationToken cancellationToken)
    {
        var model = new UnitFormViewModel { Input = input };
        if (!ModelState.IsValid)
        {
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        var result = await units.CreateAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["单位已创建。"]);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var input = await units.GetForEditAsync(id, cancellationToken);
        return input is null ? NotFound() : View("Form", await WithOptionsAsync(new UnitFormViewModel { Id = id, Input = input }, cancellationToken));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Input")] UnitInput input, CancellationToken cancellationToken)
    {
        var model = new UnitFormViewModel { Id = id, Input = input };
        if (!ModelState.IsValid)
        {
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        var result = await units.UpdateAsync(id, input, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["单位已保存。"]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<UnitFormViewModel> WithOptionsAsync(UnitFormViewModel model, CancellationToken cancellationToken)
    {
        var options = await units.GetOptionsAsync(UserScope.System, cancellationToken);
        model.Parents = SelectListItems.ForUnits(options.Where(u => u.Id != model.Id));
        model.Kinds = Enum.GetValues<OrgUnitKind>().Select(k => new SelectListItem(Format.Name(k), k.ToString())).ToList();
        return model;
    }
}
