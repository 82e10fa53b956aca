using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Rectification.Core.Accounts;
using Rectification.Core.Authorization;
using Rectification.Core.Inspections;
using Rectification.Core.Mechanisms;
using Rectification.Core.Reports;
using Rectification.Core.Scoping;
using Rectification.Core.Units;
using Rectification.Web.Infrastructure;

namespace Rectification.Web.Features.Inspections;

[AuditTarget(typeof(Inspection))]
public sealed class InspectionsController(
    InspectionService inspections,
    MechanismService mechanisms,
    Core.Visits.SiteVisitService visits,
    ReportService reports,
    IAuthorizationService authorization,
    UnitService units,
    UserAdminService people,
    IStringLocalizer<SharedResource> localizer,
    DisplayFormatter format) : AppController(format)
{
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default)
    {
        var list = await inspections.ListAsync(page, cancellationToken);
        return View(new InspectionIndexViewModel(list, ScopeClaims.ToScope(User).HasRole(Roles.InspectionOffice)));
    }

    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await inspections.GetDetailsAsync(id, User, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        // The register and the report belong to the inspection and show on its page.
        var register = await mechanisms.ListAsync(id, User, cancellationToken);
        var readsReport = (await authorization.AuthorizeAsync(User, Policies.ReadReports)).Succeeded;
        var report = readsReport ? await reports.ForInspectionAsync(id, cancellationToken) : null;
        var draftsReport = (await authorization.AuthorizeAsync(User, Policies.PublishReports)).Succeeded && details.CanEditReport;
        return View(new InspectionDetailsViewModel(details, register!, readsReport, report, draftsReport)
        {
            ReadsSiteVisits = await visits.MayViewAsync(id, User, cancellationToken),
        });
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Create(CancellationToken cancellationToken) =>
        View("Form", await WithOptionsAsync(new InspectionFormViewModel { Input = InspectionService.NewInput() }, cancellationToken));

    [HttpPost]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] InspectionInput input, CancellationToken cancellationToken)
    {
        var model = new InspectionFormViewModel { Input = input };
        if (!ModelState.IsValid)
        {
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        var result = await inspections.CreateAsync(input, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["巡察已创建。"]);
        return RedirectToAction(nameof(Details), new { id = result.Value });
    }

    [HttpGet]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var details = await inspections.GetDetailsAsync(id, User, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        if (!details.CanEdit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var (input, version) = (await inspections.GetForEditAsync(id, cancellationToken))!.Value;
        return View("Form", await WithOptionsAsync(new InspectionFormViewModel { Id = id, Version = version, Input = input }, cancellationToken));
    }

    [HttpPost]
    [Authorize(Policies.ManageInspections)]
    public async Task<IActionResult> Edit(int id, int version, [Bind(Prefix = "Input")] InspectionInput input, CancellationToken cancellationToken)
    {
        // Out of scope (404) or not the office covering it (403) before the form is read, as the GET answers.
        var header = await inspections.GetHeaderAsync(id, User, cancellationToken);
        if (header is null)
        {
            return NotFound();
        }

        if (!header.CanAddFinding)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var model = new InspectionFormViewModel { Id = id, Version = version, Input = input };
        if (!ModelState.IsValid)
        {
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        var result = await inspections.UpdateAsync(id, input, version, User, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            AddToModelState(result, "Input.");
            await ShowConflictAsync(result, model, () => inspections.GetForEditAsync(id, cancellationToken));
            return View("Form", await WithOptionsAsync(model, cancellationToken));
        }

        Flash(localizer["巡察已保存。"]);
        return RedirectToAction(nameof(Details), new { id });
    }

    private async Task<InspectionFormViewModel> WithOptionsAsync(InspectionFormViewModel model, CancellationToken cancellationToken)
    {
        var scope = ScopeClaims.ToScope(User);
        var unitOptions = await units.GetOptionsAsync(scope, cancellationToken);
        model.Units = SelectListItems.ForUnits(unitOptions);
        var personOptions = await people.GetOptionsAsync(scope.SeesEverything ? null : scope.UnitPath, cancellationToken);
        model.People = personOptions.Select(p => new SelectListItem($"{p.DisplayName}({p.Title ?? p.UnitName})", p.Id)).ToList();
        model.Statuses = Enum.GetValues<InspectionStatus>().Select(s => new SelectListItem(Format.Name(s), s.ToString())).ToList();
        return model;
    }
}
